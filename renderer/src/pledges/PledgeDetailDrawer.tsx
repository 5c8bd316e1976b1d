/** Read-only view of one 明白书 with its scans previewed, and the print/edit actions. */
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Segmented, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { levelLabel, pledgeLevel } from '../../../core/domain/pledgeLevels';
import { call } from '../api/client';
import type { PledgeView } from '../api/types';
import { useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { ScanPreview } from '../components/ScanPreview';
import { showDate, showDateTime } from '../components/format';
import { LevelTag, StatusTag } from '../components/tags';
import { usePrintPledge } from './usePrintPledge';

interface Props {
  pledgeId: number | null;
  /** Bumped by the page after an edit so the drawer reloads. */
  version: number;
  onClose: () => void;
  onEdit: (p: PledgeView) => void;
}

function Details({ p }: { p: PledgeView }) {
  const level = pledgeLevel(p.level);
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'level',
          label: '谈话层级',
          span: 2,
          children: (
            <Space size={8}>
              <LevelTag level={p.level} />
              <span>{level?.name}</span>
            </Space>
          ),
        },
        { key: 'talker', label: '谈话人', children: p.talkerName },
        { key: 'talkerTitle', label: '谈话人职务', children: p.talkerTitle },
        { key: 'talkee', label: '谈话对象', children: <strong>{p.talkeeName}</strong> },
        { key: 'talkeeTitle', label: '谈话对象职务', children: p.talkeeTitle },
        { key: 'unit', label: '谈话对象单位', children: p.talkeeUnitName },
        {
          key: 'reporting',
          label: '报送单位',
          children: p.reportingUnitName ?? <Typography.Text type="secondary">同谈话对象单位</Typography.Text>,
        },
        { key: 'notice', label: '依据通知', children: p.noticeDocNo ?? '—' },
        { key: 'status', label: '状态', children: <StatusTag status={p.status} /> },
        { key: 'talkDate', label: '谈话日期', children: showDate(p.talkDate) },
        { key: 'signedDate', label: '签订日期', children: showDate(p.signedDate) },
        { key: 'custody', label: '留存单位', span: 2, children: p.custody ?? '—' },
        {
          key: 'notes',
          label: '备注',
          span: 2,
          children: p.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{p.notes}</span> : '—',
        },
        { key: 'created', label: '登记时间', children: showDateTime(p.createdAt) },
        { key: 'updated', label: '最后修改', children: `${showDateTime(p.updatedAt)}（第 ${p.version} 版）` },
      ]}
    />
  );
}

function Scans({ p, onEdit }: { p: PledgeView; onEdit: () => void }) {
  const [selected, setSelected] = useState<number | null>(p.attachments[0]?.id ?? null);
  useEffect(() => setSelected(p.attachments[0]?.id ?? null), [p]);
  if (p.attachments.length === 0) {
    return (
      <Alert
        type="warning"
        showIcon
        title="尚未上传扫描件"
        description="签字后的明白书原件需扫描为 PDF 或 JPG 后添加，装订归档时使用。"
        action={
          <Button size="small" onClick={onEdit}>
            添加扫描件
          </Button>
        }
      />
    );
  }
  const current = p.attachments.find((a) => a.id === selected) ?? p.attachments[0]!;
  return (
    <div>
      {p.attachments.length > 1 ? (
        <Segmented
          style={{ marginBottom: 12 }}
          value={current.id}
          onChange={(v) => setSelected(v as number)}
          options={p.attachments.map((a, i) => ({ value: a.id, label: `扫描件 ${i + 1}` }))}
        />
      ) : null}
      <ScanPreview key={current.id} attachment={current} width={600} />
    </div>
  );
}

export function PledgeDetailDrawer({ pledgeId, version, onClose, onEdit }: Props) {
  const req = useRequest(() => call('pledges:get', { id: pledgeId! }), [pledgeId, version], {
    enabled: pledgeId !== null,
  });
  const p = req.data && req.data.id === pledgeId ? req.data : undefined;
  const { print, printingId } = usePrintPledge();

  return (
    <Drawer
      title={p ? `明白书 · ${p.talkeeName}（${levelLabel(p.level)}）` : '明白书'}
      open={pledgeId !== null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      extra={
        p ? (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => onEdit(p)} disabled={p.status === '已归档'}>
              编辑
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} loading={printingId === p.id} onClick={() => print(p.id)}>
              打印明白书
            </Button>
          </Space>
        ) : null
      }
    >
      <LoadError error={req.error} onRetry={req.reload} />
      {!p && req.loading ? (
        <div style={{ padding: 60, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : null}
      {p ? (
        <>
          <Details p={p} />
          <Typography.Title level={5} style={{ margin: '20px 0 12px' }}>
            扫描件{p.attachments.length ? `（${p.attachments.length} 份）` : ''}
          </Typography.Title>
          <Scans p={p} onEdit={() => onEdit(p)} />
        </>
      ) : null}
    </Drawer>
  );
}
