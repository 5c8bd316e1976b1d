/** Names printed on forms and archive volumes, and the clerk's name. */
import { Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useAppState } from '../app/AppState';
import { call } from '../api/client';
import type { Settings } from '../api/types';
import { useAction } from '../api/useRequest';

export function OfficeSettingsCard() {
  const { settings, reloadSettings } = useAppState();
  const [form] = Form.useForm<Settings>();
  const { run, pending } = useAction();

  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);

  const save = async () => {
    let v: Settings;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const r = await run(() => call('settings:update', { patch: v }), { success: '设置已保存' });
    if (r.ok) reloadSettings();
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

  return (
    <div className="page-card">
      <div className="card-title">单位与经办人</div>
      <Form<Settings> form={form} layout="horizontal" labelCol={{ flex: '112px' }} wrapperCol={{ flex: '480px' }} disabled={!settings}>
        <Form.Item name="officeName" label="办公室名称" rules={required('办公室名称')} extra="显示在程序顶部">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="committeeName" label="委员会名称" rules={required('委员会名称')} extra="打印在明白书落款处，如 禹州市安全生产委员会">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="fondsName" label="全宗名称" extra="案卷封面用">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="fondsCode" label="全宗号">
          <Input maxLength={50} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="clerkName" label="经办人" extra="默认的立卷人">
          <Input maxLength={50} style={{ width: 200 }} />
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
