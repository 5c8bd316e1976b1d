/** Drawer with the 明白书 form, for a new entry or to edit one. Server messages land on the field they name. */
import { SaveErrorAlert } from '../components/SaveErrorAlert';
import { Button, Col, Drawer, Form, Input, Row, Switch, Typography } from 'antd';
import { DateInput } from '../components/DateInput';
import { useFormDrawer } from '../components/useFormDrawer';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { PLEDGE_LEVELS, pledgeLevel } from '../../../core/domain/pledgeLevels';
import { call } from '../api/client';
import type { Notice, PledgeView, Unit } from '../api/types';
import { useAction } from '../api/useRequest';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';
import { isFuture } from '../components/format';
import { LevelSelect } from './LevelSelect';
import { ScanListField } from './ScanListField';
import {
  emptyValues,
  fieldOfMessage,
  inputFromValues,
  valuesFromPledge,
  type PledgeFormValues,
} from './pledgeFormModel';

interface Props {
  open: boolean;
  /** The entry being edited; null for a new one. */
  editing: PledgeView | null;
  defaultNoticeId?: number;
  units: Unit[];
  notices: Notice[];
  onUnitCreated: (u: Unit) => void;
  onClose: () => void;
  onSaved: (p: PledgeView) => void;
}

const notFuture = (label: string) => ({
  validator: (_: unknown, v: Dayjs | null | undefined) =>
    v && isFuture(v) ? Promise.reject(new Error(`${label}不能晚于今天`)) : Promise.resolve(),
});

const DEFAULT_CUSTODIES = new Set(PLEDGE_LEVELS.map((l) => l.defaultCustody));

export function PledgeFormDrawer({
  open,
  editing,
  defaultNoticeId,
  units,
  notices,
  onUnitCreated,
  onClose,
  onSaved,
}: Props) {
  const [form] = Form.useForm<PledgeFormValues>();
  const [serverError, setServerError] = useState<string | null>(null);
  const { run, pending } = useAction();
  const signed = Form.useWatch('signed', form);

  useEffect(() => {
    if (!open) return;
    setServerError(null);
    form.resetFields();
    form.setFieldsValue(editing ? valuesFromPledge(editing) : emptyValues({ noticeId: defaultNoticeId }));
  }, [open, editing, defaultNoticeId, form]);

  const onValuesChange = (changed: Partial<PledgeFormValues>) => {
    if (changed.level !== undefined) {
      // Pre-fill 留存单位 from 附件2 unless the clerk typed something of their own.
      const current = (form.getFieldValue('custody') as string | undefined)?.trim() ?? '';
      const def = pledgeLevel(changed.level)?.defaultCustody;
      if (def && (!current || DEFAULT_CUSTODIES.has(current))) form.setFieldValue('custody', def);
    }
    if (changed.signed === false) form.setFieldValue('signedDate', null);
    if (serverError) setServerError(null);
  };

  /** `confirmDuplicate`: the clerk read the 疑似重复 message and pressed 仍然保存. */
  const submit = async (confirmDuplicate = false) => {
    let values: PledgeFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = {
      ...inputFromValues({ ...form.getFieldsValue(true), ...values }),
      ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
    };
    const r = await run(
      () => (editing ? call('pledges:update', { id: editing.id, patch: input }) : call('pledges:create', input)),
      { success: editing ? '明白书已修改' : '明白书已登记', silentError: true },
    );
    if (r.ok) {
      onSaved(r.value);
      return;
    }
    setServerError(r.error);
    const field = fieldOfMessage(r.error);
    if (field) form.setFields([{ name: field, errors: [r.error] }]);
  };

  const { requestClose } = useFormDrawer({ open, forms: [form], onClose, onSave: () => void submit() });

  return (
    <Drawer
      title={editing ? `编辑明白书（${editing.talkeeName}）` : '登记明白书'}
      open={open}
      onClose={requestClose}
      size={760}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
          <Button onClick={requestClose}>取消</Button>
          <Button type="primary" onClick={() => void submit()} loading={pending} data-testid="pledge-save">
            保存
          </Button>
        </div>
      }
    >
      <SaveErrorAlert
        error={serverError}
        pending={pending}
        onConfirmDuplicate={() => void submit(true)}
        testId="pledge"
      />
      <Form<PledgeFormValues>
        form={form}
        layout="vertical"
        onValuesChange={onValuesChange}
        requiredMark
        className="pledge-form"
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="noticeId" label="依据通知" tooltip="该明白书是按哪份通知要求签订的；用于统计签订覆盖情况">
              <NoticeSelect notices={notices} allowClear placeholder="选择通知文件（可不选）" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="level" label="谈话层级" rules={[{ required: true, message: '请选择谈话层级' }]}>
              <LevelSelect />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary" className="form-section">
          谈话双方
        </Typography.Text>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="talkerName"
              label="谈话人"
              rules={[{ required: true, whitespace: true, message: '请填写谈话人姓名' }]}
            >
              <Input maxLength={100} placeholder="姓名" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="talkerTitle"
              label="谈话人职务"
              rules={[{ required: true, whitespace: true, message: '请填写谈话人职务' }]}
            >
              <Input maxLength={100} placeholder="如 市委书记、副市长" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="talkeeName"
              label="谈话对象"
              rules={[{ required: true, whitespace: true, message: '请填写谈话对象姓名' }]}
            >
              <Input maxLength={100} placeholder="姓名" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="talkeeTitle"
              label="谈话对象职务"
              rules={[{ required: true, whitespace: true, message: '请填写谈话对象职务' }]}
            >
              <Input maxLength={100} placeholder="如 镇长、局长、总经理" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="talkeeUnitId"
              label="谈话对象单位"
              rules={[{ required: true, message: '请选择谈话对象所在单位' }]}
              extra={
                editing && editing.talkeeUnitId === null && editing.talkeeUnitName
                  ? `导入时的单位名称为“${editing.talkeeUnitName}”，名录中没有，请选择或新增该单位`
                  : undefined
              }
            >
              <UnitSelect units={units} onCreated={onUnitCreated} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="reportingUnitId" label="报送单位" tooltip="计入哪个单位的签订任务；不选则计入谈话对象单位">
              <UnitSelect units={units} allowClear placeholder="默认为谈话对象单位" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary" className="form-section">
          谈话与签订
        </Typography.Text>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="talkDate"
              label="谈话日期"
              rules={[{ required: true, message: '请选择谈话日期' }, notFuture('谈话日期')]}
            >
              <DateInput style={{ width: '100%' }} notFuture label="谈话日期" placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="signed" label="签订情况" valuePropName="checked">
              <Switch checkedChildren="已签订" unCheckedChildren="未签订" />
            </Form.Item>
          </Col>
          <Col span={11}>
            <Form.Item
              name="signedDate"
              label="签订日期"
              required={!!signed}
              rules={[notFuture('签订日期'), { required: !!signed, message: '已签订的明白书请填写签订日期' }]}
            >
              <DateInput
                style={{ width: '100%' }}
                notFuture
                label="签订日期"
                disabled={!signed}
                placeholder={signed ? '选择日期' : '未签订'}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="custody" label="留存单位" tooltip="选择谈话层级后按附件2自动填写，可修改">
              <Input maxLength={200} placeholder="选择谈话层级后自动填写" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="scans" label="扫描件">
              <ScanListField />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
