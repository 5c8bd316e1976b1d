/**
 * Unit picker over the directory: searches names and aliases; with `onCreated` it also offers 新增单位 at the
 * bottom of the list, prefilled with what the clerk typed.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Divider, Select, Tag } from 'antd';
import { useState } from 'react';
import type { Unit } from '../api/types';
import { QuickUnitModal } from '../units/QuickUnitModal';
import { KIND_COLORS } from '../units/unitKinds';

interface UnitOption {
  value: number;
  label: string;
  name: string;
  kind: Unit['kind'];
  aliases: string[];
  disabled?: boolean;
}

interface Props {
  units: Unit[];
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** When set, the dropdown offers 新增单位; called with the new unit after units:create succeeded. */
  onCreated?: (u: Unit) => void;
  style?: React.CSSProperties;
  id?: string;
  loading?: boolean;
  disabledIds?: Set<number>;
}

export function UnitSelect({
  units,
  value,
  onChange,
  placeholder,
  allowClear,
  onCreated,
  style,
  id,
  loading,
  disabledIds,
}: Props) {
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState(false);
  // A unit just added here is shown at once, before the parent's directory list has reloaded.
  const [created, setCreated] = useState<Unit[]>([]);
  const all = created.length ? [...units, ...created.filter((c) => !units.some((u) => u.id === c.id))] : units;

  return (
    <>
      <Select<number, UnitOption>
        id={id}
        value={value ?? undefined}
        onChange={(v) => onChange?.(v)}
        placeholder={placeholder ?? '选择单位（可输入名称或别名搜索）'}
        allowClear={allowClear}
        loading={loading}
        style={style}
        open={open}
        onOpenChange={setOpen}
        showSearch={{
          onSearch: setSearch,
          filterOption: (input, opt) => {
            const q = input.trim();
            if (!q) return true;
            return !!opt && (opt.name.includes(q) || opt.aliases.some((a) => a.includes(q)));
          },
        }}
        options={all
          // 停用 units are not offered for new entries; one already chosen stays visible.
          .filter((u) => u.active !== false || u.id === value)
          .map<UnitOption>((u) => ({
            value: u.id,
            label: u.name,
            name: u.name,
            kind: u.kind,
            aliases: u.aliases,
            disabled: disabledIds?.has(u.id) && u.id !== value,
          }))}
        optionRender={(o) => (
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <span>{o.data.name}</span>
            <Tag color={KIND_COLORS[o.data.kind]} style={{ marginInlineEnd: 0 }} bordered={false}>
              {o.data.kind}
            </Tag>
          </div>
        )}
        notFoundContent={<span style={{ color: 'rgba(0,0,0,0.45)' }}>名录中没有此单位</span>}
        popupRender={(menu) =>
          onCreated ? (
            <>
              {menu}
              <Divider style={{ margin: '4px 0' }} />
              <Button
                type="link"
                icon={<PlusOutlined />}
                block
                style={{ justifyContent: 'flex-start' }}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setOpen(false);
                  setCreating(true);
                }}
              >
                新增单位{search.trim() ? `“${search.trim()}”` : '…'}
              </Button>
            </>
          ) : (
            menu
          )
        }
      />
      {onCreated ? (
        <QuickUnitModal
          open={creating}
          initialName={search.trim()}
          onClose={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            setSearch('');
            setCreated((xs) => [...xs, u]);
            onCreated(u);
            onChange?.(u.id);
          }}
        />
      ) : null}
    </>
  );
}
