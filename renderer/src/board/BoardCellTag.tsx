/** One cell of the board: the coloured status, one line of what lies behind it, and the rest in a tooltip. */
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { STATUS_COLORS, type BoardCell } from './boardStatus';

/** The short line under the tag: 已签 3/5, the period, when it came, or how late it is. */
function subLine(cell: BoardCell, today: string): string | null {
  const parts: string[] = [];
  if (cell.detail && /^已签/.test(cell.detail)) parts.push(cell.detail);
  if (cell.periodLabel) parts.push(cell.periodLabel.replace(/^\d{4}年/, ''));
  if (!parts.length) {
    if (cell.submittedDate) parts.push(`${cell.submittedDate.slice(5)} 收到`);
    else if (cell.status === '逾期' && cell.deadline) parts.push(`超期 ${dayjs(today).diff(cell.deadline, 'day')} 天`);
    else if (cell.deadline) parts.push(`${cell.deadline.slice(5)} 截止`);
  }
  return parts.join(' · ') || null;
}

interface Props {
  cell: BoardCell;
  today: string;
  /** Opens what lies behind the cell: the return received, or 登记报送 for one not yet received. */
  onOpen?: () => void;
  /** What a click does, for the tooltip: 点击查看报送 / 点击登记报送. */
  openHint?: string;
  testId?: string;
}

export function BoardCellTag({ cell, today, onOpen, openHint, testId }: Props) {
  const lines = [
    cell.periodLabel ? `期次：${cell.periodLabel}` : null,
    cell.deadline ? `截止：${cell.deadline}` : '截止：未规定',
    cell.submittedDate ? `收到：${cell.submittedDate}` : null,
    cell.detail,
    cell.reason ? `退回原因：${cell.reason}` : null,
    onOpen ? (openHint ?? null) : null,
  ].filter((l): l is string => !!l);
  const sub = subLine(cell, today);
  return (
    <Tooltip
      title={
        <div>
          {lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      }
    >
      <span
        className={onOpen ? 'board-cell board-cell-link' : 'board-cell'}
        data-status={cell.status}
        data-testid={testId}
        role={onOpen ? 'button' : undefined}
        tabIndex={onOpen ? 0 : undefined}
        onClick={onOpen}
        onKeyDown={
          onOpen
            ? (e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onOpen();
                }
              }
            : undefined
        }
      >
        <Tag color={STATUS_COLORS[cell.status]} style={{ marginInlineEnd: 0 }}>
          {cell.status}
        </Tag>
        {sub ? <span className="board-cell-sub">{sub}</span> : null}
      </span>
    </Tooltip>
  );
}
