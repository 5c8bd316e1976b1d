/** 自动备份: where the rolling backups go (settings.autoBackupDir, else <数据目录>/backups/自动备份). */
import { FolderOpenOutlined } from '@ant-design/icons';
import { Button, Descriptions, Tag } from 'antd';
import { call } from '../api/client';
import { useAction, useRequest } from '../api/useRequest';
import { useAppState } from '../app/AppState';

export function AutoBackupCard() {
  const { settings, reloadSettings } = useAppState();
  const info = useRequest(() => call('app:info', {}), []);
  const { run, pending } = useAction();
  const backupsDir = info.data?.backupsDir;
  const sep = backupsDir?.includes('\\') ? '\\' : '/';
  const defaultDir = backupsDir ? `${backupsDir}${sep}自动备份` : '';
  const custom = settings?.autoBackupDir || '';

  const choose = async () => {
    const r = await run(() => call('backup:chooseAutoDir', {}), {
      success: (v) => (v ? '自动备份文件夹已更改' : null),
    });
    if (r.ok && r.value) reloadSettings();
  };

  return (
    <div className="page-card" data-testid="backup-auto">
      <div className="card-title">自动备份</div>
      <p className="backup-text">
        退出程序时自动备份，每天最多一次，保留最近 10 份及每月 1 份。建议把自动备份放在另一块硬盘上。
      </p>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 96 } }}
        items={[
          {
            key: 'dir',
            label: '保存位置',
            children: (
              <div>
                <span className="mono-path" data-testid="auto-backup-dir">
                  {custom || defaultDir || '—'}
                </span>{' '}
                {custom ? null : (
                  <Tag bordered={false} style={{ marginLeft: 4 }}>
                    默认
                  </Tag>
                )}
              </div>
            ),
          },
        ]}
      />
      <Button style={{ marginTop: 12 }} icon={<FolderOpenOutlined />} onClick={() => void choose()} loading={pending}>
        更改文件夹…
      </Button>
    </div>
  );
}
