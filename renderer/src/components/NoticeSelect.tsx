import { Select } from 'antd';
import type { Notice } from '../api/types';

interface Props {
  notices: Notice[];
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  loading?: boolean;
}

/** Notice picker: shows 文号 and title, searchable by both. */
export function NoticeSelect({ notices, value, onChange, placeholder, allowClear, style, id, loading }: Props) {
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      placeholder={placeholder ?? '选择通知文件'}
      allowClear={allowClear}
      loading={loading}
      style={style}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: ['docNo', 'title'] }}
      options={notices.map((n) => ({ value: n.id, label: n.docNo, docNo: n.docNo, title: n.title }))}
      optionRender={(o) => (
        <div style={{ maxWidth: 460 }}>
          <div>{o.data.docNo}</div>
          <div className="cell-sub" style={{ whiteSpace: 'normal' }}>
            {o.data.title}
          </div>
        </div>
      )}
      notFoundContent={<span style={{ color: 'rgba(0,0,0,0.45)' }}>尚未登记通知文件</span>}
    />
  );
}
