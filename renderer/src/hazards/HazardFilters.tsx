/** The filter bar above the ledger: search, 乡镇, 行业, 等级, 状态, 通知, dates and the three checks. */
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Input, Select } from 'antd';
import { memo, useEffect, useRef, useState } from 'react';
import { HAZARD_CATEGORIES, HAZARD_LEVELS, HAZARD_STATUSES, INDUSTRIES } from '../../../core/domain/hazard';
import type { Notice, Unit } from '../api/types';
import { NoticeSelect } from '../components/NoticeSelect';
import { fromIso, toIso } from '../components/format';
import { hasFilters, type HazardFilterValues } from './hazardFilterModel';

interface Props {
  value: HazardFilterValues;
  onChange: (v: HazardFilterValues) => void;
  townships: Unit[];
  notices: Notice[];
}

type IsoRange = [string, string] | undefined;

function RangeFilter({
  value,
  onChange,
  placeholder,
  label,
}: {
  value: IsoRange;
  onChange: (v: IsoRange) => void;
  placeholder: [string, string];
  label: string;
}) {
  return (
    <DatePicker.RangePicker
      style={{ width: 232 }}
      value={value ? [fromIso(value[0]), fromIso(value[1])] : null}
      onChange={(r) => onChange(r && r[0] && r[1] ? [toIso(r[0])!, toIso(r[1])!] : undefined)}
      placeholder={placeholder}
      aria-label={label}
    />
  );
}

/** Keystrokes closer together than this are typing in a burst: the search waits for the burst to end. */
const BURST_MS = 400;
const BURST_DEBOUNCE_MS = 250;

/** Memoised: the rows arriving do not re-render the filter bar. */
export const HazardFilters = memo(function HazardFilters({ value, onChange, townships, notices }: Props) {
  const [text, setText] = useState(value.search ?? '');
  // 3+ characters search the full-text index on the server, shorter ones use LIKE. A term that comes in one
  // piece (the input method's commit, a paste, the first key after a pause) searches at once; keys typed in a
  // burst wait until it ends; nothing is searched while the input method is still composing.
  const composing = useRef(false);
  const lastInput = useRef(-Infinity);
  const burst = useRef(false);
  const [committed, setCommitted] = useState(0);
  useEffect(() => {
    if (composing.current) return;
    const apply = () => {
      if ((value.search ?? '') !== text.trim()) onChange({ ...value, search: text.trim() || undefined });
    };
    if (!burst.current) {
      apply();
      return;
    }
    const t = setTimeout(apply, BURST_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, committed]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (patch: Partial<HazardFilterValues>) => onChange({ ...value, ...patch });
  const multi = { mode: 'multiple' as const, allowClear: true, maxTagCount: 'responsive' as const };

  return (
    <div className="hazard-filters">
      <div className="toolbar">
        <Input
          allowClear
          prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
          placeholder="搜索隐患描述、单位、措施、部位"
          style={{ width: 250 }}
          value={text}
          onChange={(e) => {
            const now = performance.now();
            burst.current = now - lastInput.current < BURST_MS;
            lastInput.current = now;
            setText(e.target.value);
          }}
          onCompositionStart={() => (composing.current = true)}
          onCompositionEnd={() => {
            composing.current = false;
            burst.current = false;
            setCommitted((n) => n + 1);
          }}
          aria-label="搜索隐患"
        />
        <Select<number[]>
          {...multi}
          placeholder="全部乡镇（街道）"
          style={{ width: 210 }}
          value={value.townshipUnitIds ?? []}
          onChange={(v) => set({ townshipUnitIds: v.length ? v : undefined })}
          showSearch={{ optionFilterProp: 'label' }}
          options={townships.map((u) => ({ value: u.id, label: u.name }))}
          aria-label="乡镇筛选"
          data-testid="filter-township"
        />
        <Select<string[]>
          {...multi}
          placeholder="全部行业领域"
          style={{ width: 190 }}
          value={value.industries ?? []}
          onChange={(v) => set({ industries: v.length ? v : undefined })}
          options={INDUSTRIES.map((i) => ({ value: i, label: i }))}
          aria-label="行业筛选"
        />
        <Select<string[]>
          mode="tags"
          allowClear
          maxTagCount="responsive"
          placeholder="全部隐患类别"
          style={{ width: 170 }}
          value={value.categories ?? []}
          onChange={(v) => set({ categories: v.length ? v : undefined })}
          options={HAZARD_CATEGORIES.map((i) => ({ value: i, label: i }))}
          aria-label="隐患类别筛选"
          data-testid="filter-category"
        />
        <Select
          allowClear
          placeholder="隐患等级"
          style={{ width: 110 }}
          value={value.level}
          onChange={(v) => set({ level: v })}
          options={HAZARD_LEVELS.map((l) => ({ value: l, label: l === '重大' ? '重大隐患' : '一般隐患' }))}
          aria-label="等级筛选"
          data-testid="filter-level"
        />
        <Select
          {...multi}
          placeholder="整改状态"
          style={{ width: 200 }}
          value={value.statuses ?? []}
          onChange={(v) => set({ statuses: v.length ? v : undefined })}
          options={HAZARD_STATUSES.map((s) => ({ value: s, label: s }))}
          aria-label="状态筛选"
        />
        <NoticeSelect
          notices={notices}
          allowClear
          placeholder="全部通知"
          style={{ width: 170 }}
          value={value.noticeId}
          onChange={(v) => set({ noticeId: v })}
        />
      </div>
      <div className="toolbar">
        <span className="filter-label">发现日期</span>
        <RangeFilter
          label="发现日期范围"
          value={value.foundRange}
          onChange={(r) => set({ foundRange: r })}
          placeholder={['开始日期', '结束日期']}
        />
        <span className="filter-label">整改时限</span>
        <RangeFilter
          label="整改时限范围"
          value={value.deadlineRange}
          onChange={(r) => set({ deadlineRange: r })}
          placeholder={['开始日期', '结束日期']}
        />
        <Checkbox checked={!!value.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
          只看逾期
        </Checkbox>
        <Checkbox checked={!!value.supervised} onChange={(e) => set({ supervised: e.target.checked || undefined })}>
          挂牌督办
        </Checkbox>
        <Checkbox
          checked={!!value.fiveIncomplete}
          onChange={(e) => set({ fiveIncomplete: e.target.checked || undefined })}
        >
          重大隐患五落实不全
        </Checkbox>
        {hasFilters(value) ? (
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setText('');
              onChange({});
            }}
          >
            重置筛选
          </Button>
        ) : null}
      </div>
    </div>
  );
});
