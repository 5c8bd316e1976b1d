/** 通知文件: the notices that ask units to sign and return 明白书 (and later other records). */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useAppState } from '../app/AppState';
import { call } from '../api/client';
import type { Notice } from '../api/types';
import { useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { isOverdue, showDate } from '../components/format';
import { useUnits } from '../api/useDirectory';
import { NoticeFormModal } from './NoticeFormModal';
import { RequirementsEditorModal } from './RequirementsEditorModal';

export function NoticesPage() {
  const { navigate } = useAppState();
  const [search, setSearch] = useState('');
  const list = useRequest(() => call('notices:list', { search: search || undefined }), [search]);
  const [modal, setModal] = useState<{ open: boolean; editing: Notice | null }>({ open: false, editing: null });
  const [reqFor, setReqFor] = useState<Notice | null>(null);
  const units = useUnits();

  return (
    <div className="page">
      <PageHeader
        title="通知文件"
        hint="登记安委会（办）下发的通知：文号、标题、发文和报送截止日期"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })}>
            登记通知
          </Button>
        }
      />
      <div className="page-card">
        <div className="toolbar">
          <Input.Search
            allowClear
            placeholder="按文号或标题搜索"
            style={{ width: 300 }}
            onSearch={(v) => setSearch(v.trim())}
            aria-label="搜索通知"
          />
        </div>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<Notice>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 份` }}
          data-testid="notice-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={search ? '没有找到匹配的通知' : '还没有登记通知文件'}
              />
            ),
          }}
          columns={[
            {
              title: '文号',
              dataIndex: 'docNo',
              key: 'docNo',
              width: 180,
              render: (d: string) => <span className="cell-main">{d}</span>,
            },
            {
              title: '标题',
              dataIndex: 'title',
              key: 'title',
              render: (t: string, n) => (
                <div>
                  <div className="cell-main">{t}</div>
                  {n.notes ? <div className="cell-sub">{n.notes}</div> : null}
                </div>
              ),
            },
            { title: '发文日期', dataIndex: 'issuedOn', key: 'issuedOn', width: 120, render: showDate },
            {
              title: '报送截止',
              dataIndex: 'deadline',
              key: 'deadline',
              width: 120,
              render: (d: string | null) =>
                isOverdue(d) ? <Typography.Text type="secondary">{d}</Typography.Text> : showDate(d),
            },
            {
              title: '操作',
              key: 'actions',
              width: 300,
              render: (_, n) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setModal({ open: true, editing: n })}>
                    编辑
                  </Button>
                  <Button type="link" size="small" onClick={() => setReqFor(n)}>
                    报送要求
                  </Button>
                  <Button type="link" size="small" onClick={() => navigate('board', { notice: n.id })}>
                    报送情况
                  </Button>
                  <Button type="link" size="small" onClick={() => navigate('coverage', { notice: n.id })}>
                    签订情况
                  </Button>
                  <Button type="link" size="small" onClick={() => navigate('pledges', { notice: n.id })}>
                    明白书
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </div>
      {reqFor ? (
        <RequirementsEditorModal
          open
          notice={reqFor}
          units={units.units}
          onClose={() => setReqFor(null)}
          onSaved={() => setReqFor(null)}
        />
      ) : null}
      <NoticeFormModal
        open={modal.open}
        editing={modal.editing}
        onClose={() => setModal({ open: false, editing: null })}
        onSaved={() => {
          setModal({ open: false, editing: null });
          list.reload();
        }}
      />
    </div>
  );
}
