/** The 案卷 data (cover and 备考表) as form fields, shared by 新建案卷 and 修改案卷信息. */
import { AutoComplete, Checkbox, Col, Form, Input, InputNumber, Radio, Row } from 'antd';
import { DateInput } from '../components/DateInput';
import type { Dayjs } from 'dayjs';
import { fromIso, toIso } from '../components/format';
import { RETENTION_OPTIONS } from './labels';
import { PieceFields } from './PieceFields';
import { MODE_WORDS, type ArchiveModeName } from '../../../core/domain/archiveMode';
import type { Retention, VolumeInput, VolumeView } from './types';

export interface VolumeFormValues {
  title: string;
  fondsName: string;
  fondsCode: string;
  categoryName?: string;
  year: number;
  retention: Retention;
  volumeNo?: number | null;
  creator?: string;
  checker?: string;
  compiledDate?: Dayjs | null;
  remarks?: string;
  secrecy?: string | null;
  pageLimit: number;
  pdfa?: boolean;
  /** 按件归档: 盒脊 width (mm), null = by page count. */
  spineWidth?: 20 | 30 | 40 | 50 | null;
}

export function toVolumeInput(v: VolumeFormValues): VolumeInput {
  return {
    title: v.title.trim(),
    fondsName: v.fondsName?.trim() ?? '',
    fondsCode: v.fondsCode?.trim() ?? '',
    categoryName: v.categoryName?.trim() ?? '',
    year: v.year,
    retention: v.retention,
    ...(v.volumeNo ? { volumeNo: v.volumeNo } : {}),
    creator: v.creator?.trim() ?? '',
    checker: v.checker?.trim() ?? '',
    compiledDate: toIso(v.compiledDate),
    remarks: v.remarks ?? '',
    secrecy: v.secrecy?.trim() || null,
    pageLimit: v.pageLimit,
    pdfa: !!v.pdfa,
    spineWidth: v.spineWidth ?? null,
  };
}

export function formValuesOf(v: VolumeView): VolumeFormValues {
  return {
    title: v.title,
    fondsName: v.fondsName,
    fondsCode: v.fondsCode,
    categoryName: v.categoryName,
    year: v.year,
    retention: v.retention,
    volumeNo: v.volumeNo,
    creator: v.creator,
    checker: v.checker,
    compiledDate: fromIso(v.compiledDate),
    remarks: v.remarks,
    secrecy: v.secrecy,
    pageLimit: v.pageLimit,
    pdfa: v.pdfa,
    spineWidth: (v.spineWidth as VolumeFormValues['spineWidth']) ?? null,
  };
}

export function VolumeFields({
  titleExtra,
  volumeNoRequired,
  mode = 'volume',
}: {
  titleExtra?: React.ReactNode;
  volumeNoRequired?: boolean;
  /** The words of the office's 归档方式 (档案盒题名 / 盒号 in 按件归档). */
  mode?: ArchiveModeName;
}) {
  const w = MODE_WORDS[mode];
  return (
    <>
      <Form.Item
        name="title"
        label={`${w.container}题名`}
        rules={[{ required: true, whitespace: true, message: `请填写${w.container}题名` }, { max: 200 }]}
        extra={titleExtra}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder="如：禹安〔2024〕1号安全生产对话谈心明白书" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="fondsName" label="全宗名称">
            <Input placeholder="如：禹州市安全生产委员会办公室" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="fondsCode" label="全宗号" extra={`${w.finalise}时必填，在“设置”中预设`}>
            <Input placeholder="如：A012" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="categoryName" label="类目名称" extra="印在案卷封面">
            <Input placeholder="如：安全生产" maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item
            name="year"
            label="年度"
            rules={[{ required: true, message: '请填写年度' }]}
            extra="文件形成的年度"
          >
            <InputNumber min={1949} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="retention" label="保管期限" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={RETENTION_OPTIONS} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="volumeNo"
            label={w.number}
            rules={volumeNoRequired ? [{ required: true, message: `请填写${w.number}` }] : []}
          >
            <InputNumber min={1} max={9999} style={{ width: '100%' }} placeholder="自动编号" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="creator" label="立卷人" extra="封卷时必填">
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="checker" label="检查人" extra="封卷时必填">
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="compiledDate" label="立卷时间" extra="不填则取导出（封卷）当日">
            <DateInput style={{ width: '100%' }} label="立卷时间" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="secrecy" label="密级">
            <AutoComplete
              options={['内部', '秘密', '机密'].map((v) => ({ value: v }))}
              placeholder="不填为公开"
              allowClear
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="pageLimit" label="每卷页数上限" rules={[{ required: true }]} extra="超出时自动分册">
            <InputNumber min={10} max={2000} style={{ width: '100%' }} suffix="页" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="pdfa" label="长期保存格式" valuePropName="checked" extra="PDF/A-1b（GB/T 23286.1）">
            <Checkbox>输出 PDF/A</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <PieceFields />
      <Form.Item name="remarks" label="本卷情况说明" extra="印在卷内备考表上">
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={5000}
          placeholder="如：本卷收录明白书 24 份，其中 1 份缺扫描件……"
        />
      </Form.Item>
    </>
  );
}
