/** 签订覆盖情况: for one notice, who has signed how many 明白书 against what was required. */
import { FileProtectOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAppState } from '../app/AppState';
import { call } from '../api/client';
import { useNotices, useUnits } from '../api/useDirectory';
import { useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { isOverdue } from '../components/format';
import { CoverageSummary } from './CoverageSummary';
import { CoverageTable } from './CoverageTable';
import { RequirementsModal } from './RequirementsModal';
import './coverage.css';

export function CoveragePage({ initialNoticeId }: { initialNoticeId?: number }) {
  const { navigate } = useAppState();
  const notices = useNotices();
  const units = useUnits();
  const [noticeId, setNoticeId] = useState<number | undefined>(initialNoticeId);
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [editingReqs, setEditingReqs] = useState(false);

  // Opens on the notice the service names: the newest that asks for 明白书 (pledges:coverageDefault).
  useEffect(() => {
    if (noticeId !== undefined) return;
    let stale = false;
    call('pledges:coverageDefault', {}).then(
      (r) => {
        if (!stale && r.noticeId !== null) setNoticeId((cur) => cur ?? r.noticeId!);
      },
      () => {},
    );
    return () => {
      stale = true;
    };
  }, [noticeId]);

  const cov = useRequest(() => call('pledges:coverage', { noticeId: noticeId! }), [noticeId], {
    enabled: noticeId !== undefined,
  });
  const notice = notices.notices.find((n) => n.id === noticeId);
  const data = cov.data && cov.data.noticeId === noticeId ? cov.data : undefined;
  const rows = data ? (onlyMissing ? data.rows.filter((r) => r.missing > 0) : data.rows) : [];

  if (!notices.loading && !notices.error && notices.notices.length === 0) {
    return (
      <div className="page">
        <PageHeader title="签订覆盖情况" />
        <div className="page-card">
          <Empty description="还没有登记通知文件。先在“通知文件”中登记要求签订明白书的通知，再设置应签单位。">
            <Button type="primary" onClick={() => navigate('notices')}>
              去登记通知
            </Button>
          </Empty>
        </div>
      </div>
    );
  }

  return (
    <div className="page">
      <PageHeader
        title="签订覆盖情况"
        hint="按通知统计各单位明白书应签、已签和缺签份数，确保对话谈心对象全覆盖"
        extra={
          notice ? (
            <>
              <Button icon={<SettingOutlined />} onClick={() => setEditingReqs(true)}>
                设置应签单位…
              </Button>
              <Button icon={<FileProtectOutlined />} onClick={() => navigate('pledges', { notice: notice.id })}>
                查看该通知的明白书
              </Button>
            </>
          ) : null
        }
      />
      <div className="page-card">
        <div className="coverage-notice">
          <Space size={12} wrap>
            <span>通知文件</span>
            <Select<number>
              style={{ width: 480 }}
              value={noticeId}
              onChange={setNoticeId}
              loading={notices.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={notices.notices.map((n) => ({ value: n.id, label: `${n.docNo}  ${n.title}` }))}
              aria-label="选择通知文件"
              data-testid="coverage-notice-select"
            />
          </Space>
          {notice ? (
            <div className="coverage-notice-meta">
              <Typography.Text type="secondary">发文日期：{notice.issuedOn ?? '—'}</Typography.Text>
              <Typography.Text
                type={isOverdue(notice.deadline) && (data?.totals.missing ?? 0) > 0 ? 'danger' : 'secondary'}
              >
                报送截止：{notice.deadline ?? '未规定'}
              </Typography.Text>
            </div>
          ) : null}
        </div>
        <LoadError error={notices.error ?? cov.error} onRetry={notices.error ? notices.reload : cov.reload} />
        {data ? <CoverageSummary c={data} /> : null}
      </div>
      <div className="page-card">
        <div className="toolbar">
          <Typography.Text strong>各单位签订情况</Typography.Text>
          <span className="spacer" />
          <Space size={6}>
            <Switch size="small" checked={onlyMissing} onChange={setOnlyMissing} aria-label="只看未完成" />
            <span>只看未完成</span>
          </Space>
        </div>
        <CoverageTable
          rows={rows}
          loading={cov.loading}
          onShowPledges={(unitId) => navigate('pledges', { notice: noticeId, unit: unitId })}
          onEditRequirements={() => setEditingReqs(true)}
        />
      </div>
      {notice ? (
        <RequirementsModal
          open={editingReqs}
          notice={notice}
          units={units.units}
          onUnitCreated={() => units.reload()}
          onClose={() => setEditingReqs(false)}
          onSaved={() => {
            setEditingReqs(false);
            cov.reload();
          }}
        />
      ) : null}
    </div>
  );
}
