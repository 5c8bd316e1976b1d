/**
 * 批量修改状态: one target status for the chosen hazards, with 说明 (required when going back), the
 * completion/acceptance date (default today) and 验收人. The server changes all or none and says why not.
 */
import { Alert, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { skippedSteps } from '../../../core/domain/closure';
import { HAZARD_STATUSES } from '../../../core/domain/hazard';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';
import { DateInput } from '../components/DateInput';
import { toIso } from '../components/format';
import type { HazardStatus } from './types';

interface Props {
  open: boolean;
  ids: number[];
  /** Statuses of the chosen hazards (those known here), to tell whether the change goes back. */
  statuses: HazardStatus[];
  onClose: () => void;
  onDone: (changed: number) => void;
}

interface Values {
  to: HazardStatus;
  note?: string;
  date: Dayjs | null;
  acceptedBy?: string;
}

const rank = (s: HazardStatus) => HAZARD_STATUSES.indexOf(s);

export function StatusChangeModal({ open, ids, statuses, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useAction();
  const to = Form.useWatch('to', form);
  const goingBack = !!to && statuses.some((s) => rank(s) > rank(to));
  // The closure path is walked one step at a time: say before saving which of the chosen would skip a step.
  const skipping = to ? statuses.filter((s) => skippedSteps(s, to).length > 0) : [];
  const skipHint = skipping.length
    ? `所选隐患中有 ${skipping.length} 条须先经过${[...new Set(skipping.flatMap((s) => skippedSteps(s, to!)))].map((x) => `“${x}”`).join('')}，不能直接改为“${to}”（须逐级修改，全部成功或全部不改）`
    : undefined;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ to: '整改中', date: dayjs() });
  }, [open, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const r = await run(
      () =>
        call('hazards:changeStatus', {
          ids,
          to: v.to,
          note: v.note?.trim() || null,
          date: toIso(v.date),
          acceptedBy: v.acceptedBy?.trim() || null,
        }),
      {
        success: (x) =>
          `已将 ${x.changed} 条隐患改为“${v.to}”${x.unchanged ? `，${x.unchanged} 条原本就是该状态` : ''}`,
        silentError: true,
      },
    );
    if (r.ok) onDone(r.value.changed);
    else setError(r.error);
  };

  const needsDate = to === '已整改' || to === '已验收销号';
  return (
    <Modal
      title={`修改整改状态（已选 ${ids.length} 条）`}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="确定修改"
      confirmLoading={pending}
      destroyOnHidden
      width={560}
      mask={{ closable: false }}
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title="未修改"
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>}
          style={{ marginBottom: 16 }}
          data-testid="status-change-error"
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onValuesChange={() => error && setError(null)}>
        <Form.Item
          name="to"
          label="改为"
          rules={[{ required: true }]}
          tooltip="须逐级修改：未整改 → 整改中 → 已整改 → 已验收销号。已整改须有完成日期和整改措施；销号须有验收人、验收日期，重大隐患还须五落实齐全并上传整改报告"
          extra={
            skipHint ? (
              <span data-testid="status-change-skip" style={{ color: '#d46b08' }}>
                {skipHint}
              </span>
            ) : undefined
          }
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={HAZARD_STATUSES.map((s) => ({ value: s, label: s }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label="说明"
          tooltip="记入每条隐患的状态记录"
          rules={goingBack ? [{ required: true, whitespace: true, message: '退回到之前的状态须说明原因' }] : []}
          extra={goingBack ? '所选隐患中有的将退回到之前的状态，须填写原因' : undefined}
        >
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={goingBack ? '退回原因（必填）' : '如：已督促企业落实整改措施'}
          />
        </Form.Item>
        {needsDate ? (
          <Form.Item
            name="date"
            label={to === '已验收销号' ? '整改完成 / 验收日期' : '整改完成日期'}
            extra="已填写日期的隐患保留原日期"
          >
            <DateInput style={{ width: 200 }} notFuture label="日期" />
          </Form.Item>
        ) : null}
        {to === '已验收销号' ? (
          <Form.Item name="acceptedBy" label="验收人" extra="已填写验收人的隐患保留原验收人">
            <Input maxLength={100} style={{ width: 300 }} placeholder="如：应急管理局 张伟" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
