/** What a backup holds, in the clerk's words: 单位 12 · 通知 3 · 明白书 120 … */
export const COUNT_LABELS: [string, string][] = [
  ['units', '单位'],
  ['notices', '通知'],
  ['pledges', '明白书'],
  ['hazards', '隐患'],
  ['return_submissions', '报送'],
  ['attachments', '附件'],
  ['audit_log', '操作日志'],
];

export function CountsList({ counts }: { counts: Record<string, number> }) {
  return (
    <div className="backup-counts" data-testid="backup-counts">
      {COUNT_LABELS.filter(([k]) => counts[k] !== undefined).map(([k, label]) => (
        <span key={k} className="backup-count">
          <span className="backup-count-label">{label}</span>
          <b>{counts[k]!.toLocaleString('zh-CN')}</b>
        </span>
      ))}
    </div>
  );
}

export function seconds(ms: number): string {
  return ms < 1000 ? '不到 1 秒' : `${(ms / 1000).toFixed(1)} 秒`;
}
