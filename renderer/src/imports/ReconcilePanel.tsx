/**
 * 对账 of a re-sent ledger: the hazards whose fields changed since the unit's last ledger (field by field), and
 * the hazards of the last ledger that this one no longer lists.
 */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Empty, Table, Tag } from 'antd';
import { showValue } from './sampleColumns';
import type { Preview, PreviewChange, PreviewDisappeared } from './types';

function diffValue(field: string, v: unknown) {
  if (field === 'supervised' && (v === 0 || v === 1)) return v ? '是' : '否';
  if (v === null || v === undefined || v === '') return <span className="cell-sub">（空）</span>;
  return showValue('hazard', field, v);
}

export function ReconcilePanel({ preview }: { preview: Preview }) {
  const byRow = new Map(preview.sample.map((r) => [r.rowNumber, r.values as unknown as Record<string, unknown>]));
  const changes = preview.changes;
  const gone = preview.disappearedRows;
  return (
    <div className="import-reconcile" data-testid="import-reconcile">
      <div className="import-panel-title">
        有变化的隐患 <Tag color={changes.length ? 'processing' : 'default'}>{preview.changed}</Tag>
        <span className="import-panel-hint">
          与该单位上次报送的台账逐条比对；导入后更新这些隐患，整改状态的变化记入隐患的处理记录
        </span>
      </div>
      {changes.length ? (
        <Table<PreviewChange>
          size="small"
          rowKey="row"
          pagination={changes.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false}
          dataSource={changes}
          data-testid="import-changes"
          columns={[
            { title: '行', dataIndex: 'row', key: 'row', width: 60, align: 'center' },
            {
              title: '隐患',
              key: 'hazard',
              width: 320,
              render: (_, c) => {
                const v = byRow.get(c.row);
                return v ? (
                  <div>
                    <div className="cell-main">{String(v.enterpriseName ?? '')}</div>
                    <div className="cell-sub">{String(v.description ?? '')}</div>
                  </div>
                ) : (
                  <span className="cell-sub">台账中已有的隐患</span>
                );
              },
            },
            {
              title: '变化',
              key: 'diffs',
              render: (_, c) => (
                <div className="diff-list">
                  {c.diffs.map((d) => (
                    <div key={d.field} className="diff-line">
                      <span className="diff-label">{d.label}</span>
                      {d.before === null || d.before === undefined || d.before === '' ? (
                        <>
                          <Tag color="green" bordered={false}>
                            新填
                          </Tag>
                          <span className="diff-after">{diffValue(d.field, d.after)}</span>
                        </>
                      ) : (
                        <>
                          <span className="diff-before">{diffValue(d.field, d.before)}</span>
                          <ArrowRightOutlined className="diff-arrow" />
                          <span className="diff-after">{diffValue(d.field, d.after)}</span>
                        </>
                      )}
                    </div>
                  ))}
                </div>
              ),
            },
          ]}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={preview.unchanged ? '与上次报送相比，没有隐患发生变化' : '该单位此前没有导入过台账，全部为新增'}
        />
      )}
      <div className="import-panel-title" style={{ marginTop: 20 }}>
        本次未出现的隐患 <Tag color={gone.length ? 'warning' : 'default'}>{preview.disappeared}</Tag>
        <span className="import-panel-hint">上次台账中有、本次表格中没有的隐患</span>
      </div>
      {gone.length ? (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            title="导入不会删除这些隐患。请向报送单位核实：是已销号不再列报，还是漏报。"
          />
          <Table<PreviewDisappeared>
            size="small"
            rowKey="id"
            pagination={gone.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false}
            dataSource={gone}
            data-testid="import-disappeared"
            columns={[
              { title: '编号', dataIndex: 'hazardNo', key: 'no', width: 90, render: (v: string | null) => v ?? '—' },
              { title: '隐患单位', dataIndex: 'enterpriseName', key: 'ent', width: 220 },
              { title: '隐患描述', dataIndex: 'description', key: 'desc', ellipsis: true },
              {
                title: '整改状态',
                dataIndex: 'status',
                key: 'status',
                width: 100,
                render: (s: string) => showValue('hazard', 'status', s),
              },
            ]}
          />
        </>
      ) : (
        <div className="cell-sub import-none">没有</div>
      )}
    </div>
  );
}
