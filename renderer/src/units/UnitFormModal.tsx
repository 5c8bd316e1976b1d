/** Add or edit a unit of the directory, with its aliases (other spellings used in returned spreadsheets). */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Col, Form, Input, Modal, Row, Select, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import type { Unit, UnitKind } from '../api/types';
import { useAction } from '../api/useRequest';
import { UNIT_KINDS } from './unitKinds';

interface Values {
  name: string;
  kind: UnitKind;
  aliases: string[];
  contact?: string;
  phone?: string;
  notes?: string;
}

interface Props {
  open: boolean;
  editing: Unit | null;
  onClose: () => void;
  onSaved: (u: Unit) => void;
}

const RENAME_HINT = '修改名称后，原名称会自动保存为别名，导入各单位报表时仍能识别';

export function UnitFormModal({ open, editing, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { run, pending } = useAction();
  const [serverError, setServerError] = useState<string | null>(null);
  const name = Form.useWatch('name', form);
  const renaming = !!editing && !!name && name.trim() !== editing.name;

  useEffect(() => {
    if (!open) return;
    setServerError(null);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            name: editing.name,
            kind: editing.kind,
            aliases: editing.aliases,
            contact: editing.contact ?? '',
            phone: editing.phone ?? '',
            notes: editing.notes ?? '',
          }
        : { kind: '乡镇', aliases: [] },
    );
  }, [open, editing, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const input = {
      name: v.name,
      kind: v.kind,
      aliases: (v.aliases ?? []).map((a) => a.trim()).filter(Boolean),
      contact: v.contact?.trim() || null,
      phone: v.phone?.trim() || null,
      notes: v.notes?.trim() || null,
    };
    const r = await run(
      () => (editing ? call('units:update', { id: editing.id, patch: input }) : call('units:create', input)),
      {
        success: (u) =>
          editing
            ? u.name !== editing.name
              ? `已更名为“${u.name}”，原名称已保存为别名`
              : `已修改“${u.name}”`
            : `已添加单位“${u.name}”`,
        silentError: true,
      },
    );
    if (r.ok) onSaved(r.value);
    else setServerError(r.error);
  };

  return (
    <Modal
      title={editing ? `编辑单位 · ${editing.name}` : '新增单位'}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={pending}
      width={620}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {serverError ? (
        <Alert
          type="error"
          showIcon
          title={`未保存：${serverError}`}
          style={{ margin: '12px 0' }}
          data-testid="unit-form-error"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        onValuesChange={() => serverError && setServerError(null)}
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="name"
              label={
                <span>
                  单位名称
                  {editing ? (
                    <Tooltip title={RENAME_HINT}>
                      <InfoCircleOutlined
                        style={{ marginLeft: 6, color: 'rgba(0,0,0,0.45)' }}
                        aria-label={RENAME_HINT}
                      />
                    </Tooltip>
                  ) : null}
                </span>
              }
              rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
              extra={renaming ? `保存后“${editing.name}”将作为别名保留` : undefined}
            >
              <Input maxLength={100} placeholder="规范全称，如 神垕镇、禹州市住房和城乡建设局" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select options={UNIT_KINDS.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="aliases"
          label="别名"
          tooltip="各单位报表里出现的其他写法，如“神垕镇人民政府”“神垕镇安办”；输入后按回车添加"
        >
          <Select
            mode="tags"
            placeholder="输入别名后按回车"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、']}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="contact" label="联系人">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="联系电话">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label="备注">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
