/** 案卷归档: the volumes (drafts and sealed), 新建案卷, and one volume's page (#/volumes?id=N). */
import { FilePdfOutlined, FolderOpenOutlined, LockOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { useNotices, useUnits } from '../api/useDirectory';
import { useAction, useRequest } from '../api/useRequest';
import { useAppState } from '../app/AppState';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { usePrintPreview } from '../components/PrintPreview';
import { showDateTime } from '../components/format';
import { CreateVolumeDrawer } from './CreateVolumeDrawer';
import { ExportingModal } from './ExportingModal';
import { newJobId } from '../components/jobs';
import { RETENTION_LABELS } from './labels';
import { RegisterExportButton } from './RegisterExportButton';
import { PackageCheckButton } from './PackageCheckModal';
import { ExportPackageButton } from './ExportPackageModal';
import type { VolumeRow } from './types';
import { VolumeDetail } from './VolumeDetail';
import { RelationTag, VolumeStatusTag } from './volumeTags';
import './volumes.css';
import { MODE_WORDS } from '../../../core/domain/archiveMode';

export function VolumesPage({ initialId }: { initialId?: number }) {
  if (initialId) return <VolumeDetail id={initialId} />;
  return <VolumeList />;
}

function VolumeList() {
  const { navigate, settings } = useAppState();
  // 按件归档 (DA/T 22) or 组卷 (GB/T 9705): the page speaks the mode's words
  const mode = settings?.archiveMode === 'piece' ? 'piece' : 'volume';
  const w = MODE_WORDS[mode];
  const rowWords = (r: VolumeRow) =>
    MODE_WORDS[(r as VolumeRow & { archiveMode?: 'piece' | 'volume' }).archiveMode ?? mode];
  const list = useRequest(() => call('volumes:list', {}), []);
  const { notices } = useNotices();
  const { units } = useUnits();
  const [creating, setCreating] = useState(false);
  const { run, pending } = useAction();
  const [exporting, setExporting] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const open = (id: number) => navigate('volumes', { id });

  const exportPdf = async (r: VolumeRow, seal: boolean) => {
    const job = newJobId();
    setJobId(job);
    const rw = rowWords(r);
    setExporting(seal ? `正在${rw.finalise}并生成 PDF…` : '正在生成 PDF…');
    const x = await run(() => call(seal ? 'volumes:seal' : 'volumes:export', { id: r.id, jobId: job }), {
      success: (res) => (res ? `${seal ? `已${rw.finalise}，` : ''}PDF 已保存：${res.file}（${res.pages} 页）` : null),
    });
    setExporting(null);
    if (x.ok && x.value) list.reload();
  };
  const preview = usePrintPreview();
  const printPreview = async (r: VolumeRow) => {
    const job = newJobId();
    setJobId(job);
    setExporting('正在生成打印预览…');
    await preview(() => call('volumes:printPreview', { id: r.id, jobId: job }));
    setExporting(null);
  };
  const successor = async (r: VolumeRow, kind: 'supplement' | 'newEdition') => {
    const x = await run(() => call(kind === 'supplement' ? 'volumes:supplement' : 'volumes:newEdition', { id: r.id }), {
      success: (v) => `已建立${kind === 'supplement' ? '补充卷' : '新版'}草稿：${v.title}`,
    });
    if (x.ok) open(x.value.id);
  };
  const remove = async (r: VolumeRow) => {
    const x = await run(() => call('volumes:delete', { id: r.id }), {
      success: `已删除${rowWords(r).container}草稿：${r.title}`,
    });
    if (x.ok) list.reload();
  };

  return (
    <div className="page">
      <PageHeader
        title={mode === 'piece' ? '档案归档（按件归档）' : '案卷归档'}
        hint={
          mode === 'piece'
            ? `按 ${w.standard} 以件为单位整理：每件编件号、盖归档章，装入档案盒，打印归档文件目录、盒内备考表和盒脊，导出 PDF 打印存档；装盒后内容锁定。归档方式在“设置”中选择。`
            : `把明白书、报送材料、隐患台账和闭环档案按 ${w.standard} 装订成卷：封面、卷内目录、文件、备考表，导出 PDF 打印存档；封卷后内容锁定。归档方式在“设置”中选择。`
        }
        extra={
          <Space>
            <RegisterExportButton />
            <PackageCheckButton />
            <ExportPackageButton volumes={list.data ?? []} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建{w.container}
            </Button>
          </Space>
        }
      />
      <Card>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<VolumeRow>
            rowKey="id"
            loading={list.loading}
            dataSource={list.data ?? []}
            size="middle"
            pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} ${w.short}`, hideOnSinglePage: true }}
            locale={{
              emptyText: (
                <Empty description={`还没有${w.container}`}>
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                    新建{w.container}
                  </Button>
                </Empty>
              ),
            }}
            onRow={(r) => ({ onDoubleClick: () => open(r.id) })}
            columns={[
              {
                title: mode === 'piece' ? '档号 / 盒号' : '档号',
                dataIndex: 'archivalNo',
                width: 190,
                render: (v: string, r) =>
                  rowWords(r).short === '盒' ? (
                    <span className="mono">盒号 {String(r.volumeNo).padStart(4, '0')}</span>
                  ) : (
                    <span className="mono">{v}</span>
                  ),
              },
              {
                title: mode === 'piece' ? '题名' : '案卷题名',
                dataIndex: 'title',
                render: (v: string, r) => (
                  <Space size={4} wrap>
                    <a onClick={() => open(r.id)}>{v}</a>
                    <RelationTag relation={r.relation} edition={r.edition} />
                  </Space>
                ),
              },
              { title: '年度', dataIndex: 'year', width: 70, align: 'center' },
              {
                title: '保管期限',
                dataIndex: 'retention',
                width: 96,
                render: (v: VolumeRow['retention']) => RETENTION_LABELS[v],
              },
              { title: '件数', dataIndex: 'items', width: 64, align: 'right' },
              {
                title: '页数',
                width: 80,
                align: 'right',
                render: (_, r) => {
                  const pages = (r as VolumeRow & { pages?: number | null }).pages;
                  return pages ? (
                    <span>
                      {pages}
                      {r.partCount > 1 ? <div className="cell-sub">分 {r.partCount} 册</div> : null}
                    </span>
                  ) : r.partCount > 1 ? (
                    <span className="cell-sub">分 {r.partCount} 册</span>
                  ) : (
                    <span className="cell-sub">—</span>
                  );
                },
              },
              {
                title: '状态',
                width: 130,
                render: (_, r) => (
                  <div>
                    <VolumeStatusTag status={r.status} outOfDate={r.outOfDate} />
                    {r.sealedAt ? <div className="cell-sub">{showDateTime(r.sealedAt)}</div> : null}
                  </div>
                ),
              },
              {
                title: '操作',
                width: 300,
                render: (_, r) => (
                  <Space size={0} wrap className="row-actions">
                    <Button type="link" size="small" icon={<FolderOpenOutlined />} onClick={() => open(r.id)}>
                      打开
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      icon={<FilePdfOutlined />}
                      disabled={pending}
                      onClick={() => exportPdf(r, false)}
                    >
                      导出 PDF
                    </Button>
                    {r.status === 'draft' ? (
                      <Button
                        type="link"
                        size="small"
                        icon={<PrinterOutlined />}
                        disabled={pending || !!exporting}
                        onClick={() => void printPreview(r)}
                      >
                        打印
                      </Button>
                    ) : null}
                    {r.status === 'draft' ? (
                      <Popconfirm
                        title={rowWords(r).finalise}
                        description={
                          <div style={{ maxWidth: 320 }}>
                            {rowWords(r).finalise}会导出 PDF 并保存{rowWords(r).container}内容和 PDF 的
                            SHA-256，明白书标为“已归档”，{rowWords(r).container}锁定不能再改。
                          </div>
                        }
                        okText={rowWords(r).finalise}
                        cancelText="取消"
                        onConfirm={() => exportPdf(r, true)}
                      >
                        <Button type="link" size="small" icon={<LockOutlined />} disabled={pending}>
                          {rowWords(r).finalise}
                        </Button>
                      </Popconfirm>
                    ) : null}
                    {r.status === 'sealed' && r.outOfDate ? (
                      <>
                        <Button type="link" size="small" disabled={pending} onClick={() => successor(r, 'supplement')}>
                          补充卷
                        </Button>
                        <Button type="link" size="small" disabled={pending} onClick={() => successor(r, 'newEdition')}>
                          新版本
                        </Button>
                      </>
                    ) : null}
                    {r.status === 'draft' ? (
                      <Popconfirm
                        title={`删除${rowWords(r).container}草稿“${r.title}”？`}
                        description="只删除组卷，不影响其中的记录。"
                        okText="删除"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={() => remove(r)}
                      >
                        <Button type="link" size="small" danger disabled={pending}>
                          删除
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <CreateVolumeDrawer
        open={creating}
        notices={notices}
        units={units}
        onClose={() => setCreating(false)}
        onCreated={(v) => {
          setCreating(false);
          open(v.id);
        }}
      />
      <ExportingModal text={exporting} jobId={jobId} />
    </div>
  );
}
