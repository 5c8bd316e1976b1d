/** The headline figures of the period, as they go into a 通报: 检查家次, 隐患总数, 重大, 已整改, 整改率, 逾期. */
import type { StatsRow } from './types';

interface Card {
  key: string;
  label: string;
  value: string;
  unit: string;
  tone?: 'red' | 'green' | 'orange';
  onClick?: () => void;
}

export function StatsCards({
  h,
  onOpen,
}: {
  h: StatsRow;
  onOpen: (what: 'all' | 'major' | 'rectified' | 'overdue') => void;
}) {
  const cards: Card[] = [
    { key: 'checked', label: '检查单位', value: String(h.checked), unit: '家次' },
    { key: 'total', label: '排查隐患', value: String(h.total), unit: '处', onClick: () => onOpen('all') },
    {
      key: 'major',
      label: '其中重大隐患',
      value: String(h.major),
      unit: '处',
      tone: 'red',
      onClick: () => onOpen('major'),
    },
    {
      key: 'rectified',
      label: '已整改',
      value: String(h.rectified),
      unit: '处',
      tone: 'green',
      onClick: () => onOpen('rectified'),
    },
    { key: 'rate', label: '整改率', value: h.rate.toFixed(1), unit: '%', tone: 'green' },
    {
      key: 'overdue',
      label: '逾期未整改',
      value: String(h.overdue),
      unit: '处',
      tone: h.overdue ? 'orange' : undefined,
      onClick: () => onOpen('overdue'),
    },
    {
      key: 'majorRectified',
      label: '重大隐患已整改',
      value: `${h.majorRectified}`,
      unit: `/ ${h.major} 处`,
      tone: 'red',
    },
  ];
  return (
    <div className="stat-cards">
      {cards.map((c) => (
        <div
          key={c.key}
          className={`stat-card${c.onClick ? ' clickable' : ''}`}
          onClick={c.onClick}
          role={c.onClick ? 'link' : undefined}
          title={c.onClick ? '点击查看隐患台账' : undefined}
          data-testid={`stat-${c.key}`}
        >
          <div className="stat-card-label">{c.label}</div>
          <div className={`stat-card-value ${c.tone ?? ''}`}>
            <span className="stat-card-number">{c.value}</span>
            <span className="stat-card-unit">{c.unit}</span>
          </div>
        </div>
      ))}
    </div>
  );
}
