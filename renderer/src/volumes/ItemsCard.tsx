/** 卷内文件: the items in binding order; a draft's order is changed by dragging rows or 上移/下移, then saved. */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  HolderOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { useRef, useState } from 'react';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';
import { showDate } from '../components/format';
import { ITEM_KIND, ORDER_LABELS } from './labels';
import type { Problem, VolumeItem, VolumeView } from './types';

function move<T>(xs: T[], from: number, to: number): T[] {
  const out = [...xs];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x as T);
  return out;
}

/** The explicit ordered list for volumes:update; a ledger extract carries its stored filter. */
function specsOf(items: VolumeItem[]) {
  return items.map((i) => ({
    kind: i.kind,
    recordId: i.kind === 'ledger' ? null : i.recordId,
    ...(i.kind === 'ledger'
      ? { params: (i.params ? JSON.parse(i.params) : { filter: {} }) as { filter: Record<string, never> } }
      : {}),
  }));
}

interface Props {
  volume: VolumeView;
  problems: Problem[] | null;
  onSaved: (v: VolumeView) => void;
}

export function ItemsCard({ volume, problems, onSaved }: Props) {
  const editable = volume.status === 'draft';
  const [order, setOrder] = useState<VolumeItem[] | null>(null);
  const items = order ?? volume.items;
  const dirty = order !== null;
  const dragFrom = useRef<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const { run, pending } = useAction();

  const byPosition = new Map<number, Problem[]>();
  for (const p of problems ?? [])
    if (p.itemPosition !== undefined) byPosition.set(p.itemPosition, [...(byPosition.get(p.itemPosition) ?? []), p]);

  const shift = (from: number, to: number) => {
    if (to < 0 || to >= items.length || from === to) return;
    setOrder(move(items, from, to));
  };
  const removeAt = (i: number) => setOrder(items.filter((_, k) => k !== i));
  const save = async () => {
    if (!order) return;
    const r = await run(async () => call('volumes:update', { id: volume.id, patch: { items: specsOf(order) } }), {
      success: '卷内顺序已保存',
    });
    if (r.ok) {
      setOrder(null);
      onSaved(r.value);
    }
  };

  return (
    <Card
      className="page-card-tight"
      title={
        <Space>
          <span>{volume.archiveMode === 'piece' ? '盒内文件' : '卷内文件'}</span>
          <span className="cell-sub">
            共 {items.length} 件 · {dirty ? '顺序已调整，尚未保存' : ORDER_LABELS[volume.orderBy]}
          </span>
        </Space>
      }
      extra={
        editable ? (
          <Space>
            {dirty ? (
              <Button icon={<UndoOutlined />} onClick={() => setOrder(null)} disabled={pending}>
                撤销调整
              </Button>
            ) : null}
            <Button
              type={dirty ? 'primary' : 'default'}
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={pending}
              onClick={save}
            >
              保存顺序
            </Button>
          </Space>
        ) : (
          <Tag>已封卷，不能调整</Tag>
        )
      }
    >
      {editable ? (
        <div className="items-hint">
          拖动行首的 <HolderOutlined /> 或用“上移 / 下移”调整装订顺序，件号随之重排；调整后请点“保存顺序”。
        </div>
      ) : null}
      {!editable && volume.items.some((i) => i.state !== 'ok') ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="标黄的文件在封卷后被修改或删除，案卷已过期，请办理补充卷或新版本。"
        />
      ) : null}
      <Table<VolumeItem>
        size="small"
        rowKey="id"
        tableLayout="fixed"
        dataSource={items}
        pagination={items.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        rowClassName={(r, i) => [over === i ? 'drop-target' : '', r.state !== 'ok' ? 'row-changed' : ''].join(' ')}
        onRow={(_, index) =>
          editable && index !== undefined
            ? {
                draggable: true,
                onDragStart: (e) => {
                  dragFrom.current = index;
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', String(index));
                },
                onDragOver: (e) => {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                  if (over !== index) setOver(index);
                },
                onDragLeave: () => setOver((o) => (o === index ? null : o)),
                onDrop: (e) => {
                  e.preventDefault();
                  const from = dragFrom.current ?? Number(e.dataTransfer.getData('text/plain'));
                  dragFrom.current = null;
                  setOver(null);
                  if (Number.isInteger(from)) shift(from, index);
                },
                onDragEnd: () => {
                  dragFrom.current = null;
                  setOver(null);
                },
              }
            : {}
        }
        columns={[
          ...(editable ? [{ key: 'drag', width: 28, render: () => <HolderOutlined className="drag-handle" /> }] : []),
          {
            title: '件号',
            width: volume.archiveMode === 'piece' ? 64 : 52,
            align: 'center' as const,
            // 按件归档: the registered 4-digit 件号 (its full 档号 on hover), given on the first export into a box
            render: (_: unknown, it: VolumeItem, i: number) =>
              volume.archiveMode !== 'piece' ? (
                i + 1
              ) : it.pieceArchivalNo ? (
                <span className="mono" title={it.pieceArchivalNo}>
                  {it.pieceArchivalNo.slice(-4)}
                </span>
              ) : (
                <span className="cell-sub" title="导出时编件号">
                  —
                </span>
              ),
          },
          {
            title: '类别',
            dataIndex: 'kind',
            width: 80,
            render: (k: VolumeItem['kind']) => <Tag color={ITEM_KIND[k].color}>{ITEM_KIND[k].label}</Tag>,
          },
          {
            title: '题名',
            dataIndex: 'title',
            render: (t: string, r: VolumeItem) => (
              <div>
                <div className="cell-main">{t}</div>
                {r.docNo ? <div className="cell-sub">{r.docNo}</div> : null}
                {r.state === 'changed' ? (
                  <Tag color="orange">封卷后已修改</Tag>
                ) : r.state === 'missing' ? (
                  <Tag color="red">已删除</Tag>
                ) : null}
              </div>
            ),
          },
          { title: '责任者', dataIndex: 'responsible', width: 120, ellipsis: { showTitle: true } },
          { title: '日期', dataIndex: 'date', width: 100, render: showDate },
          {
            title: '扫描件',
            dataIndex: 'scans',
            width: 64,
            align: 'center' as const,
            render: (n: number, r: VolumeItem) =>
              n ? `${n} 份` : r.kind === 'pledge' ? <Tag color="red">缺</Tag> : <span className="cell-sub">—</span>,
          },
          {
            title: '检查',
            width: 60,
            align: 'center' as const,
            render: (_: unknown, r: VolumeItem) => {
              const ps = dirty ? undefined : byPosition.get(r.position);
              if (!ps?.length)
                return problems && !dirty ? <span className="check-ok">✓</span> : <span className="cell-sub">—</span>;
              const err = ps.some((p) => p.severity === 'error');
              return (
                <Tooltip
                  title={ps.map((p) => p.message).join('\n')}
                  styles={{ root: { whiteSpace: 'pre-line', maxWidth: 420 } }}
                >
                  <Tag color={err ? 'red' : 'orange'}>{ps.length} 项</Tag>
                </Tooltip>
              );
            },
          },
          ...(editable
            ? [
                {
                  title: '调整',
                  width: 104,
                  render: (_: unknown, __: VolumeItem, i: number) => (
                    <Space size={0}>
                      <Tooltip title="上移">
                        <Button
                          type="text"
                          size="small"
                          aria-label="上移"
                          icon={<ArrowUpOutlined />}
                          disabled={i === 0}
                          onClick={() => shift(i, i - 1)}
                        />
                      </Tooltip>
                      <Tooltip title="下移">
                        <Button
                          type="text"
                          size="small"
                          aria-label="下移"
                          icon={<ArrowDownOutlined />}
                          disabled={i === items.length - 1}
                          onClick={() => shift(i, i + 1)}
                        />
                      </Tooltip>
                      <Popconfirm
                        title="从本卷移出这件？"
                        description="只是不装订在本卷，记录本身不删除。"
                        okText="移出"
                        cancelText="取消"
                        onConfirm={() => removeAt(i)}
                      >
                        <Button type="text" size="small" danger aria-label="移出" icon={<DeleteOutlined />} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
