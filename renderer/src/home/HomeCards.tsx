/** The 工作台 panels: each shows a few lines and links to the page that holds the rest. */
import { RightOutlined } from '@ant-design/icons';
import { Empty, Tag } from 'antd';
import type { ReactNode } from 'react';
import { STATUS_COLORS } from '../board/boardStatus';
import { HazardLevelTag, OverdueTag, SupervisedTag } from '../hazards/hazardTags';
import { ReturnStatusTag } from '../returns/returnColumns';
import { kindLabel } from '../returns/types';
import type { HomeSummary } from './types';

export function Panel({
  title,
  count,
  more,
  onMore,
  children,
  testId,
}: {
  title: string;
  count?: ReactNode;
  more?: string;
  onMore?: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="home-panel" data-testid={testId}>
      <header>
        <span className="home-panel-title">
          {title}
          {count !== undefined ? <span className="home-panel-count">{count}</span> : null}
        </span>
        {onMore ? (
          <a onClick={onMore} className="home-more">
            {more ?? '查看全部'} <RightOutlined />
          </a>
        ) : null}
      </header>
      <div className="home-panel-body">{children}</div>
    </section>
  );
}

const none = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} className="home-empty" />;

type Item = HomeSummary['late'][number];

/** MM-DD within the current year, the full date otherwise. */
function shortDate(d: string, today: string): string {
  return d.slice(0, 4) === today.slice(0, 4) ? d.slice(5) : d;
}

export function DueList({ items, empty, today }: { items: Item[]; empty: string; today: string }) {
  if (!items.length) return none(empty);
  return (
    <ul className="home-list">
      {items.slice(0, 7).map((i, k) => (
        <li key={`${i.unitId}-${i.docNo}-${i.what}-${k}`}>
          <Tag color={STATUS_COLORS[i.status]} className="home-tag">
            {i.status}
          </Tag>
          <span className="home-main" title={`${i.unitName} ${i.what}`}>
            {i.unitName}
            <span className="cell-sub"> · {i.what}</span>
          </span>
          <span className="home-side">{i.deadline ? `${shortDate(i.deadline, today)} 截止` : ''}</span>
        </li>
      ))}
    </ul>
  );
}

export function MajorList({ rows, onOpen }: { rows: HomeSummary['openMajor']; onOpen: (id: number) => void }) {
  if (!rows.length) return none('没有未销号的重大事故隐患');
  return (
    <ul className="home-list">
      {rows.slice(0, 7).map((r) => (
        <li key={r.id} onClick={() => onOpen(r.id)} className="clickable">
          <HazardLevelTag level={r.level} />
          <span
            className="home-main"
            title={`${r.enterpriseName}：${r.description}${r.supervisingUnit ? `\n督办单位：${r.supervisingUnit}` : ''}${r.supervisionDeadline ? `\n督办期限：${r.supervisionDeadline}` : ''}`}
          >
            {r.enterpriseName}
            <span className="cell-sub"> · {r.status === '已整改' ? '已整改，待验收销号' : r.description}</span>
          </span>
          <span className="home-side">
            {r.supervised ? <SupervisedTag /> : null}
            {r.supervisionDeadline ? <span className="cell-sub">督办期限 {r.supervisionDeadline}</span> : null}
            {r.overdue ? (
              <OverdueTag deadline={r.deadlineDate} />
            ) : (
              <span>{r.deadlineDate ? `${r.deadlineDate} 前` : (r.deadlineText ?? '')}</span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ReturnsList({ rows }: { rows: HomeSummary['latestReturns'] }) {
  if (!rows.length) return none('还没有登记报送材料');
  return (
    <ul className="home-list">
      {rows.slice(0, 7).map((r) => (
        <li key={r.id}>
          <span className="home-date">{r.receivedDate.slice(5)}</span>
          <span className="home-main" title={`${r.unitName} ${r.title ?? ''}`}>
            {r.unitName}
            <span className="cell-sub"> · {kindLabel(r.kind)}</span>
          </span>
          <span className="home-side">
            {r.overLimit ? <Tag color="warning">超字数</Tag> : null}
            <ReturnStatusTag r={r} />
          </span>
        </li>
      ))}
    </ul>
  );
}
