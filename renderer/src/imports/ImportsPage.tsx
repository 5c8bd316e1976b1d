/** 导入报表: the import wizard and the history of import batches, with the blank template for units to fill. */
import { DownloadOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useNotices, useUnits } from '../api/useDirectory';
import { PageHeader } from '../components/PageHeader';
import { BatchHistory } from './BatchHistory';
import { ImportWizard } from './ImportWizard';
import { TemplateModal } from './TemplateModal';
import './imports.css';

interface Props {
  initialTab?: string;
  initialNoticeId?: number;
}

export function ImportsPage({ initialTab, initialNoticeId }: Props) {
  const units = useUnits();
  const notices = useNotices();
  const [tab, setTab] = useState(initialTab === 'history' ? 'history' : 'wizard');
  const [version, setVersion] = useState(0);
  const [template, setTemplate] = useState(false);
  const changed = () => setVersion((v) => v + 1);

  return (
    <div className="page imports-page">
      <PageHeader
        title="导入报表"
        hint="把乡镇、部门报来的 Excel / CSV 表格导入台账：自动识别表头，导入前逐行核对，有错可生成退回修改表，导入后可撤销"
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => setTemplate(true)}>
            下载报送模板…
          </Button>
        }
      />
      <div className="page-card imports-card">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'wizard',
              label: (
                <span>
                  <UploadOutlined /> 导入报表
                </span>
              ),
              children: (
                <ImportWizard
                  units={units.units}
                  notices={notices.notices}
                  initialNoticeId={initialNoticeId}
                  onChanged={changed}
                  version={version}
                />
              ),
            },
            {
              key: 'history',
              label: (
                <span>
                  <HistoryOutlined /> 导入记录
                </span>
              ),
              children: <BatchHistory unitsById={units.byId} version={version} onChanged={changed} />,
            },
          ]}
        />
      </div>
      <TemplateModal
        open={template}
        notices={notices.notices}
        units={units.units}
        defaultNoticeId={initialNoticeId}
        onClose={() => setTemplate(false)}
      />
    </div>
  );
}
