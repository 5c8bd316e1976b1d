/** Adds a unit from inside another form (e.g. the 明白书 form) without leaving it. */
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { call } from '../api/client';
import type { Unit, UnitKind } from '../api/types';
import { useAction } from '../api/useRequest';
import { UNIT_KINDS } from './unitKinds';

interface Props {
  open: boolean;
  initialName: string;
  onClose: () => void;
  onCreated: (u: Unit) => void;
}

export function QuickUnitModal({ open, initialName, onClose, onCreated }: Props) {
  const [form] = Form.useForm<{ name: string; kind: UnitKind }>();
  const { run, pending } = useAction();
  useEffect(() => {
    if (open) form.setFieldsValue({ name: initialName, kind: '乡镇' });
  }, [open, initialName, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const r = await run(() => call('units:create', { name: v.name, kind: v.kind }), {
      success: (u) => `已添加单位“${u.name}”`,
    });
    if (r.ok) onCreated(r.value);
  };

  return (
    <Modal
      title="新增单位"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="添加并选用"
      confirmLoading={pending}
      destroyOnHidden
      width={420}
    >
      <Form form={form} layout="vertical" preserve={false} style={{ marginTop: 12 }}>
        <Form.Item
          name="name"
          label="单位名称"
          rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
        >
          <Input maxLength={100} placeholder="如 神垕镇、市住建局" autoFocus />
        </Form.Item>
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
