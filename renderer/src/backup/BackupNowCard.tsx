/** 备份到…: one archive of the database and every scan, written to a folder the clerk picks (e.g. a USB drive). */
import { CloudDownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions } from 'antd';
import { useState } from 'react';
import { call, type ChannelOutput } from '../api/client';
import { useAction } from '../api/useRequest';
import { fileSize, showDateTime } from '../components/format';
import { CountsList, seconds } from './counts';

type Done = NonNullable<ChannelOutput<'backup:create'>> & { at: Date };

export function BackupNowCard() {
  const { run, pending } = useAction();
  const [done, setDone] = useState<Done | null>(null);

  const backup = async () => {
    const r = await run(() => call('backup:create', {}));
    if (r.ok && r.value) setDone({ ...r.value, at: new Date() });
  };

  return (
    <div className="page-card" data-testid="backup-now">
      <div className="card-title">手动备份</div>
      <p className="backup-text">
        把数据库和全部扫描件打包成一个备份文件（.tar），保存到您选择的文件夹，例如 U
        盘或移动硬盘。备份文件写完后会逐一校验。
      </p>
      <Button type="primary" icon={<CloudDownloadOutlined />} onClick={() => void backup()} loading={pending}>
        {pending ? '正在备份…' : '备份到…'}
      </Button>
      {done ? (
        <div className="backup-result" data-testid="backup-result">
          <Alert type="success" showIcon title="备份完成，已校验" style={{ marginBottom: 10 }} />
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 96 } }}
            items={[
              { key: 'file', label: '备份文件', children: <span className="mono-path">{done.file}</span> },
              { key: 'size', label: '大小', children: `${fileSize(done.bytes)}（用时 ${seconds(done.ms)}）` },
              { key: 'at', label: '时间', children: showDateTime(done.at) },
              { key: 'counts', label: '内容', children: <CountsList counts={done.counts} /> },
            ]}
          />
          {done.problems.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 10 }}
              title={`有 ${done.problems.length} 个附件文件缺失或损坏，未能完整备份`}
              description={
                <ul className="backup-list">
                  {done.problems.slice(0, 10).map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
