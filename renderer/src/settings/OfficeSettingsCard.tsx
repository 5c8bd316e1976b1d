/** Names printed on forms and archive volumes, and the clerk's name. */
import { Button, Form, Input, Radio } from 'antd';
import { MODE_WORDS } from '../../../core/domain/archiveMode';
import { useEffect } from 'react';
import { useAppState } from '../app/AppState';
import { call } from '../api/client';
import type { ChannelInput } from '../api/client';
import { useAction } from '../api/useRequest';

type Values = Required<ChannelInput<'settings:update'>['patch']>;

/** The fields edited here (the settings record may hold others, edited elsewhere). */
const KEYS = [
  'officeName',
  'committeeName',
  'fondsName',
  'fondsCode',
  'categoryName',
  'orgCode',
  'archiveMode',
  'clerkName',
] as const;

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
    patch.archiveMode = v.archiveMode === 'piece' ? 'piece' : 'volume';
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
        <Form.Item name="fondsCode" label="全宗号" extra="档号的第一段，如 A012；封卷、装盒前必须填写">
          <Input maxLength={50} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="categoryName" label="类目名称" extra="案卷封面上的类目名称，如 安全生产；各案卷可另行填写">
          <Input maxLength={50} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          name="orgCode"
          label="机构代码"
          rules={[{ pattern: /^[A-Za-z0-9]{0,10}$/, message: '只能是 1–10 位字母或数字，如 AW' }]}
          extra="机构（问题）代码，用于档号和归档章，如 AW（安委办）；按件归档装盒前必须填写"
        >
          <Input maxLength={10} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          name="archiveMode"
          label="归档方式"
          extra={`按件归档：${MODE_WORDS.piece.standard}，以件为单位编件号，装入档案盒，打印归档文件目录、盒内备考表和盒脊。组卷：${MODE_WORDS.volume.standard}，组成案卷，打印案卷封面、卷内目录和卷内备考表。已封卷（装盒）的保持原方式。`}
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'piece', label: '按件归档（DA/T 22）' },
              { value: 'volume', label: '组卷（GB/T 9705）' },
            ]}
          />
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
