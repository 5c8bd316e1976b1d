/**
 * 导出电子档案: the 归档信息包 of a 年度 or of chosen volumes (optionally also one .zip), built with a progress bar,
 * then what was made and the 四性检测's verdict. A package that fails the check is not to be handed over.
 */
import { CloudDownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Modal, Radio, Result, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { call, type ChannelOutput } from '../api/client';
import { useAction } from '../api/useRequest';
import { JobProgress } from '../components/JobProgress';
import { newJobId } from '../components/jobs';
import type { VolumeRow } from './types';

type PackageResult = NonNullable<ChannelOutput<'volumes:exportPackage'>>;
interface CheckItem {
  category?: string;
  name?: string;
  ok?: boolean;
  where?: string;
  message?: string;
}

const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(n / 1024))} KB`;

export function ExportPackageButton({ volumes }: { volumes: VolumeRow[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<CloudDownloadOutlined />} onClick={() => setOpen(true)} disabled={!volumes.length}>
        导出电子档案
      </Button>
      {open ? <ExportPackageModal volumes={volumes} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function ExportPackageModal({ volumes, onClose }: { volumes: VolumeRow[]; onClose: () => void }) {
  const years = useMemo(() => [...new Set(volumes.map((v) => v.year))].sort((a, b) => b - a), [volumes]);
  const [scope, setScope] = useState<'year' | 'volumes'>('year');
  const [year, setYear] = useState<number | undefined>(years[0]);
  const [ids, setIds] = useState<number[]>([]);
  const [zip, setZip] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<PackageResult | null>(null);
  const { run, pending } = useAction();

  const inYear = volumes.filter((v) => v.year === year);
  const drafts = (scope === 'year' ? inYear : volumes.filter((v) => ids.includes(v.id))).filter(
    (v) => v.status === 'draft',
  ).length;
  const ready = scope === 'year' ? year !== undefined && inYear.length > 0 : ids.length > 0;

  const start = async () => {
    const job = newJobId();
    setJobId(job);
    const x = await run(() =>
      call('volumes:exportPackage', {
        ...(scope === 'year' ? { year: year! } : { volumeIds: ids }),
        zip,
        jobId: job,
      }),
    );
    setJobId(null);
    if (x.ok && x.value) setResult(x.value);
  };

  const failed = ((result?.check as { items?: CheckItem[] } | undefined)?.items ?? []).filter((i) => i.ok === false);

  return (
    <Modal
      open
      title="导出电子档案（归档信息包）"
      width={640}
      onCancel={pending ? undefined : onClose}
      closable={!pending}
      mask={{ closable: false }}
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : pending ? null : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" disabled={!ready} onClick={start} data-testid="package-start">
              选择文件夹并导出…
            </Button>
          </Space>
        )
      }
      data-testid="package-modal"
    >
      {pending ? (
        <JobProgress
          jobId={jobId}
          text="正在生成归档信息包…"
          hint="每件生成一个 PDF/A 文件和元数据，件数多时需要几分钟，请勿关闭程序。"
          testId="package-progress"
        />
      ) : result ? (
        <PackageResultView r={result} failed={failed} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            按档案馆接收电子档案的要求生成一个文件夹：每件一个 PDF/A 文件及其元数据（DA/T 46），文件目录， 全部文件的
            SM3、SHA-256 摘要清单，以及打印签字用的移交登记表；生成后自动做四性检测（DA/T 70）。
          </Typography.Paragraph>
          <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as 'year' | 'volumes')}>
            <Radio value="year">按年度</Radio>
            <Radio value="volumes">选定的案卷</Radio>
          </Radio.Group>
          {scope === 'year' ? (
            <Space>
              <span>年度</span>
              <Select
                style={{ width: 120 }}
                value={year}
                onChange={setYear}
                options={years.map((y) => ({ value: y, label: `${y} 年` }))}
                data-testid="package-year"
              />
              <span className="cell-sub">
                {inYear.length} 卷，{inYear.reduce((a, v) => a + v.items, 0)} 件
              </span>
            </Space>
          ) : (
            <Select
              mode="multiple"
              style={{ width: '100%' }}
              placeholder="选择要导出的案卷"
              value={ids}
              onChange={setIds}
              optionFilterProp="label"
              options={volumes.map((v) => ({ value: v.id, label: `${v.archivalNo} ${v.title}（${v.items} 件）` }))}
              data-testid="package-volumes"
            />
          )}
          <Checkbox checked={zip} onChange={(e) => setZip(e.target.checked)}>
            同时生成一个 .zip 压缩文件（便于刻盘或网络传输）
          </Checkbox>
          {drafts ? (
            <Alert
              type="info"
              showIcon
              title={`所选范围中有 ${drafts} 卷尚未封卷：导出的是当前内容。移交前建议先封卷，使移交的内容与封卷一致。`}
            />
          ) : null}
        </Space>
      )}
    </Modal>
  );
}

function PackageResultView({ r, failed }: { r: PackageResult; failed: CheckItem[] }) {
  return (
    <div data-testid="package-result">
      <Result
        status={r.check.ok ? 'success' : 'warning'}
        title={r.check.ok ? '归档信息包已生成，四性检测通过' : '归档信息包已生成，但四性检测未通过'}
        subTitle={
          r.check.ok
            ? '请打印包内的“移交登记表.pdf”，签字盖章后连同本包一起移交档案馆。'
            : '本包不能移交。请按下列问题修改后重新导出；检测报告在包内“检测”文件夹中。'
        }
        style={{ padding: '8px 0' }}
      />
      {failed.length ? (
        <Alert
          type="error"
          style={{ marginBottom: 12 }}
          title="检测不通过的项目"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {failed.slice(0, 30).map((i, k) => (
                <li key={k}>
                  {i.category ? `${i.category}：` : ''}
                  {i.name}
                  {i.where ? `（${i.where}）` : ''}
                  {i.message ? `：${i.message}` : ''}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="文件夹">
          <Typography.Text copyable className="mono">
            {r.dir}
          </Typography.Text>
        </Descriptions.Item>
        {r.zip ? (
          <Descriptions.Item label="压缩文件">
            <Typography.Text copyable className="mono">
              {r.zip}
            </Typography.Text>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="归档方式">{r.mode}</Descriptions.Item>
        <Descriptions.Item label="件数 / 页数">
          {r.items} 件{r.volumes !== null ? `（${r.volumes} 卷）` : ''}，{r.pages} 页，{formatBytes(r.bytes)}
        </Descriptions.Item>
        <Descriptions.Item label="格式">
          PDF/A-1b {r.pdfa} 件{r.pdfa < r.items ? `，普通 PDF ${r.items - r.pdfa} 件（装订的文件不符合 PDF/A）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="包摘要（SM3）">
          <Typography.Text copyable className="mono" style={{ fontSize: 12 }}>
            {r.sm3}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
