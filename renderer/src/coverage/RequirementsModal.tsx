/**
 * 应签单位: which units must return how many signed 明白书 for a notice. Saving replaces the whole list for the
 * notice (notices:setRequirements, kind pledge).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, InputNumber, Modal, Space, Spin, Table } from 'antd';
import { DateInput } from '../components/DateInput';
import { useEffect, useMemo, useState } from 'react';
import { call } from '../api/client';
import type { Notice, Unit } from '../api/types';
import { useAction, useRequest } from '../api/useRequest';
import { UnitSelect } from '../components/UnitSelect';
import { fromIso, toIso } from '../components/format';
import type { Dayjs } from 'dayjs';

interface Item {
  key: number;
  unitId?: number;
  expectedCount: number;
  deadline: Dayjs | null;
}

interface Props {
  open: boolean;
  notice: Notice;
  units: Unit[];
  onUnitCreated: (u: Unit) => void;
  onClose: () => void;
  onSaved: () => void;
}

let nextKey = 1;

export function RequirementsModal({ open, notice, units, onUnitCreated, onClose, onSaved }: Props) {
  const req = useRequest(() => call('notices:requirements', { noticeId: notice.id }), [notice.id, open], {
    enabled: open,
  });
  const [items, setItems] = useState<Item[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const { run, pending } = useAction();

  useEffect(() => {
    if (!open || !req.data) return;
    setProblem(null);
    setItems(
      req.data
        .filter((r) => r.kind === 'pledge')
        .map((r) => ({
          key: nextKey++,
          unitId: r.unitId,
          expectedCount: r.expectedCount,
          deadline: fromIso(r.deadline),
        })),
    );
  }, [open, req.data]);

  const chosen = useMemo(
    () => new Set(items.map((i) => i.unitId).filter((x): x is number => x !== undefined)),
    [items],
  );
  const update = (key: number, patch: Partial<Item>) =>
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const addRow = () => setItems((xs) => [...xs, { key: nextKey++, expectedCount: 1, deadline: null }]);
  const addTownships = () => {
    const more = units.filter(
      (u) => (u.kind === '乡镇' || u.kind === '街道' || u.kind === '开发区') && !chosen.has(u.id),
    );
    setItems((xs) => [...xs, ...more.map((u) => ({ key: nextKey++, unitId: u.id, expectedCount: 1, deadline: null }))]);
  };

  const save = async () => {
    const blank = items.findIndex((i) => i.unitId === undefined);
    if (blank >= 0) {
      setProblem(`第 ${blank + 1} 行没有选择单位，请选择或删除该行`);
      return;
    }
    setProblem(null);
    const r = await run(
      () =>
        call('notices:setRequirements', {
          noticeId: notice.id,
          kind: 'pledge',
          items: items.map((i) => ({ unitId: i.unitId!, expectedCount: i.expectedCount, deadline: toIso(i.deadline) })),
        }),
      { success: (rs) => `已保存：${rs.length} 个单位应签明白书`, silentError: true },
    );
    if (r.ok) onSaved();
    else setProblem(r.error);
  };

  const total = items.reduce((n, i) => n + (i.expectedCount || 0), 0);
  // Editing starts once the saved list is in, so a row added early is not overwritten by the load.
  const ready = !!req.data && !req.loading;

  return (
    <Modal
      title={`设置应签单位 · ${notice.docNo}`}
      open={open}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      confirmLoading={pending}
      okButtonProps={{ disabled: !ready }}
      width={760}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div className="cell-sub" style={{ marginBottom: 12 }}>
        列出需要报送明白书的单位及应签份数；截止日期不填则按通知的截止日期
        {notice.deadline ? `（${notice.deadline}）` : ''}。
      </div>
      {problem ? (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="requirements-error" />
      ) : null}
      <Spin spinning={req.loading}>
        <Table<Item>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={items}
          scroll={{ y: 380 }}
          locale={{ emptyText: '尚未添加单位' }}
          data-testid="requirements-table"
          columns={[
            {
              title: '单位',
              key: 'unit',
              render: (_, it) => (
                <UnitSelect
                  units={units}
                  value={it.unitId}
                  onChange={(v) => update(it.key, { unitId: v })}
                  onCreated={onUnitCreated}
                  disabledIds={chosen}
                  style={{ width: '100%' }}
                />
              ),
            },
            {
              title: '应签份数',
              key: 'count',
              width: 120,
              render: (_, it) => (
                <InputNumber
                  min={0}
                  max={10000}
                  precision={0}
                  value={it.expectedCount}
                  onChange={(v) => update(it.key, { expectedCount: v ?? 0 })}
                  style={{ width: '100%' }}
                  aria-label="应签份数"
                />
              ),
            },
            {
              title: '截止日期',
              key: 'deadline',
              width: 170,
              render: (_, it) => (
                <DateInput
                  label="截止日期"
                  value={it.deadline}
                  onChange={(d) => update(it.key, { deadline: d })}
                  placeholder="同通知"
                  style={{ width: '100%' }}
                />
              ),
            },
            {
              title: '',
              key: 'del',
              width: 48,
              render: (_, it) => (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label="删除此行"
                  onClick={() => setItems((xs) => xs.filter((x) => x.key !== it.key))}
                />
              ),
            },
          ]}
        />
      </Spin>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 12 }}>
        <Space>
          <Button icon={<PlusOutlined />} onClick={addRow} disabled={!ready}>
            添加单位
          </Button>
          <Button onClick={addTownships} disabled={!ready}>
            添加全部乡镇、街道、开发区
          </Button>
        </Space>
        <span className="cell-sub">
          共 {items.length} 个单位，应签 {total} 份
        </span>
      </div>
    </Modal>
  );
}
