/**
 * The 扫描件 field of the 明白书 form: 添加扫描件… asks the main process to pick and store files (it checks them
 * and refuses damaged ones with a Chinese message), then lists them here; 移除 only unlinks from this 明白书.
 */
import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';
import { fileSize } from '../components/format';
import type { ScanItem } from './pledgeFormModel';

interface Props {
  value?: ScanItem[];
  onChange?: (v: ScanItem[]) => void;
  id?: string;
}

export function ScanListField({ value = [], onChange, id }: Props) {
  const { run, pending } = useAction();
  const [error, setError] = useState<string | null>(null);

  const add = async () => {
    setError(null);
    const r = await run(() => call('attachments:pick', {}));
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const known = new Set(value.map((s) => s.id));
    const added = r.value.filter((a) => !known.has(a.id));
    if (added.length)
      onChange?.([
        ...value,
        ...added.map((a) => ({
          id: a.id,
          originalName: a.originalName,
          mime: a.mime,
          size: a.size,
          pageCount: a.pageCount,
        })),
      ]);
  };

  return (
    <div id={id} className="scan-field">
      {value.length === 0 ? (
        <div className="scan-empty">
          尚未添加扫描件。签字后的明白书原件请扫描为 PDF 或 JPG，再点击“添加扫描件…”选择文件。
        </div>
      ) : (
        <ul className="scan-list" data-testid="scan-list">
          {value.map((s, i) => (
            <li key={s.id}>
              {s.mime === 'application/pdf' ? (
                <FilePdfOutlined style={{ color: '#d4380d' }} />
              ) : (
                <FileImageOutlined style={{ color: '#1f5fbf' }} />
              )}
              <span className="scan-list-name" title={s.originalName}>
                {i + 1}. {s.originalName}
              </span>
              <span className="cell-sub">
                {fileSize(s.size)}
                {s.pageCount ? ` · ${s.pageCount} 页` : ''}
              </span>
              <Tooltip title="从此明白书移除（文件仍保留在附件库）">
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`移除 ${s.originalName}`}
                  onClick={() => onChange?.(value.filter((x) => x.id !== s.id))}
                />
              </Tooltip>
            </li>
          ))}
        </ul>
      )}
      <Button icon={<PlusOutlined />} onClick={add} loading={pending}>
        添加扫描件…
      </Button>
      {error ? (
        <Alert
          type="error"
          showIcon
          title="扫描件未添加"
          description={error}
          style={{ marginTop: 8 }}
          data-testid="scan-error"
          closable={{ onClose: () => setError(null) }}
        />
      ) : null}
    </div>
  );
}
