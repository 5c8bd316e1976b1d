import { PageHeader } from '../components/PageHeader';
import { DataDirCard } from './DataDirCard';
import { OfficeSettingsCard } from './OfficeSettingsCard';

/** 设置: office names printed on forms, and the data directory. */
export function SettingsPage() {
  return (
    <div className="page page-narrow">
      <PageHeader title="设置" hint="单位名称用于程序顶部、打印的明白书和案卷封面" />
      <OfficeSettingsCard />
      <DataDirCard />
    </div>
  );
}
