/** Tags of the hazard ledger: 等级, 整改状态, 逾期, 五落实, 挂牌督办 — the same look on every page. */
import { CheckCircleFilled, FlagFilled, WarningFilled } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { HazardLevel, HazardStatus } from './types';

const STATUS_COLORS: Record<HazardStatus, string> = {
  未整改: 'error',
  整改中: 'processing',
  已整改: 'success',
  已验收销号: 'default',
};

export function HazardLevelTag({ level }: { level: HazardLevel }) {
  return level === '重大' ? (
    <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
      重大
    </Tag>
  ) : (
    <span className="level-normal">一般</span>
  );
}

export function HazardStatusTag({ status }: { status: HazardStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {status}
    </Tag>
  );
}

export function OverdueTag({ deadline }: { deadline?: string | null }) {
  return (
    <Tooltip title={deadline ? `整改时限 ${deadline}，已过期仍未整改` : '已过整改时限仍未整改'}>
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        逾期
      </Tag>
    </Tooltip>
  );
}

export function SupervisedTag() {
  return (
    <Tag color="volcano" icon={<FlagFilled />} style={{ marginInlineEnd: 0 }}>
      督办
    </Tag>
  );
}

/** 五落实 of a 重大 hazard: ✓ complete, or what is missing (缺：预案). */
export function FiveCell({ level, complete, missing }: { level: HazardLevel; complete: boolean; missing?: string[] }) {
  if (level !== '重大') return <span className="cell-sub">—</span>;
  if (complete) {
    return (
      <span className="five-ok">
        <CheckCircleFilled /> 齐全
      </span>
    );
  }
  const text = missing?.length ? `缺：${missing.join('、')}` : '不全';
  return (
    <Tooltip title="重大事故隐患须落实整改责任、措施、资金、时限和预案（五落实）">
      <span className="five-missing">
        <WarningFilled /> {text}
      </span>
    </Tooltip>
  );
}

/** 整改时限: the date, or the words as written (立即整改). */
export function DeadlineText({ date, text }: { date: string | null; text: string | null }) {
  if (date) return <span>{date}</span>;
  if (text) return <span className="deadline-words">{text}</span>;
  return <span className="cell-sub">—</span>;
}
