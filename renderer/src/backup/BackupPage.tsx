/** 数据安全: backups (manual and automatic), restore, and the data check. */
import { PageHeader } from '../components/PageHeader';
import { AutoBackupCard } from './AutoBackupCard';
import { BackupNowCard } from './BackupNowCard';
import { CheckCard } from './CheckCard';
import { RestoreCard } from './RestoreCard';
import './backup.css';

export function BackupPage() {
  return (
    <div className="page">
      <PageHeader
        title="数据安全"
        hint="定期把数据备份到 U 盘或另一块硬盘；电脑出问题时可从备份恢复。全部数据只保存在本机，不上传网络"
      />
      <div className="backup-grid">
        <div className="backup-col">
          <BackupNowCard />
          <AutoBackupCard />
        </div>
        <div className="backup-col">
          <RestoreCard />
          <CheckCard />
        </div>
      </div>
    </div>
  );
}
