/**
 * 报送要求: what a notice asks of each unit, for every kind of return (明白书, 专题报告, 工作清单, 自查报告, 隐患台账):
 * how many, by when, once or every month/quarter, and the 字数 limit. Saving replaces the list of each changed kind
 * (notices:setRequirements).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, InputNumber, Modal, Select, Space, Spin, Table, Tabs } from 'antd';
import { DateInput } from '../components/DateInput';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_LENGTH_LIMITS, RETURN_KIND_LABELS, type AnyReturnKind } from '../../../core/domain/returns';
import { call } from '../api/client';
import type { Notice, Unit } from '../api/types';
import { useAction, useRequest } from '../api/useRequest';
import { fromIso, toIso } from '../components/format';

type Period = 'once' | 'monthly' | 'quarterly';

interface Item {
  unitId: number;
  unitName: string;
  expectedCount: number;
  deadline: Dayjs | null;
  period: Period;
  dueDay: number | null;
  lengthLimit: number | null;
}

const KINDS: AnyReturnKind[] = ['pledge', 'report', 'worklist', 'selfcheck', 'ledger'];
const PERIODS = [
  { value: 'once', label: '一次性' },
  { value: 'monthly', label: '每月' },
  { value: 'quarterly', label: '每季度' },
];
const TOWNSHIP_KINDS = new Set(['乡镇', '街道', '开发区']);

interface Props {
  open: boolean;
  notice: Notice;
  units: Unit[];
  onClose: () => void;
  onSaved: () => void;
}

function snapshot(items: Item[]): string {
  return JSON.stringify(items.map((i) => ({ ...i, deadline: toIso(i.deadline) })));
}

function KindTable({
  kind,
  items,
  units,
  onChange,
  noticeDeadline,
}: {
  kind: AnyReturnKind;
  items: Item[];
  units: Unit[];
  onChange: (x: Item[]) => void;
  noticeDeadline: string | null;
}) {
  const [picking, setPicking] = useState<number[]>([]);
  const chosen = new Set(items.map((i) => i.unitId));
  const defaults = (u: Unit): Item => ({
    unitId: u.id,
    unitName: u.name,
    expectedCount: kind === 'pledge' ? 3 : 1,
    deadline: null,
    period: kind === 'ledger' ? 'monthly' : 'once',
    dueDay: kind === 'ledger' ? 25 : null,
    lengthLimit: DEFAULT_LENGTH_LIMITS[kind] ?? null,
  });
  const add = (ids: number[]) => {
    const more = units.filter((u) => ids.includes(u.id) && !chosen.has(u.id)).map(defaults);
    onChange([...items, ...more]);
    setPicking([]);
  };
  const update = (unitId: number, patch: Partial<Item>) =>
    onChange(items.map((i) => (i.unitId === unitId ? { ...i, ...patch } : i)));
  const showLimit = kind !== 'pledge' && kind !== 'ledger';
  return (
    <div>
      <div className="toolbar" style={{ marginBottom: 8 }}>
        <Select<number[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder="选择要添加的单位（可多选）"
          style={{ width: 360 }}
          value={picking}
          onChange={setPicking}
          showSearch={{ optionFilterProp: 'label' }}
          options={units.filter((u) => !chosen.has(u.id)).map((u) => ({ value: u.id, label: u.name }))}
          aria-label="选择单位"
          data-testid={`req-pick-${kind}`}
        />
        <Button icon={<PlusOutlined />} disabled={!picking.length} onClick={() => add(picking)}>
          添加
        </Button>
        <Button onClick={() => add(units.filter((u) => TOWNSHIP_KINDS.has(u.kind)).map((u) => u.id))}>
          添加全部乡镇（街道）
        </Button>
        <Button onClick={() => add(units.filter((u) => u.kind === '部门').map((u) => u.id))}>添加全部部门</Button>
        <span className="spacer" />
        {items.length ? (
          <Button type="link" danger onClick={() => onChange([])}>
            清空
          </Button>
        ) : null}
      </div>
      <Table<Item>
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ y: 340 }}
        locale={{ emptyText: `该通知未要求报送${RETURN_KIND_LABELS[kind]}` }}
        data-testid={`req-table-${kind}`}
        columns={[
          { title: '单位', dataIndex: 'unitName', key: 'unit', ellipsis: true },
          {
            title: kind === 'pledge' ? '应签份数' : '份数',
            key: 'count',
            width: 90,
            render: (_, it) => (
              <InputNumber
                size="small"
                min={0}
                max={10000}
                precision={0}
                value={it.expectedCount}
                onChange={(v) => update(it.unitId, { expectedCount: v ?? 0 })}
                style={{ width: '100%' }}
                aria-label="份数"
              />
            ),
          },
          {
            title: '报送方式',
            key: 'period',
            width: 104,
            render: (_, it) =>
              kind === 'pledge' ? (
                <span className="cell-sub">一次性</span>
              ) : (
                <Select<Period>
                  size="small"
                  value={it.period}
                  onChange={(v) => update(it.unitId, { period: v, dueDay: v === 'once' ? null : (it.dueDay ?? 25) })}
                  options={PERIODS}
                  style={{ width: '100%' }}
                />
              ),
          },
          {
            title: '截止日期 / 每期报送日',
            key: 'deadline',
            width: 170,
            render: (_, it) =>
              it.period === 'once' ? (
                <DateInput
                  label="截止日期"
                  size="small"
                  value={it.deadline}
                  onChange={(d) => update(it.unitId, { deadline: d })}
                  placeholder={noticeDeadline ? `同通知 ${noticeDeadline}` : '同通知'}
                  style={{ width: '100%' }}
                />
              ) : (
                <Space size={4}>
                  <span className="cell-sub">{it.period === 'monthly' ? '每月' : '季末月'}</span>
                  <InputNumber
                    size="small"
                    min={1}
                    max={31}
                    precision={0}
                    value={it.dueDay}
                    onChange={(v) => update(it.unitId, { dueDay: v })}
                    style={{ width: 60 }}
                    aria-label="报送日"
                  />
                  <span className="cell-sub">日前</span>
                </Space>
              ),
          },
          ...(showLimit
            ? [
                {
                  title: '字数上限',
                  key: 'limit',
                  width: 100,
                  render: (_: unknown, it: Item) => (
                    <InputNumber
                      size="small"
                      min={1}
                      max={1000000}
                      precision={0}
                      value={it.lengthLimit}
                      onChange={(v) => update(it.unitId, { lengthLimit: v })}
                      placeholder="不限"
                      style={{ width: '100%' }}
                      aria-label="字数上限"
                    />
                  ),
                },
              ]
            : []),
          {
            title: '',
            key: 'del',
            width: 40,
            render: (_, it) => (
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`删除 ${it.unitName}`}
                onClick={() => onChange(items.filter((x) => x.unitId !== it.unitId))}
              />
            ),
          },
        ]}
      />
    </div>
  );
}

export function RequirementsEditorModal({ open, notice, units, onClose, onSaved }: Props) {
  const req = useRequest(() => call('notices:requirements', { noticeId: notice.id }), [notice.id, open], {
    enabled: open,
  });
  const [lists, setLists] = useState<Record<string, Item[]>>({});
  const [loaded, setLoaded] = useState<Record<string, string>>({});
  const [tab, setTab] = useState<AnyReturnKind>('pledge');
  const [problem, setProblem] = useState<string | null>(null);
  const { run, pending } = useAction();
  const { message } = App.useApp();

  useEffect(() => {
    if (!open || !req.data) return;
    const next: Record<string, Item[]> = {};
    for (const k of KINDS) {
      next[k] = req.data
        .filter((r) => r.kind === k)
        .map((r) => ({
          unitId: r.unitId,
          unitName: r.unitName,
          expectedCount: r.expectedCount,
          deadline: fromIso(r.deadline),
          period: r.period,
          dueDay: r.dueDay,
          lengthLimit: r.lengthLimit,
        }));
    }
    setLists(next);
    setLoaded(Object.fromEntries(KINDS.map((k) => [k, snapshot(next[k]!)])));
    setProblem(null);
    const first = KINDS.find((k) => next[k]!.length);
    if (first) setTab(first);
  }, [open, req.data]);

  const changed = useMemo(() => KINDS.filter((k) => lists[k] && snapshot(lists[k]) !== loaded[k]), [lists, loaded]);

  const save = async () => {
    setProblem(null);
    for (const k of changed) {
      const items = lists[k]!;
      const bad = items.find((i) => i.period !== 'once' && !i.dueDay);
      if (bad) {
        setTab(k);
        setProblem(`${RETURN_KIND_LABELS[k]}：${bad.unitName} 定期报送须填写每期报送日`);
        return;
      }
      const r = await run(
        () =>
          call('notices:setRequirements', {
            noticeId: notice.id,
            kind: k,
            items: items.map((i) => ({
              unitId: i.unitId,
              expectedCount: i.expectedCount,
              deadline: i.period === 'once' ? toIso(i.deadline) : null,
              period: i.period,
              dueDay: i.period === 'once' ? null : i.dueDay,
              lengthLimit: i.lengthLimit,
            })),
          }),
        { silentError: true },
      );
      if (!r.ok) {
        setTab(k);
        setProblem(`${RETURN_KIND_LABELS[k]}未保存：${r.error}`);
        return;
      }
    }
    message.success(
      `报送要求已保存：${changed.map((k) => `${RETURN_KIND_LABELS[k]} ${lists[k]!.length} 个单位`).join('，')}`,
    );
    onSaved();
  };

  return (
    <Modal
      title={`报送要求 · ${notice.docNo}`}
      open={open}
      onCancel={onClose}
      onOk={save}
      okText={changed.length ? `保存（${changed.map((k) => RETURN_KIND_LABELS[k]).join('、')}）` : '保存'}
      okButtonProps={{ disabled: !changed.length }}
      confirmLoading={pending}
      width={920}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div className="cell-sub" style={{ marginBottom: 8 }}>
        {notice.title}。按材料类别列出需要报送的单位；一次性报送的截止日期不填则按通知截止日期
        {notice.deadline ? `（${notice.deadline}）` : ''}。
      </div>
      {problem ? (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} data-testid="req-error" />
      ) : null}
      <Spin spinning={req.loading}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as AnyReturnKind)}
          items={KINDS.map((k) => ({
            key: k,
            label: `${RETURN_KIND_LABELS[k]}${lists[k]?.length ? `（${lists[k]!.length}）` : ''}${changed.includes(k) ? ' •' : ''}`,
            children: (
              <KindTable
                kind={k}
                items={lists[k] ?? []}
                units={units}
                onChange={(x) => setLists((l) => ({ ...l, [k]: x }))}
                noticeDeadline={notice.deadline}
              />
            ),
          }))}
        />
      </Spin>
    </Modal>
  );
}
