/**
 * 检测电子档案…: choose an 归档信息包 folder (or one the app exported), run the 四性检测 with progress, and show the
 * report as a table — 检测类别, 检测项, 结果, 说明 — failed rows in red; the report PDF opens from here.
 */
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { call, type ChannelOutput } from '../api/client';
import { useAction, useRequest } from '../api/useRequest';
import { JobProgress } from '../components/JobProgress';
import { newJobId } from '../components/jobs';
import { showDateTime } from '../components/format';

type Checked = NonNullable<ChannelOutput<'volumes:checkPackage'>>;
type Item = Checked['report']['items'][number];
type Recorded = ChannelOutput<'volumes:exportedPackages'>[number];

function explanation(it: Item): string {
  if (it.passed) return `${it.description}（检测 ${it.checked} 项）`;
  return it.findings.map((f) => (f.message.includes(f.where) ? f.message : `${f.where}：${f.message}`)).join('\n');
}

export function PackageCheckButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)} data-testid="package-check-open">
        检测电子档案…
      </Button>
      {open ? <PackageCheckModal onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PackageCheckModal({ onClose }: { onClose: () => void }) {
  const recorded = useRequest(() => call('volumes:exportedPackages', {}), []);
  const { run } = useAction();
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<Checked | null>(null);

  const check = async (packageId?: number) => {
    const job = newJobId();
    setJobId(job);
    const x = await run(() => call('volumes:checkPackage', packageId ? { packageId, jobId: job } : { jobId: job }));
    setJobId(null);
    if (x.ok && x.value) {
      setResult(x.value);
      recorded.reload();
    }
  };

  const r = result?.report;
  return (
    <Modal
      open
      title="电子档案四性检测（DA/T 70-2018）"
      width={980}
      onCancel={onClose}
      footer={
        <Space>
          {result?.reportToken ? (
            <Button
              icon={<FilePdfOutlined />}
              onClick={() => void run(() => call('volumes:openCheckReport', { token: result.reportToken! }))}
            >
              打开检测报告 PDF
            </Button>
          ) : null}
          <Button type="primary" onClick={() => void check()} disabled={!!jobId} data-testid="package-check-pick">
            选择信息包文件夹…
          </Button>
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      {jobId ? (
        <JobProgress jobId={jobId} text="正在检测…" hint="逐个计算 SM3、SHA-256 摘要并解析每个文件，请稍候。" />
      ) : r ? (
        <>
          <Alert
            type={r.passed ? 'success' : 'error'}
            showIcon
            data-testid="package-check-verdict"
            title={`检测结论：${r.passed ? '通过' : '不通过'}　${r.packageName}`}
            description={
              r.passed
                ? `共 ${r.counts.items} 件、${r.counts.files} 个文件、${r.counts.pages} 页，四性检测各项均通过，可以移交。检测报告已写入信息包的“检测”文件夹。`
                : `${r.items.filter((i) => !i.passed).length} 项不通过：请按“说明”处理后重新导出、重新检测，不要移交。${result?.reportError ?? ''}`
            }
            style={{ marginBottom: 12 }}
          />
          <Table<Item>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={r.items}
            rowClassName={(it) => (it.passed ? '' : 'package-check-failed')}
            data-testid="package-check-table"
            columns={[
              { title: '检测类别', dataIndex: 'category', width: 80 },
              { title: '检测项', width: 200, render: (_, it) => `${it.code} ${it.name}` },
              {
                title: '结果',
                width: 80,
                render: (_, it) => (it.passed ? <Tag color="green">通过</Tag> : <Tag color="red">不通过</Tag>),
              },
              { title: '说明', render: (_, it) => <div style={{ whiteSpace: 'pre-wrap' }}>{explanation(it)}</div> },
            ]}
          />
        </>
      ) : (
        <RecordedList rows={recorded.data ?? []} onCheck={(id) => void check(id)} />
      )}
    </Modal>
  );
}

function RecordedList({ rows, onCheck }: { rows: Recorded[]; onCheck: (id: number) => void }) {
  return (
    <>
      <p>
        选择一个归档信息包文件夹进行检测：真实性、完整性、可用性、安全性共 16 项，检测报告（PDF 和
        XML）写入信息包的“检测”文件夹。本机导出过的信息包可直接检测：
      </p>
      <Table<Recorded>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '本机还没有导出过电子档案信息包' }}
        columns={[
          { title: '信息包', dataIndex: 'name' },
          { title: '导出时间', width: 150, render: (_, p) => showDateTime(p.exportedAt) },
          {
            title: '上次检测',
            width: 200,
            render: (_, p) =>
              p.lastCheckedAt ? (
                <span className={p.lastPassed ? '' : 'package-check-stale'}>
                  {showDateTime(p.lastCheckedAt)} {p.lastPassed ? '通过' : '不通过'}
                </span>
              ) : (
                '未检测'
              ),
          },
          { title: '', width: 90, render: (_, p) => <Button onClick={() => onCheck(p.id)}>检测</Button> },
        ]}
      />
    </>
  );
}
