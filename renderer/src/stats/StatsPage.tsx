/**
 * 统计分析: the figures of a period for 通报 and 简报 — cards, charts by 乡镇/行业/月份, the tables, Excel export and a
 * draft sentence to paste into the briefing.
 */
import { FileExcelOutlined } from '@ant-design/icons';
import { Button, DatePicker, Select, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { HAZARD_LEVELS, INDUSTRIES, RECTIFIED_STATUSES } from '../../../core/domain/hazard';
import { useAppState } from '../app/AppState';
import { call } from '../api/client';
import { useUnits } from '../api/useDirectory';
import { useAction, useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { toIso } from '../components/format';
import { hazardLink, type HazardFilterValues } from '../hazards/hazardFilterModel';
import { BriefParagraph } from './BriefParagraph';
import { EChart } from './EChart';
import { periodPresets, thisYear, type Range } from './periods';
import { industryChart, monthChart, townshipChart } from './statsCharts';
import { StatsCards } from './StatsCards';
import { StatsTable } from './StatsTable';
import type { StatsQuery } from './types';
import './stats.css';

const TOWNSHIP_KINDS = new Set(['乡镇', '街道', '开发区']);

export function StatsPage() {
  const { navigate } = useAppState();
  const units = useUnits();
  const townships = useMemo(() => units.units.filter((u) => TOWNSHIP_KINDS.has(u.kind)), [units.units]);
  const [range, setRange] = useState<Range | null>(thisYear());
  const [townshipUnitIds, setTownships] = useState<number[]>([]);
  const [industries, setIndustries] = useState<string[]>([]);
  const [level, setLevel] = useState<'一般' | '重大' | undefined>();
  const query = useMemo<StatsQuery>(
    () => ({
      from: range ? toIso(range[0])! : undefined,
      to: range ? toIso(range[1])! : undefined,
      townshipUnitIds: townshipUnitIds.length ? townshipUnitIds : undefined,
      industries: industries.length ? industries : undefined,
      levels: level ? [level] : undefined,
    }),
    [range, townshipUnitIds, industries, level],
  );
  const stats = useRequest(() => call('stats:get', query), [query]);
  const { run, pending } = useAction();
  const h = stats.data?.hazards;

  const charts = useMemo(
    () =>
      h
        ? { township: townshipChart(h.byTownship), industry: industryChart(h.byIndustry), month: monthChart(h.byMonth) }
        : null,
    [h],
  );

  const openLedger = (what: 'all' | 'major' | 'rectified' | 'overdue') => {
    const f: HazardFilterValues = {
      townshipUnitIds: query.townshipUnitIds,
      industries: query.industries,
      level: what === 'major' ? '重大' : level,
      statuses: what === 'rectified' ? [...RECTIFIED_STATUSES] : undefined,
      overdue: what === 'overdue' || undefined,
      foundRange: query.from && query.to ? [query.from, query.to] : undefined,
    };
    navigate('hazards', hazardLink(f));
  };

  return (
    <div className="page stats-page">
      <PageHeader
        title="统计分析"
        hint="按发现日期统计隐患排查整治情况，用于通报、简报和上报"
        extra={
          <Button
            icon={<FileExcelOutlined />}
            loading={pending}
            onClick={() =>
              run(() => call('stats:exportExcel', query), { success: (r) => (r ? `统计表已保存：${r.file}` : null) })
            }
          >
            导出 Excel
          </Button>
        }
      />
      <div className="page-card stats-filters">
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <span>统计期间</span>
          <DatePicker.RangePicker
            value={range}
            onChange={(r) => setRange(r && r[0] && r[1] ? [r[0], r[1]] : null)}
            presets={periodPresets()}
            allowClear
            style={{ width: 260 }}
            aria-label="统计期间"
          />
          <Select<number[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder="全部乡镇（街道）"
            style={{ width: 230 }}
            value={townshipUnitIds}
            onChange={setTownships}
            showSearch={{ optionFilterProp: 'label' }}
            options={townships.map((u) => ({ value: u.id, label: u.name }))}
            aria-label="乡镇"
          />
          <Select<string[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder="全部行业领域"
            style={{ width: 210 }}
            value={industries}
            onChange={setIndustries}
            options={INDUSTRIES.map((i) => ({ value: i, label: i }))}
            aria-label="行业"
          />
          <Select
            allowClear
            placeholder="全部等级"
            style={{ width: 120 }}
            value={level}
            onChange={setLevel}
            options={HAZARD_LEVELS.map((l) => ({ value: l, label: `${l}隐患` }))}
            aria-label="等级"
            data-testid="stats-level"
          />
          {stats.loading ? <Spin size="small" /> : null}
        </div>
      </div>
      <LoadError error={stats.error} onRetry={stats.reload} />
      {h && charts && stats.data ? (
        <>
          <StatsCards h={h} onOpen={openLedger} />
          <div className="stats-grid">
            <div className="page-card chart-card wide">
              <div className="card-title">各乡镇（街道）隐患整改情况</div>
              {h.byTownship.length ? (
                <EChart option={charts.township} height={300} testId="chart-township" />
              ) : (
                <div className="chart-empty">该期间没有隐患</div>
              )}
            </div>
            <div className="page-card chart-card">
              <div className="card-title">行业领域分布</div>
              {h.byIndustry.length ? (
                <EChart option={charts.industry} height={300} testId="chart-industry" />
              ) : (
                <div className="chart-empty">该期间没有隐患</div>
              )}
            </div>
            <div className="page-card chart-card">
              <div className="card-title">逐月排查与整改</div>
              {h.byMonth.length ? (
                <EChart option={charts.month} height={300} testId="chart-month" />
              ) : (
                <div className="chart-empty">该期间没有隐患</div>
              )}
            </div>
          </div>
          <div className="page-card">
            <BriefParagraph text={stats.data.paragraph} />
          </div>
          <div className="page-card">
            <StatsTable stats={stats.data} />
          </div>
        </>
      ) : null}
    </div>
  );
}
