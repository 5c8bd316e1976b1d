/**
 * The banner of a sealed volume: when and by whom it was sealed, its pages and 册, the PDF's SHA-256 (copyable)
 * with the re-hash of the stored file (SealVerify), and, when records changed since sealing, what changed and the
 * two ways on (办理补充卷 or 重新组卷).
 */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { showDateTime } from '../components/format';
import { SealVerify } from './SealVerify';
import type { VolumeStatusInfo, VolumeView } from './types';

interface Props {
  volume: VolumeView;
  /** What changed since sealing (loaded for a sealed volume). */
  status: VolumeStatusInfo | undefined;
  pending: boolean;
  successor: (kind: 'supplement' | 'newEdition') => void;
}

export function SealedAlert({ volume: v, status, pending, successor }: Props) {
  return (
    <Alert
      className="seal-alert"
      type={v.outOfDate ? 'warning' : 'success'}
      showIcon
      icon={<SafetyCertificateOutlined />}
      title={
        <span>
          已封卷：{showDateTime(v.sealedAt)}，{v.sealedBy ?? ''}
          {v.parts.length
            ? `；共 ${v.parts.reduce((n, p) => n + p.pages, 0)} 页${v.parts.length > 1 ? `，分 ${v.parts.length} 册` : ''}`
            : ''}
        </span>
      }
      description={
        <div>
          <div>
            PDF 的 SHA-256：
            <Typography.Text className="mono sha" copyable data-testid="seal-sha">
              {v.sha256}
            </Typography.Text>
          </div>
          <SealVerify id={v.id} />
          {v.outOfDate && status ? (
            <div className="out-of-date">
              <div>封卷后有变化，本卷已过期：</div>
              <ul>
                {status.changed.map((c) => (
                  <li key={`c${c.position}`}>
                    第 {c.position + 1} 件 {c.title}：{c.reason}
                  </li>
                ))}
                {status.missing.map((m) => (
                  <li key={`m${m.position}`}>
                    第 {m.position + 1} 件 {m.title}：记录已删除
                  </li>
                ))}
                {status.added.slice(0, 10).map((a, i) => (
                  <li key={`a${i}`}>新增：{a.title}</li>
                ))}
                {status.added.length > 10 ? <li>……另有 {status.added.length - 10} 件新增</li> : null}
              </ul>
              <Space>
                <Button size="small" type="primary" onClick={() => successor('supplement')} disabled={pending}>
                  办理补充卷（只装变化和新增的）
                </Button>
                <Button size="small" onClick={() => successor('newEdition')} disabled={pending}>
                  重新组卷（新版本）
                </Button>
              </Space>
            </div>
          ) : null}
        </div>
      }
    />
  );
}
