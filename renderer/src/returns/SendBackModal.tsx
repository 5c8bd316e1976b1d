/** 退回修改: the unit must send the return again; the reason is required and kept. */
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';
import { kindLabel, type ReturnView } from './types';

const REASONS = ['未加盖单位公章', '未经主要负责同志审定', '超出字数上限，请精简', '内容不全，请补充工作进展情况'];

export function SendBackModal({
  target,
  onClose,
  onDone,
}: {
  target: ReturnView | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useAction();
  useEffect(() => {
    if (target) {
      form.resetFields();
      setError(null);
    }
  }, [target, form]);
  const submit = async () => {
    let v: { reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const r = await run(() => call('returns:sendBack', { id: target!.id, reason: v.reason.trim() }), {
      success: '已退回修改',
      silentError: true,
    });
    if (r.ok) onDone();
    else setError(r.error);
  };
  return (
    <Modal
      title="退回修改"
      open={!!target}
      onCancel={onClose}
      onOk={submit}
      okText="退回"
      okButtonProps={{ danger: true }}
      confirmLoading={pending}
      destroyOnHidden
    >
      {target ? (
        <div className="cell-sub" style={{ marginBottom: 12 }}>
          {target.unitName} · {kindLabel(target.kind)} · {target.docNo}（{target.receivedDate} 收到）
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="退回原因"
          rules={[{ required: true, whitespace: true, message: '请填写退回修改的原因' }]}
        >
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 3, maxRows: 6 }}
            placeholder="将写入催报清单，告知报送单位需要修改什么"
          />
        </Form.Item>
        <div className="reason-chips">
          {REASONS.map((r) => (
            <a key={r} onClick={() => form.setFieldValue('reason', r)}>
              {r}
            </a>
          ))}
        </div>
      </Form>
    </Modal>
  );
}
