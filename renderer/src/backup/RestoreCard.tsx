/**
 * 从备份恢复…: pick an archive, see what it holds, then restore — after a safety copy of the current data — and
 * restart.
 */
import { ExclamationCircleFilled, HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { call, type ChannelOutput } from '../api/client';
import { useAction } from '../api/useRequest';
import { fileSize, showDateTime } from '../components/format';
import { CountsList } from './counts';

type Inspected = NonNullable<ChannelOutput<'backup:inspect'>>;

export function RestoreCard() {
  const { modal } = App.useApp();
  const inspect = useAction();
  const restore = useAction();
  const [info, setInfo] = useState<Inspected | null>(null);
  const [restarting, setRestarting] = useState<string | null>(null);

  const pick = async () => {
    const r = await inspect.run(() => call('backup:inspect', {}));
    if (r.ok && r.value) setInfo(r.value);
  };

  const confirm = () => {
    if (!info) return;
    modal.confirm({
      title: '用此备份替换当前数据？',
      icon: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
      width: 480,
      content: (
        <div>
          <p>将恢复 {showDateTime(info.createdAt)} 的备份，当前的全部数据会被替换。</p>
          <p>恢复前会先把当前数据另存一份安全备份，恢复后程序将重新启动。</p>
        </div>
      ),
      okText: '恢复并重新启动',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const r = await restore.run(() => call('backup:restore', { token: info.token }));
        if (r.ok)
          setRestarting(
            r.value.safetyBackup ??
              '（当前数据库已损坏，无法另存安全备份；原数据库文件将保留在数据目录的备份文件夹中）',
          );
      },
    });
  };

  return (
    <div className="page-card" data-testid="backup-restore">
      <div className="card-title">从备份恢复</div>
      <p className="backup-text">
        电脑更换、数据损坏或误操作后，用以前的备份文件恢复全部数据。恢复前会先检查备份文件是否完整。
      </p>
      <Button icon={<HistoryOutlined />} onClick={() => void pick()} loading={inspect.pending}>
        选择备份文件…
      </Button>
      {restarting ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 14 }}
          title="正在恢复，程序将重新启动"
          description={
            <span>
              恢复前的数据已另存为：<span className="mono-path">{restarting}</span>
            </span>
          }
        />
      ) : info ? (
        <div className="backup-result" data-testid="backup-inspected">
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 96 } }}
            items={[
              { key: 'file', label: '备份文件', children: <span className="mono-path">{info.file}</span> },
              { key: 'at', label: '备份时间', children: showDateTime(info.createdAt) },
              { key: 'ver', label: '程序版本', children: info.appVersion },
              { key: 'size', label: '大小', children: `${fileSize(info.bytes)}，含附件 ${info.attachments} 个` },
              { key: 'counts', label: '内容', children: <CountsList counts={info.counts} /> },
            ]}
          />
          {info.problems.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 10 }}
              title={`备份时有 ${info.problems.length} 个附件缺失或损坏，这些附件无法恢复`}
            />
          ) : null}
          <Space style={{ marginTop: 12 }}>
            <Button danger type="primary" onClick={confirm} loading={restore.pending}>
              恢复此备份…
            </Button>
            <Button onClick={() => setInfo(null)}>取消</Button>
          </Space>
        </div>
      ) : null}
    </div>
  );
}
