/**
 * 基本信息, the first section of the 隐患 form: the unit and where it is, 隐患编号, 行业领域 and 隐患类别, 等级 and
 * 挂牌督办 (督办单位 and 期限 shown when supervised or 重大), the description, 部位, 来源, 发现日期 and 检查人, the
 * notice it answers and the unit that reported it.
 */
import { AutoComplete, Col, Form, Input, Radio, Row, Select, Switch } from 'antd';
import { HAZARD_CATEGORIES, HAZARD_SOURCES, INDUSTRIES } from '../../../core/domain/hazard';
import type { Notice, Unit } from '../api/types';
import { DateInput } from '../components/DateInput';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';
import type { HazardFormValues } from './hazardFormModel';
import { FormSection as Section, notFuture } from './hazardFormSection';

interface Props {
  /** The 隐患等级 and 挂牌督办 being entered. */
  level: HazardFormValues['level'] | undefined;
  supervised: HazardFormValues['supervised'] | undefined;
  units: Unit[];
  townships: Unit[];
  notices: Notice[];
  onUnitCreated: (u: Unit) => void;
}

export function HazardBasicSection({ level, supervised, units, townships, notices, onUnitCreated }: Props) {
  return (
    <>
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
    </>
  );
}
