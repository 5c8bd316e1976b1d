/**
 * The last sections of the 隐患 form: 整改与验收 (整改状态 one step at a time along the closure path, the dates
 * and 验收人 each status asks for, and the reason when an edit moves the status back) and 附件 (photos before and
 * after, the 整改报告 and other files).
 */
import { Col, Form, Input, Row, Select } from 'antd';
import { HAZARD_STATUSES } from '../../../core/domain/hazard';
import { isBackward, skippedSteps } from '../../../core/domain/closure';
import { DateInput } from '../components/DateInput';
import { AttachmentListField } from './AttachmentListField';
import { ATTACHMENT_ROLES } from './hazardFormModel';
import { FormSection as Section, notFuture } from './hazardFormSection';
import type { HazardStatus, HazardView } from './types';

interface Props {
  /** The hazard being edited; null for a new one. */
  editing: HazardView | null;
  /** The 整改状态 being entered. */
  status: HazardStatus | undefined;
}

export function HazardClosureSections({ editing, status }: Props) {
  const statusChanged = !!editing && status !== editing.status;
  // The closure path: a new hazard starts 未整改 or 整改中; an edit moves one step forward, or back with a reason.
  const skips = (s: HazardStatus) =>
    editing ? skippedSteps(editing.status, s) : HAZARD_STATUSES.slice(1, Math.max(1, HAZARD_STATUSES.indexOf(s)));
  const goingBack = !!editing && !!status && isBackward(editing.status, status);
  const done = status === '已整改' || status === '已验收销号';

  return (
    <>
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
    </>
  );
}
