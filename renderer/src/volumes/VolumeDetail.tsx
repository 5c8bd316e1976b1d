/** One volume: its data, the items in order, the completeness check, export, sealing and the export history. */
import {
  ArrowLeftOutlined,
  EditOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  LockOutlined,
  PrinterOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { MODE_WORDS } from '../../../core/domain/archiveMode';
import { Alert, Button, Card, Descriptions, Form, List, Modal, Radio, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';
import { useAction, useRequest } from '../api/useRequest';
import { useAppState } from '../app/AppState';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { showDate, showDateTime } from '../components/format';
import { CheckCard } from './CheckCard';
import { ExportingModal } from './ExportingModal';
import { newJobId } from '../components/jobs';
import { HistoryCard } from './HistoryCard';
import { ItemsCard } from './ItemsCard';
import { ORDER_LABELS, RETENTION_LABELS } from './labels';
import { RegisterExportButton } from './RegisterExportButton';
import { SealDialog } from './SealDialog';
import { SealVerify } from './SealVerify';
import type { CheckResult, ExportResult, VolumeView } from './types';
import { VolumeFields, formValuesOf, toVolumeInput, type VolumeFormValues } from './VolumeFields';
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
              {v.outOfDate && status.data ? (
                <div className="out-of-date">
                  <div>封卷后有变化，本卷已过期：</div>
                  <ul>
                    {status.data.changed.map((c) => (
                      <li key={`c${c.position}`}>
                        第 {c.position + 1} 件 {c.title}：{c.reason}
                      </li>
                    ))}
                    {status.data.missing.map((m) => (
                      <li key={`m${m.position}`}>
                        第 {m.position + 1} 件 {m.title}：记录已删除
                      </li>
                    ))}
                    {status.data.added.slice(0, 10).map((a, i) => (
                      <li key={`a${i}`}>新增：{a.title}</li>
                    ))}
                    {status.data.added.length > 10 ? <li>……另有 {status.data.added.length - 10} 件新增</li> : null}
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
      ) : null}

      {exported ? (
        <ExportResultCard r={exported} words={MODE_WORDS[v.archiveMode]} onClose={() => setExported(null)} />
      ) : null}

      <Modal
        open={choosing !== null}
        title="导出案卷"
        okText={choosing === 'ofd' ? '导出 OFD' : '导出 PDF'}
        cancelText="取消"
        onCancel={() => setChoosing(null)}
        onOk={() => {
          const format = choosing ?? 'pdf';
          setChoosing(null);
          void doExport(false, false, format);
        }}
      >
        <Form layout="vertical">
          <Form.Item label="文件格式">
            <Radio.Group
              value={choosing}
              onChange={(e) => setChoosing(e.target.value as 'pdf' | 'ofd')}
              options={[
                { value: 'pdf', label: 'PDF（打印、封卷用）' },
                { value: 'ofd', label: 'OFD 版式文件（GB/T 33190，电子档案移交用）' },
              ]}
            />
          </Form.Item>
        </Form>
        {choosing === 'ofd' ? (
          <Alert
            type="info"
            showIcon
            title="OFD 与 PDF 的页面相同：封面、卷内目录、登记表、扫描件、页号和归档章位置一致，字体嵌入文件中。"
            description={
              <ul className="ofd-limits">
                <li>
                  PDF 扫描件的每一页必须是一整页扫描图像；含文字或图形的 PDF 页无法转为
                  OFD，导出会提示是哪个文件第几页。
                </li>
                <li>封卷保存的是 PDF；已封卷的案卷按封卷时的内容生成 OFD。</li>
              </ul>
            }
          />
        ) : null}
      </Modal>

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
          <Card
            title={`${MODE_WORDS[v.archiveMode].container}信息`}
            extra={
              !sealed ? (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  修改
                </Button>
              ) : null
            }
          >
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 96 } }}
              items={[
                { key: 'fonds', label: '全宗', children: `${v.fondsName}${v.fondsCode ? `（${v.fondsCode}）` : ''}` },
                { key: 'year', label: '年度', children: v.year },
                { key: 'retention', label: '保管期限', children: RETENTION_LABELS[v.retention] },
                { key: 'no', label: MODE_WORDS[v.archiveMode].number, children: v.volumeNo },
                { key: 'creator', label: '立卷人', children: v.creator || '—' },
                { key: 'checker', label: '检查人', children: v.checker || '—' },
                {
                  key: 'date',
                  label: '立卷时间',
                  children: v.compiledDate ? (
                    showDate(v.compiledDate)
                  ) : (
                    <span className="cell-sub">导出（封卷）当日</span>
                  ),
                },
                { key: 'secrecy', label: '密级', children: v.secrecy || '公开' },
                { key: 'limit', label: '每卷上限', children: `${v.pageLimit} 页` },
                { key: 'order', label: '排列', children: ORDER_LABELS[v.orderBy] },
                {
                  key: 'remarks',
                  label: '情况说明',
                  children: v.remarks ? <span className="pre-line">{v.remarks}</span> : '—',
                },
              ]}
            />
          </Card>
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

function ExportResultCard({
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

function EditVolumeModal({
  volume,
  onClose,
  onSaved,
}: {
  volume: VolumeView;
  onClose: () => void;
  onSaved: (v: VolumeView) => void;
}) {
  const [form] = Form.useForm<VolumeFormValues>();
  const { run, pending } = useAction();
  const save = async () => {
    const values = await form.validateFields();
    const r = await run(() => call('volumes:update', { id: volume.id, patch: toVolumeInput(values) }), {
      success: `${MODE_WORDS[volume.archiveMode].container}信息已保存`,
    });
    if (r.ok) onSaved(r.value);
  };
  return (
    <Modal
      open
      title={`修改${MODE_WORDS[volume.archiveMode].container}信息`}
      width={760}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      cancelText="取消"
      confirmLoading={pending}
      mask={{ closable: false }}
    >
      <Form<VolumeFormValues> form={form} layout="vertical" initialValues={formValuesOf(volume)}>
        <VolumeFields volumeNoRequired mode={volume.archiveMode} />
      </Form>
    </Modal>
  );
}
