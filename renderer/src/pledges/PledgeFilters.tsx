/** The filter bar above the register: search, notice, level, unit, signed, scan, talk-date range. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { PLEDGE_LEVELS, levelLabel } from '../../../core/domain/pledgeLevels';
import type { Notice, Unit } from '../api/types';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';

export interface PledgeFilterValues {
  search?: string;
  noticeId?: number;
  level?: number;
  unitId?: number;
  signed?: 'signed' | 'unsigned';
  hasScan?: boolean;
  range?: [Dayjs, Dayjs] | null;
}

interface Props {
  value: PledgeFilterValues;
  onChange: (v: PledgeFilterValues) => void;
  units: Unit[];
  notices: Notice[];
}

export function PledgeFilters({ value, onChange, units, notices }: Props) {
  const [text, setText] = useState(value.search ?? '');
  // Search as the clerk types, without a request per keystroke.
  useEffect(() => {
    const t = setTimeout(() => {
      if ((value.search ?? '') !== text.trim()) onChange({ ...value, search: text.trim() || undefined });
    }, 300);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (patch: Partial<PledgeFilterValues>) => onChange({ ...value, ...patch });
  const active = Object.entries(value).some(([, v]) => v !== undefined && v !== null && v !== '');

  return (
    <div className="toolbar pledge-filters" style={{ gap: 8 }}>
      <Input.Search
        allowClear
        placeholder="搜索谈话人、谈话对象、单位、职务"
        style={{ width: 200 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => {
          setText(v);
          set({ search: v.trim() || undefined });
        }}
        aria-label="搜索明白书"
      />
      <NoticeSelect
        notices={notices}
        allowClear
        placeholder="全部通知"
        style={{ width: 150 }}
        value={value.noticeId}
        onChange={(v) => set({ noticeId: v })}
      />
      <Select<number>
        allowClear
        placeholder="全部层级"
        style={{ width: 104 }}
        value={value.level}
        onChange={(v) => set({ level: v })}
        popupMatchSelectWidth={300}
        options={PLEDGE_LEVELS.map((l) => ({ value: l.level, label: levelLabel(l.level), title: l.name }))}
        optionRender={(o) => (
          <span>
            {o.label} <span className="cell-sub">{o.data.title}</span>
          </span>
        )}
      />
      <UnitSelect
        units={units}
        allowClear
        placeholder="全部单位"
        style={{ width: 140 }}
        value={value.unitId}
        onChange={(v) => set({ unitId: v })}
      />
      <Select<'signed' | 'unsigned'>
        allowClear
        placeholder="签订状态"
        style={{ width: 108 }}
        value={value.signed}
        onChange={(v) => set({ signed: v })}
        options={[
          { value: 'signed', label: '已签订' },
          { value: 'unsigned', label: '未签订' },
        ]}
      />
      <Select<string>
        allowClear
        placeholder="扫描件"
        style={{ width: 108 }}
        value={value.hasScan === undefined ? undefined : value.hasScan ? 'yes' : 'no'}
        onChange={(v) => set({ hasScan: v === undefined ? undefined : v === 'yes' })}
        options={[
          { value: 'yes', label: '有扫描件' },
          { value: 'no', label: '缺扫描件' },
        ]}
      />
      <DatePicker.RangePicker
        style={{ width: 224 }}
        value={value.range ?? null}
        onChange={(r) => set({ range: r && r[0] && r[1] ? [r[0], r[1]] : null })}
        placeholder={['谈话日期起', '谈话日期止']}
      />
      {active ? (
        <Button
          type="link"
          icon={<ReloadOutlined />}
          onClick={() => {
            setText('');
            onChange({});
          }}
        >
          重置
        </Button>
      ) : null}
    </div>
  );
}
