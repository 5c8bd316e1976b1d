/** 新增/编辑隐患: every field of the ledger, grouped as the paper ledger is (基本信息, 五落实, 整改与验收, 附件). */
import { SaveErrorAlert } from '../components/SaveErrorAlert';
import {
  AutoComplete,
  Button,
  Col,
  Drawer,
  Form,
  Input,
  Radio,
  Row,
  Segmented,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { HAZARD_CATEGORIES, HAZARD_SOURCES, HAZARD_STATUSES, INDUSTRIES } from '../../../core/domain/hazard';
import { isBackward, skippedSteps } from '../../../core/domain/closure';
import { call } from '../api/client';
import type { Notice, Unit } from '../api/types';
import { useAction } from '../api/useRequest';
import { DateInput } from '../components/DateInput';
import { useFormDrawer } from '../components/useFormDrawer';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';
import { isFuture } from '../components/format';
import { AttachmentListField } from './AttachmentListField';
import {
  ATTACHMENT_ROLES,
  emptyHazardValues,
  fieldOfMessage,
  inputFromValues,
  valuesFromHazard,
  type HazardFormValues,
} from './hazardFormModel';
import { yuanToFen } from './money';
import type { HazardStatus, HazardView } from './types';

interface Props {
  open: boolean;
  editing: HazardView | null;
  units: Unit[];
  townships: Unit[];
  notices: Notice[];
  onUnitCreated: (u: Unit) => void;
  onClose: () => void;
  onSaved: (h: HazardView) => void;
}

const DEADLINE_WORDS = ['立即整改', '本月底前', '限期一周', '限期一个月', '停产整改'].map((value) => ({ value }));

const notFuture = (label: string) => ({
  validator: (_: unknown, v: Dayjs | null | undefined) =>
    v && isFuture(v) ? Promise.reject(new Error(`${label}不能晚于今天`)) : Promise.resolve(),
});

const Section = ({ children }: { children: string }) => (
  <Typography.Text type="secondary" className="form-section">
    {children}
  </Typography.Text>
);

export function HazardFormDrawer({ open, editing, units, townships, notices, onUnitCreated, onClose, onSaved }: Props) {
  const [form] = Form.useForm<HazardFormValues>();
  const [serverError, setServerError] = useState<string | null>(null);
  // The refusal is shown above the form: brought into view, since the clerk saves from the bottom of it.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (serverError) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [serverError]);
  const { run, pending } = useAction();
  const status = Form.useWatch('status', form);
  const deadlineMode = Form.useWatch('deadlineMode', form);
  const level = Form.useWatch('level', form);
  const supervised = Form.useWatch('supervised', form);

  useEffect(() => {
    if (!open) return;
    setServerError(null);
    form.resetFields();
    form.setFieldsValue(editing ? valuesFromHazard(editing) : emptyHazardValues());
  }, [open, editing, form]);

  /** `confirmDuplicate`: the clerk read the 疑似重复 message and pressed 仍然保存 (it is another hazard). */
  const submit = async (confirmDuplicate = false) => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as HazardFormValues;
    const input = { ...inputFromValues(values), ...(confirmDuplicate ? { confirmDuplicate: true } : {}) };
    const r = await run(
      () => (editing ? call('hazards:update', { id: editing.id, patch: input }) : call('hazards:create', input)),
      {
        success: editing ? '隐患已修改' : '隐患已登记',
        silentError: true,
      },
    );
    if (r.ok) {
      onSaved(r.value);
      return;
    }
    setServerError(r.error);
    const field = fieldOfMessage(r.error);
    if (field) form.setFields([{ name: field, errors: [r.error] }]);
  };

  const statusChanged = !!editing && status !== editing.status;
  // The closure path: a new hazard starts 未整改 or 整改中; an edit moves one step forward, or back with a reason.
  const skips = (s: HazardStatus) =>
    editing ? skippedSteps(editing.status, s) : HAZARD_STATUSES.slice(1, Math.max(1, HAZARD_STATUSES.indexOf(s)));
  const goingBack = !!editing && !!status && isBackward(editing.status, status);
  const done = status === '已整改' || status === '已验收销号';

  const { requestClose } = useFormDrawer({ open, forms: [form], onClose, onSave: () => void submit() });

  return (
    <Drawer
      title={editing ? `编辑隐患（${editing.hazardNo ?? '未编号'}）` : '新增隐患'}
      open={open}
      onClose={requestClose}
      size={820}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
          <Button onClick={requestClose}>取消</Button>
          <Button type="primary" onClick={() => void submit()} loading={pending} data-testid="hazard-save">
            保存
          </Button>
        </div>
      }
    >
      <div ref={errorRef}>
        <SaveErrorAlert
          error={serverError}
          pending={pending}
          onConfirmDuplicate={() => void submit(true)}
          testId="hazard"
        />
      </div>
      <Form<HazardFormValues>
        form={form}
        layout="vertical"
        className="hazard-form"
        onValuesChange={() => serverError && setServerError(null)}
      >
        <Section>基本信息</Section>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="enterpriseName"
              label="隐患单位"
              rules={[{ required: true, whitespace: true, message: '请填写隐患单位（生产经营单位）名称' }]}
            >
              <Input maxLength={200} placeholder="生产经营单位名称" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="townshipUnitId" label="乡镇（街道）">
              <UnitSelect units={townships} allowClear placeholder="选择乡镇" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="village" label="村（社区）">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="hazardNo" label="隐患编号" tooltip="乡镇台账上的编号，可不填">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="industry" label="行业领域">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={INDUSTRIES.map((i) => ({ value: i, label: i }))}
                placeholder="选择行业"
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="category"
              label="隐患类别"
              tooltip="可能导致的事故类型或隐患类型，如高处坠落、触电、消防安全；与行业领域分开"
            >
              <AutoComplete
                allowClear
                maxLength={50}
                options={HAZARD_CATEGORIES.map((i) => ({ value: i }))}
                placeholder="选择或填写"
                filterOption
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="level" label="隐患等级">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: '一般', label: '一般' },
                  { value: '重大', label: '重大' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="supervised"
              label="挂牌督办"
              valuePropName="checked"
              extra={level === '重大' ? '重大隐患一律挂牌督办' : undefined}
            >
              <Switch checkedChildren="是" unCheckedChildren="否" disabled={level === '重大'} />
            </Form.Item>
          </Col>
          {level === '重大' || supervised ? (
            <>
              <Col span={10}>
                <Form.Item name="supervisingUnit" label="督办单位">
                  <Input maxLength={100} placeholder="如：禹州市安全生产委员会办公室" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="supervisionDeadline" label="督办期限">
                  <DateInput style={{ width: '100%' }} label="督办期限" />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col span={24}>
            <Form.Item
              name="description"
              label="隐患描述"
              rules={[{ required: true, whitespace: true, message: '请填写隐患描述' }]}
            >
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} showCount />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="location" label="隐患部位">
              <Input maxLength={500} placeholder="如 生产车间、储罐区" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label="隐患来源">
              <Select allowClear options={HAZARD_SOURCES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="foundDate" label="发现日期" rules={[notFuture('发现日期')]}>
              <DateInput style={{ width: '100%' }} notFuture label="发现日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="foundBy" label="检查人">
              <Input maxLength={100} placeholder="如 应急管理局 张伟" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="noticeId" label="依据通知">
              <NoticeSelect notices={notices} allowClear placeholder="可不选" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="reportingUnitId" label="报送单位" tooltip="哪个单位的台账报来的">
              <UnitSelect units={units} allowClear placeholder="可不选" onCreated={onUnitCreated} />
            </Form.Item>
          </Col>
        </Row>

        <Section>{level === '重大' ? '五落实（重大事故隐患须全部落实）' : '五落实'}</Section>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="responsibleUnit" label="整改责任单位">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="responsiblePerson" label="整改责任人">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="measures" label="整改措施">
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="fundsYuan"
              label="整改资金（元）"
              rules={[
                {
                  validator: (_, v: string | undefined) => {
                    try {
                      yuanToFen(v);
                      return Promise.resolve();
                    } catch (e) {
                      return Promise.reject(e as Error);
                    }
                  },
                },
              ]}
            >
              <Input inputMode="decimal" suffix="元" placeholder="如 12000.5" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="整改时限" required={false} style={{ marginBottom: 0 }}>
              <div className="deadline-field">
                <Form.Item name="deadlineMode" noStyle>
                  <Segmented
                    options={[
                      { value: 'date', label: '日期' },
                      { value: 'text', label: '文字' },
                    ]}
                  />
                </Form.Item>
                {deadlineMode === 'text' ? (
                  <Form.Item name="deadlineText" style={{ flex: 1 }}>
                    <AutoComplete
                      options={DEADLINE_WORDS}
                      placeholder="如 立即整改、3月底前"
                      aria-label="整改时限（文字）"
                    />
                  </Form.Item>
                ) : (
                  <Form.Item name="deadlineDate" style={{ flex: 1 }}>
                    <DateInput style={{ width: '100%' }} aria-label="整改时限" label="整改时限" />
                  </Form.Item>
                )}
              </div>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="emergencyPlan" label="应急预案">
              <Input maxLength={500} placeholder="如 已制定专项应急预案" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="interimMeasures" label="临时管控措施">
              <Input maxLength={2000} placeholder="整改完成前的管控措施" />
            </Form.Item>
          </Col>
        </Row>

        <Section>整改与验收</Section>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="status"
              label="整改状态"
              tooltip="须逐级修改：未整改 → 整改中 → 已整改 → 已验收销号；退回须填写原因"
            >
              <Select
                options={HAZARD_STATUSES.map((s) => {
                  const skipped = skips(s);
                  return {
                    value: s,
                    label: skipped.length ? `${s}（须先经过${skipped.map((x) => `“${x}”`).join('')}）` : s,
                    disabled: skipped.length > 0,
                  };
                })}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="completedDate"
              label="整改完成日期"
              rules={[
                notFuture('整改完成日期'),
                ...(done ? [{ required: true, message: '已整改的隐患需填写整改完成日期' }] : []),
              ]}
            >
              <DateInput style={{ width: '100%' }} notFuture label="整改完成日期" />
            </Form.Item>
          </Col>
          <Col span={8} />
          <Col span={8}>
            <Form.Item
              name="acceptedBy"
              label="验收人"
              rules={
                status === '已验收销号' ? [{ required: true, whitespace: true, message: '验收销号需填写验收人' }] : []
              }
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="acceptedDate"
              label="验收日期"
              rules={[
                notFuture('验收日期'),
                ...(status === '已验收销号' ? [{ required: true, message: '验收销号需填写验收日期' }] : []),
              ]}
            >
              <DateInput style={{ width: '100%' }} notFuture label="验收日期" />
            </Form.Item>
          </Col>
          {statusChanged ? (
            <Col span={24}>
              <Form.Item
                name="statusNote"
                label="状态变更说明"
                tooltip="记入该隐患的状态记录"
                rules={
                  goingBack
                    ? [
                        {
                          required: true,
                          whitespace: true,
                          message: `从“${editing!.status}”退回“${status}”须填写原因（如复查不合格）`,
                        },
                      ]
                    : []
                }
              >
                <Input maxLength={500} placeholder={`由“${editing!.status}”改为“${status}”的说明`} />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>

        <Section>附件</Section>
        <Row gutter={16}>
          {ATTACHMENT_ROLES.map((r) => (
            <Col span={8} key={r.role}>
              <Form.Item name={r.role} label={r.label} tooltip={r.hint}>
                <AttachmentListField addLabel={`添加${r.label}…`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Drawer>
  );
}
