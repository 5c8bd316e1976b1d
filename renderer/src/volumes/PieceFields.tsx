/** 按件归档 (DA/T 22-2015): the 档案盒 fields of the volume form — the box width for its 盒脊 label. */
import { Form, Select } from 'antd';
import { SPINE_WIDTHS } from '../../../core/domain/archiveMode';
import { useAppState } from '../app/AppState';

export function PieceFields() {
  const { settings } = useAppState();
  if (settings?.archiveMode !== 'piece') return null;
  return (
    <Form.Item
      name="spineWidth"
      label="盒脊厚度"
      extra="档案盒的厚度，决定打印的盒脊标签宽度（标签按实际尺寸打印，高 270 毫米）；不选则按页数自动选择"
    >
      <Select
        allowClear
        placeholder="按页数自动选择"
        style={{ width: 220 }}
        options={SPINE_WIDTHS.map((w) => ({ value: w, label: `${w} 毫米` }))}
      />
    </Form.Item>
  );
}
