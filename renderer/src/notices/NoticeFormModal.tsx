/** Add or edit a notice; the 文号 is checked as it is typed with the same rules the server applies. */
import { Alert, Col, Form, Input, Modal, Row } from 'antd';
import { DateInput } from '../components/DateInput';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { parseDocNo } from '../../../core/domain/docNo';
import { call } from '../api/client';
import type { Notice } from '../api/types';
import { useAction } from '../api/useRequest';
import { fromIso, toIso } from '../components/format';

interface Values {
  docNo: string;
  title: string;
  issuedOn: Dayjs | null;
  deadline: Dayjs | null;
  notes?: string;
}

interface Props {
  open: boolean;
  editing: Notice | null;
  onClose: () => void;
  onSaved: (n: Notice) => void;
}

export function NoticeFormModal({ open, editing, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { run, pending } = useAction();
  const [serverError, setServerError] = useState<string | null>(null);
  const docNo = Form.useWatch('docNo', form);
  const parsed = docNo ? parseDocNo(docNo) : null;

  useEffect(() => {
    if (!open) return;
    setServerError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        docNo: editing.docNo,
        title: editing.title,
        issuedOn: fromIso(editing.issuedOn),
        deadline: fromIso(editing.deadline),
        notes: editing.notes ?? '',
      });
    }
  }, [open, editing, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const input = {
      docNo: v.docNo,
      title: v.title,
      issuedOn: toIso(v.issuedOn),
      deadline: toIso(v.deadline),
      notes: v.notes?.trim() || null,
    };
    const r = await run(
      () => (editing ? call('notices:update', { id: editing.id, patch: input }) : call('notices:create', input)),
      {
        success: (n) => (editing ? `已修改通知 ${n.docNo}` : `已登记通知 ${n.docNo}`),
        silentError: true,
      },
    );
    if (r.ok) onSaved(r.value);
    else setServerError(r.error);
  };

  return (
    <Modal
      title={editing ? `编辑通知 · ${editing.docNo}` : '登记通知文件'}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={pending}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {serverError ? (
        <Alert
          type="error"
          showIcon
          title={`未保存：${serverError}`}
          style={{ margin: '12px 0' }}
          data-testid="notice-form-error"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        onValuesChange={() => serverError && setServerError(null)}
      >
        <Form.Item
          name="docNo"
          label="文号"
          validateFirst
          rules={[
            { required: true, whitespace: true, message: '请填写文号，如 禹安〔2023〕1号' },
            {
              validator: (_, v: string) => {
                const p = parseDocNo(v ?? '');
                return p.ok ? Promise.resolve() : Promise.reject(new Error(p.message));
              },
            },
          ]}
          extra={
            parsed?.ok && parsed.value.text !== docNo?.trim()
              ? `将保存为：${parsed.value.text}`
              : '格式：发文机关代字〔年份〕序号号，方括号可输入 [ ] 或【】，会自动转换'
          }
        >
          <Input maxLength={50} placeholder="如 禹安〔2023〕1号" />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写通知标题' }]}>
          <Input.TextArea
            maxLength={300}
            autoSize={{ minRows: 1, maxRows: 3 }}
            placeholder="如 关于开展安全生产对话谈心活动的通知"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="issuedOn" label="发文日期">
              <DateInput style={{ width: '100%' }} label="发文日期" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="deadline"
              label="报送截止日期"
              dependencies={['issuedOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, d: Dayjs | null) => {
                    const issued = getFieldValue('issuedOn') as Dayjs | null;
                    return d && issued && d.isBefore(issued, 'day')
                      ? Promise.reject(new Error('报送截止日期不能早于发文日期'))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DateInput style={{ width: '100%' }} label="报送截止日期" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label="备注">
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
