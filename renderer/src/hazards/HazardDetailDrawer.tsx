/** One hazard: every field, its 五落实 checklist, 逾期, attachments and the status history as a timeline. */
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DeleteOutlined,
  EditOutlined,
  ExportOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { Button, Descriptions, Drawer, Empty, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { call } from '../api/client';
import { useAction, useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';
import { fileSize, showDate, showDateTime } from '../components/format';
import { DeadlineText, HazardLevelTag, HazardStatusTag, OverdueTag, SupervisedTag } from './hazardTags';
import { ATTACHMENT_ROLES } from './hazardFormModel';
import { showYuan } from './money';
import type { HazardEvent, HazardView } from './types';

interface Props {
  hazardId: number | null;
  version: number;
  onClose: () => void;
  onEdit: (h: HazardView) => void;
  onChangeStatus: (h: HazardView) => void;
  onDeleted: () => void;
}

const SOURCE_LABELS: Record<string, string> = {
  manual: '手工修改',
  bulk: '批量修改',
  import: '台账导入',
  undo: '撤销导入',
};

function FiveChecklist({ h }: { h: HazardView }) {
  return (
    <div className="five-list" data-testid="five-checklist">
      {h.five.items.map((i) => (
        <span key={i.key} className={i.ok ? 'five-item ok' : 'five-item missing'}>
          {i.ok ? <CheckCircleFilled /> : <CloseCircleFilled />} {i.key}
        </span>
      ))}
      {h.level === '重大' && !h.five.complete ? <Tag color="warning">缺：{h.five.missing.join('、')}</Tag> : null}
    </div>
  );
}

function History({ events }: { events: HazardEvent[] }) {
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无状态记录" />;
  return (
    <div data-testid="hazard-history">
      <Timeline
        items={[...events].reverse().map((e) => ({
          key: e.id,
          color:
            e.toStatus === '已整改' || e.toStatus === '已验收销号' ? 'green' : e.toStatus === '未整改' ? 'red' : 'blue',
          content: (
            <div className="history-item">
              <div>
                {e.fromStatus ? (
                  <>
                    <HazardStatusTag status={e.fromStatus} /> <span className="cell-sub">→</span>{' '}
                    <HazardStatusTag status={e.toStatus} />
                  </>
                ) : (
                  <>
                    登记为 <HazardStatusTag status={e.toStatus} />
                  </>
                )}
              </div>
              {e.note ? <div className="history-note">{e.note}</div> : null}
              <div className="cell-sub">
                {showDateTime(e.at)} · {e.actor} ·{' '}
                {e.fromStatus === null && e.source === 'manual' ? '登记' : (SOURCE_LABELS[e.source] ?? e.source)}
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}

function Attachments({ h }: { h: HazardView }) {
  const { run } = useAction();
  if (!h.attachments.length) return <span className="cell-sub">无附件</span>;
  const label = (role: string) => ATTACHMENT_ROLES.find((r) => r.role === role)?.label ?? '其他附件';
  return (
    <ul className="scan-list">
      {h.attachments.map((a) => (
        <li key={`${a.role}-${a.id}`}>
          <Tag style={{ marginInlineEnd: 0 }}>{label(a.role)}</Tag>
          <span className="scan-list-name" title={a.originalName}>
            {a.originalName}
          </span>
          <span className="cell-sub">{fileSize(a.size)}</span>
          <Button
            type="link"
            size="small"
            icon={<ExportOutlined />}
            onClick={() => run(() => call('attachments:open', { id: a.id }))}
          >
            打开
          </Button>
        </li>
      ))}
    </ul>
  );
}

function Details({ h }: { h: HazardView }) {
  const text = (s: string | null) => s ?? '—';
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'ent', label: '隐患单位', span: 2, children: <strong>{h.enterpriseName}</strong> },
        { key: 'town', label: '乡镇（街道）', children: text(h.townshipName) },
        { key: 'village', label: '村（社区）', children: text(h.village) },
        { key: 'industry', label: '行业领域', children: text(h.industry) },
        { key: 'category', label: '隐患类别', children: text(h.category) },
        { key: 'location', label: '隐患部位', children: text(h.location) },
        {
          key: 'desc',
          label: '隐患描述',
          span: 2,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{h.description}</span>,
        },
        {
          key: 'level',
          label: '隐患等级',
          children: (
            <Space size={6}>
              <HazardLevelTag level={h.level} />
              {h.supervised ? <SupervisedTag /> : null}
            </Space>
          ),
        },
        { key: 'source', label: '隐患来源', children: text(h.source) },
        { key: 'found', label: '发现日期', children: showDate(h.foundDate) },
        { key: 'foundBy', label: '检查人', children: text(h.foundBy) },
        { key: 'five', label: '五落实', span: 2, children: <FiveChecklist h={h} /> },
        { key: 'ru', label: '整改责任单位', children: text(h.responsibleUnit) },
        { key: 'rp', label: '整改责任人', children: text(h.responsiblePerson) },
        {
          key: 'measures',
          label: '整改措施',
          span: 2,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{text(h.measures)}</span>,
        },
        { key: 'funds', label: '整改资金', children: showYuan(h.fundsFen) },
        { key: 'deadline', label: '整改时限', children: <DeadlineText date={h.deadlineDate} text={h.deadlineText} /> },
        { key: 'plan', label: '应急预案', children: text(h.emergencyPlan) },
        { key: 'interim', label: '临时管控措施', children: text(h.interimMeasures) },
        {
          key: 'status',
          label: '整改状态',
          children: (
            <Space size={6}>
              <HazardStatusTag status={h.status} />
              {h.overdue ? <OverdueTag deadline={h.deadlineDate} /> : null}
            </Space>
          ),
        },
        { key: 'completed', label: '完成日期', children: showDate(h.completedDate) },
        { key: 'acceptedBy', label: '验收人', children: text(h.acceptedBy) },
        { key: 'acceptedDate', label: '验收日期', children: showDate(h.acceptedDate) },
        { key: 'notice', label: '依据通知', children: text(h.noticeDocNo) },
        { key: 'reporting', label: '报送单位', children: text(h.reportingUnitName) },
        { key: 'notes', label: '备注', span: 2, children: text(h.notes) },
        { key: 'att', label: '附件', span: 2, children: <Attachments h={h} /> },
        { key: 'updated', label: '最后修改', span: 2, children: `${showDateTime(h.updatedAt)}（第 ${h.version} 版）` },
      ]}
    />
  );
}

export function HazardDetailDrawer({ hazardId, version, onClose, onEdit, onChangeStatus, onDeleted }: Props) {
  const req = useRequest(() => call('hazards:get', { id: hazardId! }), [hazardId, version], {
    enabled: hazardId !== null,
  });
  const h = req.data && req.data.id === hazardId ? req.data : undefined;
  const { run } = useAction();
  const remove = async () => {
    if (!h) return;
    const r = await run(() => call('hazards:delete', { id: h.id }), { success: '已删除该隐患（移入回收站）' });
    if (r.ok) onDeleted();
  };
  return (
    <Drawer
      title={h ? `隐患详情 · ${h.hazardNo ?? '未编号'}` : '隐患详情'}
      open={hazardId !== null}
      onClose={onClose}
      size={1080}
      destroyOnHidden
      extra={
        h ? (
          <Space>
            <Popconfirm
              title="删除这条隐患？"
              description="删除后移入回收站"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={remove}
            >
              <Button danger icon={<DeleteOutlined />}>
                删除
              </Button>
            </Popconfirm>
            <Button icon={<SwapOutlined />} onClick={() => onChangeStatus(h)}>
              修改状态
            </Button>
            <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(h)}>
              编辑
            </Button>
          </Space>
        ) : null
      }
    >
      <LoadError error={req.error} onRetry={req.reload} />
      {!h && req.loading ? (
        <div style={{ padding: 60, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : null}
      {h ? (
        <div className="hazard-detail">
          <Details h={h} />
          <aside className="hazard-detail-history">
            <Typography.Title level={5} style={{ margin: '0 0 14px' }}>
              整改过程记录（{h.events.length}）
            </Typography.Title>
            <History events={h.events} />
          </aside>
        </div>
      ) : null}
    </Drawer>
  );
}
