import { PageHeader } from '../components/PageHeader';
import { DataDirCard } from './DataDirCard';
import { OfficeSettingsCard } from './OfficeSettingsCard';

/** 设置: office names printed on forms, and the data directory. */
export function SettingsPage() {
  return (
    <div className="page">
      <PageHeader title="设置" hint="单位名称用于程序顶部、打印的明白书和案卷封面；数据目录保存数据库和全部扫描件" />
      <div className="settings-grid">
        <OfficeSettingsCard />
        <DataDirCard />
      </div>
    </div>
  );
}
