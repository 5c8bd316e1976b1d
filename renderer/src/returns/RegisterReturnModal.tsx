/**
 * 登记报送: a return received from a unit — which notice, what (专题报告, 工作清单, 自查报告, 隐患台账), the
 * period for periodic ledgers, 审定 and 公章, and its text pasted for a live 字数 check against the limit.
 */
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { DateInput } from '../components/DateInput';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { countChars, DEFAULT_LENGTH_LIMITS } from '../../../core/domain/returns';
import { call } from '../api/client';
import type { Notice, Unit } from '../api/types';
import { useAction, useRequest } from '../api/useRequest';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';
import { toIso } from '../components/format';
import { AttachmentListField } from '../hazards/AttachmentListField';
import type { AttachmentItem } from '../hazards/hazardFormModel';
import { RETURN_KINDS, type ReturnKind, type ReturnView } from './types';

export interface RegisterDefaults {
  noticeId?: number;
  unitId?: number;
  kind?: ReturnKind;
  period?: string | null;
  title?: string | null;
}

interface Props {
  open: boolean;
  defaults: RegisterDefaults;
  units: Unit[];
  notices: Notice[];
  onUnitCreated: (u: Unit) => void;
  onClose: () => void;
  onSaved: (r: ReturnView) => void;
}

interface Values {
  noticeId?: number;
  unitId?: number;
  kind?: ReturnKind;
  periodMonth?: Dayjs | null;
  title?: string;
  ownDocNo?: string;
  receivedDate: Dayjs | null;
  approved: boolean;
  sealed: boolean;
  content?: string;
  textLength?: number | null;
  attachments: AttachmentItem[];
  notes?: string;
}

function periodKey(d: Dayjs | null | undefined, period: 'monthly' | 'quarterly'): string | null {
  if (!d) return null;
  return period === 'quarterly' ? `${d.year()}-Q${Math.floor(d.month() / 3) + 1}` : d.format('YYYY-MM');
}

function periodValue(p: string | null | undefined): Dayjs | null {
  if (!p) return null;
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  return q ? dayjs(`${q[1]}-${String(Number(q[2]) * 3 - 2).padStart(2, '0')}-01`) : dayjs(`${p}-01`);
}

export function RegisterReturnModal({ open, defaults, units, notices, onUnitCreated, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useAction();
  const noticeId = Form.useWatch('noticeId', form);
  const unitId = Form.useWatch('unitId', form);
  const kind = Form.useWatch('kind', form);
  const content = Form.useWatch('content', form) ?? '';
  const reqs = useRequest(() => call('notices:requirements', { noticeId: noticeId! }), [noticeId], {
    enabled: open && !!noticeId,
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      noticeId: defaults.noticeId,
      unitId: defaults.unitId,
      kind: defaults.kind,
      periodMonth: periodValue(defaults.period),
      title: defaults.title ?? undefined,
      receivedDate: dayjs(),
      approved: true,
      sealed: true,
      attachments: [],
    });
  }, [open, defaults, form]);

  const req = useMemo(() => reqs.data?.find((r) => r.unitId === unitId && r.kind === kind), [reqs.data, unitId, kind]);
  const period = req && req.period !== 'once' ? req.period : kind === 'ledger' ? 'monthly' : null;
  const limit = req?.lengthLimit ?? (kind ? DEFAULT_LENGTH_LIMITS[kind] : undefined) ?? null;
  const count = countChars(content);
  const over = limit !== null && count > limit;
  const requiredKinds = useMemo(
    () => new Set((reqs.data ?? []).filter((r) => r.unitId === unitId).map((r) => r.kind)),
    [reqs.data, unitId],
  );

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const all = { ...(form.getFieldsValue(true) as Values), ...v };
    const r = await run(
      () =>
        call('returns:register', {
          noticeId: all.noticeId!,
          unitId: all.unitId!,
          kind: all.kind!,
          period: period ? periodKey(all.periodMonth, period) : null,
          title: all.title?.trim() || null,
          ownDocNo: all.ownDocNo?.trim() || null,
          receivedDate: toIso(all.receivedDate)!,
          approved: all.approved,
          sealed: all.sealed,
          content: all.content?.trim() || null,
          textLength: all.content?.trim() ? null : (all.textLength ?? null),
          attachmentIds: all.attachments.map((a) => a.id),
          notes: all.notes?.trim() || null,
        }),
      {
        success: (x) => `已登记：${x.unitName} ${x.kindLabel}${x.previousId ? '（重新报送）' : ''}`,
        silentError: true,
      },
    );
    if (r.ok) onSaved(r.value);
    else setError(r.error);
  };

  return (
    <Modal
      title="登记报送"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="登记"
      confirmLoading={pending}
      width={780}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={`未登记：${error}`}
          style={{ marginBottom: 12 }}
          data-testid="return-form-error"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        className="return-form"
        onValuesChange={() => error && setError(null)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="noticeId" label="依据通知" rules={[{ required: true, message: '请选择通知文件' }]}>
              <NoticeSelect notices={notices} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitId" label="报送单位" rules={[{ required: true, message: '请选择报送单位' }]}>
              <UnitSelect units={units} onCreated={onUnitCreated} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label="材料类别" rules={[{ required: true, message: '请选择材料类别' }]}>
              <Select
                options={RETURN_KINDS.map((k) => ({
                  value: k.value,
                  label: requiredKinds.has(k.value) ? `${k.label}（应报）` : k.label,
                }))}
                placeholder="选择类别"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            {period ? (
              <Form.Item
                name="periodMonth"
                label={period === 'quarterly' ? '报送期次（季度）' : '报送期次（月份）'}
                rules={[{ required: true, message: '请选择报送期次' }]}
              >
                <DatePicker
                  picker={period === 'quarterly' ? 'quarter' : 'month'}
                  style={{ width: '100%' }}
                  placeholder={period === 'quarterly' ? '选择季度' : '如 2024-03'}
                />
              </Form.Item>
            ) : (
              <Form.Item label="报送期次">
                <Input disabled placeholder="一次性报送" />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item name="receivedDate" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
              <DateInput style={{ width: '100%' }} notFuture label="收到日期" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="title" label="标题">
              <Input maxLength={300} placeholder="如 ××镇安全生产“回头看”工作专题报告" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="ownDocNo" label="文号" extra="报告本身的文号（无则不填），列入卷内目录；不是通知的文号">
              <Input maxLength={100} placeholder="如 神政〔2024〕12号" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="审核情况" style={{ marginBottom: 10 }}>
              <div style={{ display: 'flex', gap: 24 }}>
                <Form.Item name="approved" valuePropName="checked" noStyle>
                  <Checkbox>经主要负责同志审定</Checkbox>
                </Form.Item>
                <Form.Item name="sealed" valuePropName="checked" noStyle>
                  <Checkbox>加盖单位公章</Checkbox>
                </Form.Item>
              </div>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="content"
              label="正文（可粘贴，自动计算字数）"
              extra={
                <div className={`live-count${over ? ' over' : ''}`} data-testid="live-count">
                  字数 {count}
                  {limit ? ` / 上限 ${limit}` : ''}
                  {over ? `，超出 ${count - limit!} 字` : ''}
                  <span className="cell-sub">（不计空格和换行）</span>
                </div>
              }
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={200000}
                placeholder="把报告或清单的文字粘贴到这里；只有纸质件或扫描件时，在下面填写字数"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="textLength" label="字数（无正文时填写）">
              <InputNumber
                min={0}
                max={10000000}
                precision={0}
                style={{ width: '100%' }}
                disabled={!!content.trim()}
                placeholder={content.trim() ? String(count) : '如 1850'}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="notes" label="备注">
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="attachments"
              label="附件（Word .docx、PDF 或扫描件；能提取文字的自动计算字数）"
              style={{ marginBottom: 0 }}
            >
              <AttachmentListField
                addLabel="添加附件…"
                documents
                onTextLength={(n) => {
                  if (!form.getFieldValue('content')?.trim()) form.setFieldValue('textLength', n);
                }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
