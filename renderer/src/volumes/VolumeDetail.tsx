/** One volume: its data, the items in order, the completeness check, export, sealing and the export history. */
import { ArrowLeftOutlined, FilePdfOutlined, FileTextOutlined, LockOutlined, PrinterOutlined } from '@ant-design/icons';
import { MODE_WORDS } from '../../../core/domain/archiveMode';
import { Button, Space, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';
import { useAction, useRequest } from '../api/useRequest';
import { useAppState } from '../app/AppState';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { CheckCard } from './CheckCard';
import { EditVolumeModal } from './EditVolumeModal';
import { ExportFormatModal } from './ExportFormatModal';
import { ExportingModal } from './ExportingModal';
import { ExportResultCard } from './ExportResultCard';
import { newJobId } from '../components/jobs';
import { HistoryCard } from './HistoryCard';
import { ItemsCard } from './ItemsCard';
import { RegisterExportButton } from './RegisterExportButton';
import { SealDialog } from './SealDialog';
import { SealedAlert } from './SealedAlert';
import type { CheckResult, ExportResult, VolumeView } from './types';
import { VolumeInfoCard } from './VolumeInfoCard';
import { RelationTag, VolumeStatusTag } from './volumeTags';

export function VolumeDetail({ id }: { id: number }) {
  const { navigate } = useAppState();
  const req = useRequest(() => call('volumes:get', { id }), [id]);
  const history = useRequest(() => call('volumes:history', { id }), [id]);
  const [volume, setVolume] = useState<VolumeView | undefined>(undefined);
  const v = volume ?? req.data;
  const status = useRequest(() => call('volumes:status', { id }), [id, v?.status], { enabled: v?.status === 'sealed' });
  const [check, setCheck] = useState<{ result: CheckResult | null; loading: boolean; error: string | null }>({
    result: null,
    loading: false,
    error: null,
  });
  const [exported, setExported] = useState<ExportResult | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [sealing, setSealing] = useState(false);
  /** The 导出为… dialog: which format the clerk picked (null: closed). */
  const [choosing, setChoosing] = useState<'pdf' | 'ofd' | null>(null);
  const { run, pending } = useAction();

  useEffect(() => {
    if (req.data) setVolume(req.data);
  }, [req.data]);

  const runCheck = useCallback(async () => {
    setCheck((c) => ({ ...c, loading: true, error: null }));
    try {
      const result = await call('volumes:check', { id });
      setCheck({ result, loading: false, error: null });
    } catch (e) {
      setCheck((c) => ({ ...c, loading: false, error: errorMessage(e) }));
    }
  }, [id]);

  // A draft is checked when opened (and after each change); a sealed volume shows the check it was sealed with.
  const draftVersion = v?.status === 'draft' ? v.version : null;
  useEffect(() => {
    if (draftVersion !== null) void runCheck();
  }, [draftVersion, runCheck]);

  if (req.error)
    return (
      <div className="page">
        <LoadError error={req.error} onRetry={req.reload} />
      </div>
    );
  if (!v)
    return (
      <div className="page volume-loading">
        <Spin />
      </div>
    );

  const sealed = v.status === 'sealed';
  const shownCheck = sealed ? v.check : check.result;

  const doExport = async (seal: boolean, confirmWarnings = false, format: 'pdf' | 'ofd' = 'pdf') => {
    const job = newJobId();
    setJobId(job);
    setSealing(false);
    const label = format === 'ofd' ? 'OFD' : 'PDF';
    setExporting(seal ? '正在封卷并生成 PDF…' : `正在生成 ${label}…`);
    const input = { id: v.id, jobId: job, ...(confirmWarnings ? { confirmWarnings: true } : {}) };
    const r = await run(
      () =>
        seal
          ? call('volumes:seal', input)
          : call('volumes:export', { ...input, ...(format === 'ofd' ? { format } : {}) }),
      {
        success: (x) =>
          x ? (seal ? `已封卷，PDF 已保存（${x.pages} 页）` : `${label} 已保存（${x.pages} 页）`) : null,
      },
    );
    setExporting(null);
    if (!r.ok || !r.value) return;
    setExported(r.value);
    history.reload();
    if (seal || sealed) req.reload();
  };
  const successor = async (kind: 'supplement' | 'newEdition') => {
    const r = await run(() => call(kind === 'supplement' ? 'volumes:supplement' : 'volumes:newEdition', { id: v.id }), {
      success: (x) => `已建立${kind === 'supplement' ? '补充卷' : '新版'}草稿：${x.title}`,
    });
    if (r.ok) navigate('volumes', { id: r.value.id });
  };

  return (
    <div className="page volume-page">
      <SealDialog volume={v} open={sealing} onCancel={() => setSealing(false)} onSeal={(c) => void doExport(true, c)} />
      <PageHeader
        title={v.title}
        hint={
          <Space size={8} wrap>
            {v.archiveMode === 'piece' ? (
              <span className="mono">按件归档 · 盒号 {String(v.volumeNo).padStart(4, '0')}</span>
            ) : (
              <span className="mono">档号 {v.archivalNo}</span>
            )}
            <VolumeStatusTag status={v.status} outOfDate={v.outOfDate} />
            <RelationTag relation={v.relation} edition={v.edition} />
            <span>共 {v.items.length} 件</span>
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('volumes')}>
              案卷列表
            </Button>
            <RegisterExportButton noticeId={v.selection.noticeId} />
            <Button icon={<FilePdfOutlined />} onClick={() => doExport(false)} disabled={pending}>
              {sealed ? '重新导出 PDF' : '导出 PDF'}
            </Button>
            <Button
              icon={<PrinterOutlined />}
              disabled={pending}
              hidden={v.archiveMode === 'piece'}
              onClick={() =>
                void run(() => call('volumes:spine', { id: v.id }), {
                  success: (x) => (x ? `卷脊已保存：${x.file}` : null),
                })
              }
            >
              打印卷脊
            </Button>
            <Button icon={<FileTextOutlined />} onClick={() => setChoosing('ofd')} disabled={pending}>
              导出为…
            </Button>
            {!sealed ? (
              <Button
                type="primary"
                icon={<LockOutlined />}
                disabled={pending || !v.items.length}
                onClick={() => setSealing(true)}
              >
                {v.archiveMode === 'piece' ? '装盒' : '封卷'}
              </Button>
            ) : null}
          </Space>
        }
      />

      {sealed ? (
        <SealedAlert volume={v} status={status.data} pending={pending} successor={(k) => void successor(k)} />
      ) : null}

      {exported ? (
        <ExportResultCard r={exported} words={MODE_WORDS[v.archiveMode]} onClose={() => setExported(null)} />
      ) : null}

      <ExportFormatModal
        choosing={choosing}
        setChoosing={setChoosing}
        onExport={(format) => void doExport(false, false, format)}
      />

      <div className="volume-grid">
        <div className="volume-main">
          <ItemsCard volume={v} problems={shownCheck?.problems ?? null} onSaved={setVolume} />
        </div>
        <div className="volume-side">
          <CheckCard
            check={shownCheck}
            loading={!sealed && check.loading}
            error={sealed ? null : check.error}
            sealed={sealed}
            onRun={sealed ? undefined : runCheck}
          />
          <VolumeInfoCard volume={v} sealed={sealed} onEdit={() => setEditing(true)} />
        </div>
      </div>

      <HistoryCard rows={history.data ?? []} loading={history.loading} />

      {editing ? (
        <EditVolumeModal
          volume={v}
          onClose={() => setEditing(false)}
          onSaved={(x) => {
            setEditing(false);
            setVolume(x);
          }}
        />
      ) : null}
      <ExportingModal text={exporting} jobId={jobId} />
    </div>
  );
}
