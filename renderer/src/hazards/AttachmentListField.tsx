/** One attachment list of the hazard form (整改前照片 / 整改后照片 / 整改报告): add via the file dialog, remove. */
import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';
import { fileSize } from '../components/format';
import type { AttachmentItem } from './hazardFormModel';

interface Props {
  value?: AttachmentItem[];
  onChange?: (v: AttachmentItem[]) => void;
  id?: string;
  addLabel: string;
  /** Accept report documents (.docx, PDF with text) too, and report the 字数 the server extracted. */
  documents?: boolean;
  onTextLength?: (n: number) => void;
}

export function AttachmentListField({ value = [], onChange, id, addLabel, documents, onTextLength }: Props) {
  const { run, pending } = useAction();
  const add = async () => {
    const r = await run(() => (documents ? call('attachments:pickDocument', {}) : call('attachments:pick', {})));
    if (!r.ok) return;
    const counted = r.value
      .map((a) => ('textLength' in a ? a.textLength : null))
      .find((n): n is number => typeof n === 'number');
    if (counted !== undefined) onTextLength?.(counted);
    const known = new Set(value.map((a) => a.id));
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
    <div id={id}>
      {value.length ? (
        <ul className="scan-list" data-testid={`attachments-${addLabel}`}>
          {value.map((a) => (
            <li key={a.id}>
              {a.mime === 'application/pdf' ? (
                <FilePdfOutlined style={{ color: '#d4380d' }} />
              ) : (
                <FileImageOutlined style={{ color: '#1f5fbf' }} />
              )}
              <span className="scan-list-name" title={a.originalName}>
                {a.originalName}
              </span>
              <span className="cell-sub">{fileSize(a.size)}</span>
              <Tooltip title="移除（文件仍保留在附件库）">
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`移除 ${a.originalName}`}
                  onClick={() => onChange?.(value.filter((x) => x.id !== a.id))}
                />
              </Tooltip>
            </li>
          ))}
        </ul>
      ) : null}
      <Button size="small" icon={<PlusOutlined />} onClick={add} loading={pending}>
        {addLabel}
      </Button>
    </div>
  );
}
