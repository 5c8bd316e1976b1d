/** Step 3 列对应: each column of the table, what it is taken as, and how that was decided. */
import { HistoryOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Table, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { mappableFields } from '../../../core/imports/parse/fields';
import { confidenceTag } from './labels';
import type { Preview, PreviewColumn } from './types';
import type { ImportSession } from './useImportSession';

const NONE = '__none__';

/** A few values of the column as written, to recognise it by. */
function examples(p: Preview, index: number): string[] {
  const out: string[] = [];
  for (const r of p.sample) {
    const v = (r.raw[index] ?? '').trim();
    if (v && !out.includes(v)) out.push(v);
    if (out.length === 2) break;
  }
  return out;
}

export function MappingSourceTag({ source }: { source: Preview['mappingSource'] }) {
  if (source === 'remembered') {
    return (
      <Tag color="purple" icon={<HistoryOutlined />} data-testid="mapping-remembered">
        已套用上次的对应关系
      </Tag>
    );
  }
  if (source === 'user') return <Tag color="blue">已按您的调整</Tag>;
  return <Tag color="success">按表头自动识别</Tag>;
}

export function MappingStep({ session }: { session: ImportSession }) {
  const p = session.preview;
  const kind = p?.kind;
  const fields = useMemo(() => (kind ? mappableFields(kind) : []), [kind]);
  if (!p) return null;
  const mapped = new Set(p.columns.map((c) => c.field).filter(Boolean));
  const missing = fields.filter((f) => f.required && !mapped.has(f.field));
  const options = [
    { value: NONE, label: '不导入' },
    ...fields.map((f) => ({ value: f.field, label: f.required ? `${f.label}（必填）` : f.label, disabled: false })),
  ];

  return (
    <div>
      <div className="import-step-head">
        <MappingSourceTag source={p.mappingSource} />
        <span className="cell-sub">
          {p.mappingSource === 'remembered'
            ? '这个单位上次报送同样格式的表格时，您调整过列的对应关系，本次已自动套用。'
            : '请核对每一列对应的字段；调整后预览立即更新，导入时程序会记住，下次同一单位、同样格式的表格自动套用。'}
        </span>
        <span className="spacer" />
        {p.mappingSource !== 'detected' ? (
          <Button size="small" icon={<UndoOutlined />} onClick={session.resetMapping}>
            恢复自动识别
          </Button>
        ) : null}
      </div>
      {missing.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`缺少必填的列：${missing.map((f) => f.label).join('、')}`}
          description="请在下表中为相应的列选择字段；如果表中确实没有，请退回报送单位补充。"
        />
      ) : null}
      <Table<PreviewColumn>
        rowKey="index"
        size="small"
        pagination={false}
        data-testid="mapping-table"
        dataSource={p.columns}
        rowClassName={(c) => (c.field ? '' : 'mapping-unused')}
        columns={[
          {
            title: '列',
            dataIndex: 'letter',
            key: 'letter',
            width: 56,
            align: 'center',
            render: (l: string) => <span className="col-letter">{l}</span>,
          },
          {
            title: '表中的表头',
            dataIndex: 'header',
            key: 'header',
            width: 260,
            render: (h: string, c) => (
              <div>
                <div className="cell-main">{h || <span className="cell-sub">（无表头）</span>}</div>
                {c.unit ? <div className="cell-sub">金额单位：{c.unit}</div> : null}
                {c.lengthLimit ? <div className="cell-sub">字数限制：{c.lengthLimit} 字</div> : null}
              </div>
            ),
          },
          {
            title: '示例内容',
            key: 'examples',
            render: (_, c) => {
              const ex = examples(p, c.index);
              return ex.length ? (
                <div className="mapping-examples">
                  {ex.map((e) => (
                    <span key={e} className="mapping-example" title={e}>
                      {e}
                    </span>
                  ))}
                </div>
              ) : (
                <span className="cell-sub">（空列）</span>
              );
            },
          },
          {
            title: '导入为',
            key: 'field',
            width: 230,
            render: (_, c) => (
              <Select
                aria-label={`${c.letter}列导入为`}
                value={c.field ?? NONE}
                style={{ width: 210 }}
                showSearch={{ optionFilterProp: 'label' }}
                options={options}
                onChange={(v) => session.mapColumn(c.index, v === NONE ? null : v)}
                data-testid={`mapping-${c.letter}`}
              />
            ),
          },
          {
            title: '识别方式',
            key: 'how',
            width: 250,
            render: (_, c) => {
              const t = confidenceTag(c, p.mappingSource);
              return (
                <div>
                  <Tooltip title={t.hint}>
                    <Tag color={t.color} bordered={false}>
                      {t.label}
                    </Tag>
                  </Tooltip>
                  {c.note ? <div className="cell-sub">{c.note}</div> : null}
                </div>
              );
            },
          },
        ]}
      />
    </div>
  );
}
