/** Names printed on forms and archive volumes, and the clerk's name. */
import { Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useAppState } from '../app/AppState';
import { call } from '../api/client';
import type { ChannelInput } from '../api/client';
import { useAction } from '../api/useRequest';

type Values = Required<ChannelInput<'settings:update'>['patch']>;

/** The fields edited here (the settings record may hold others, edited elsewhere). */
const KEYS = ['officeName', 'committeeName', 'fondsName', 'fondsCode', 'categoryName', 'clerkName'] as const;

export function OfficeSettingsCard() {
  const { settings, reloadSettings } = useAppState();
  const [form] = Form.useForm<Values>();
  const { run, pending } = useAction();

  useEffect(() => {
    if (settings) form.setFieldsValue(Object.fromEntries(KEYS.map((k) => [k, settings[k] ?? ''])) as Values);
  }, [settings, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const patch = Object.fromEntries(KEYS.map((k) => [k, (v[k] ?? '').trim()])) as Values;
    const r = await run(() => call('settings:update', { patch }), { success: '设置已保存' });
    if (r.ok) reloadSettings();
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

  return (
    <div className="page-card">
      <div className="card-title">单位与经办人</div>
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '100px' }}
        wrapperCol={{ flex: 'auto' }}
        disabled={!settings}
      >
        <Form.Item name="officeName" label="办公室名称" rules={required('办公室名称')} extra="显示在程序顶部">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="committeeName"
          label="委员会名称"
          rules={required('委员会名称')}
          extra="打印在明白书落款处，如 禹州市安全生产委员会"
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="fondsName" label="全宗名称" extra="案卷封面用">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="fondsCode" label="全宗号" extra="档号的第一段；封卷时必须填写">
          <Input maxLength={50} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="categoryName" label="类目名称" extra="案卷封面上的类目名称，如 安全生产；各案卷可另行填写">
          <Input maxLength={50} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="clerkName" label="经办人" extra="默认的立卷人">
          <Input maxLength={50} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Button type="primary" onClick={save} loading={pending}>
            保存设置
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}
