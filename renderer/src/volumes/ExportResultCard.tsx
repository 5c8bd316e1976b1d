/**
 * The card shown after an export: the file(s) written (one per 卷 or 盒 when split at the page limit), the
 * SHA-256, what the completeness check found, and whether a sealed volume's export matches its seal or was copied
 * from the bytes kept at sealing.
 */
import { Alert, List, Typography } from 'antd';
import type { MODE_WORDS } from '../../../core/domain/archiveMode';
import type { ExportResult } from './types';

export function ExportResultCard({
  r,
  words,
  onClose,
}: {
  r: ExportResult;
  words: (typeof MODE_WORDS)[keyof typeof MODE_WORDS];
  onClose: () => void;
}) {
  return (
    <Alert
      className="export-result"
      type={r.check.errors ? 'warning' : 'success'}
      showIcon
      closable={{ onClose }}
      title={`${r.file.toLowerCase().endsWith('.ofd') ? 'OFD' : r.sealed ? '封卷 PDF' : 'PDF'} 已生成：${r.pages} 页，${r.items} 件${r.volumes.length > 1 ? `，按每${words.short}页数上限分为 ${r.volumes.length} ${words.short}` : ''}（用时 ${(r.ms / 1000).toFixed(1)} 秒）`}
      description={
        <div data-testid="export-result">
          {r.volumes.length > 1 ? (
            <List
              size="small"
              dataSource={r.volumes}
              renderItem={(p) => (
                <List.Item>
                  <span className="mono-path">{p.file}</span>
                  <span className="cell-sub">
                    {words.number} {p.volumeNo} · {p.pages} 页 · {p.items} 件
                  </span>
                </List.Item>
              )}
            />
          ) : (
            <div>
              文件：<span className="mono-path">{r.file}</span>
            </div>
          )}
          <div>
            SHA-256：
            <Typography.Text className="mono" copyable>
              {r.sha256}
            </Typography.Text>
          </div>
          <div>
            完整性检查：
            {r.check.errors || r.check.warnings
              ? `问题 ${r.check.errors} 项，提醒 ${r.check.warnings} 项（已照常装订）`
              : '未发现问题'}
            {r.matchesSeal === true
              ? '；与封卷时的 PDF 完全一致'
              : r.matchesSeal === false
                ? '；与封卷时的 PDF 不一致！'
                : ''}
          </div>
          {r.source === 'stored' ? (
            <div>已导出封卷时保存的 PDF（逐字节相同，已校验），与本机字体和程序版本无关。</div>
          ) : null}
          {r.notice ? <div>{r.notice}</div> : null}
        </div>
      }
    />
  );
}
