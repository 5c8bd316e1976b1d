/**
 * 五落实, the second section of the 隐患 form: 整改责任单位 and 责任人, 措施, 资金 (in 元, checked as it is
 * typed), 时限 (a date or words such as 立即整改), 应急预案 and 临时管控措施. A 重大 hazard's heading says all five
 * must be in place.
 */
import { AutoComplete, Col, Form, Input, Row, Segmented } from 'antd';
import type { HazardFormValues } from './hazardFormModel';
import { FormSection as Section } from './hazardFormSection';
import { DateInput } from '../components/DateInput';
import { yuanToFen } from './money';

const DEADLINE_WORDS = ['立即整改', '本月底前', '限期一周', '限期一个月', '停产整改'].map((value) => ({ value }));
interface Props {
  /** The 隐患等级 being entered. */
  level: HazardFormValues['level'] | undefined;
  /** Whether 整改时限 is entered as a date or as words. */
  deadlineMode: HazardFormValues['deadlineMode'] | undefined;
}

export function HazardFiveSection({ level, deadlineMode }: Props) {
  return (
    <>
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
    </>
  );
}
