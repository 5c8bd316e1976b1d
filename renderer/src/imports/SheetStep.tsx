/** Step 2 工作表与表头: which sheet holds the data, what kind of return it is, and what was read above the header. */
import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Descriptions, InputNumber, Radio, Select, Tag, Tooltip, Typography } from 'antd';
import { KIND_COLORS, KIND_LABELS, KIND_ORDER, KIND_SHORT, periodLabel, YEAR_SOURCE } from './labels';
import type { Preview } from './types';
import type { ImportSession } from './useImportSession';

function headerRows(rows: number[]): string {
  if (!rows.length) return '—';
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  return first === last ? `第 ${first} 行` : `第 ${first}–${last} 行（${rows.length} 行表头）`;
}

function SheetList({ preview, onChoose }: { preview: Preview; onChoose: (name: string) => void }) {
  return (
    <Radio.Group
      value={preview.sheet}
      onChange={(e) => onChoose(e.target.value as string)}
      className="import-sheets"
      data-testid="import-sheets"
    >
      {preview.sheets.map((s) => (
        <Radio key={s.name} value={s.name} className={`import-sheet${s.name === preview.sheet ? ' is-chosen' : ''}`}>
          <div className="import-sheet-body">
            <div className="import-sheet-name">
              {s.hidden ? (
                <Tooltip title="隐藏的工作表">
                  <EyeInvisibleOutlined className="import-sheet-hidden" />
                </Tooltip>
              ) : null}
              <span>{s.name}</span>
              {s.name === preview.sheet ? (
                <Tag color="blue" bordered={false}>
                  导入此表
                </Tag>
              ) : (
                <Tag bordered={false}>跳过：{s.reason}</Tag>
              )}
            </div>
            <div className="cell-sub">
              {s.kind ? `${KIND_SHORT[s.kind]} · ` : ''}
              {s.dataRows ? `${s.dataRows} 行数据` : s.name === preview.sheet ? '' : '没有可识别的数据'}
              {s.chosen && s.name !== preview.sheet ? ' · 程序原本选用此表' : ''}
            </div>
          </div>
        </Radio>
      ))}
    </Radio.Group>
  );
}

export function SheetStep({ session }: { session: ImportSession }) {
  const p = session.preview;
  if (!p) return null;
  const { meta, summary } = p;
  const skipped = summary.blankRows + summary.skippedRows;
  return (
    <div className="import-sheet-step">
      <section className="import-panel">
        <div className="import-panel-title">
          工作表
          <span className="import-panel-hint">程序自动跳过隐藏表、填表说明和空表；如选错了，点选要导入的工作表</span>
        </div>
        <SheetList preview={p} onChoose={(sheet) => session.choose({ sheet, kind: undefined, mapping: undefined })} />
        {meta.lines.length ? (
          <>
            <div className="import-panel-title" style={{ marginTop: 20 }}>
              表头上方的文字
            </div>
            <div className="import-lines" data-testid="import-lines">
              {meta.lines.map((l, i) => (
                <div key={i} className={i === 0 ? 'import-line-title' : undefined}>
                  {l}
                </div>
              ))}
            </div>
          </>
        ) : null}
      </section>
      <section className="import-panel">
        <div className="import-panel-title">识别结果</div>
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="import-meta"
          styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'kind',
              label: '表格类别',
              children: (
                <div className="import-inline">
                  <Select
                    value={p.kind}
                    style={{ width: 200 }}
                    aria-label="表格类别"
                    onChange={(kind) => session.choose({ kind, mapping: undefined })}
                    options={KIND_ORDER.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                    labelRender={(o) => (
                      <span>
                        <Tag color={KIND_COLORS[String(o.value)]} bordered={false} style={{ marginInlineEnd: 6 }}>
                          {KIND_SHORT[String(o.value)]}
                        </Tag>
                      </span>
                    )}
                  />
                  <Typography.Text type="secondary">
                    {session.choices.kind ? '手动指定' : '按表头和标题自动识别'}
                  </Typography.Text>
                </div>
              ),
            },
            { key: 'title', label: '标题', children: p.title ?? <span className="cell-sub">（表中没有标题）</span> },
            {
              key: 'unit',
              label: '填报单位',
              children: (
                <div className="import-inline">
                  <span>{meta.unitName ?? '—'}</span>
                  {p.unit ? (
                    <Tag color="success" bordered={false}>
                      对应名录：{p.unit.name}
                    </Tag>
                  ) : meta.unitName ? (
                    <Tag color="warning" bordered={false}>
                      单位名录中没有
                    </Tag>
                  ) : null}
                </div>
              ),
            },
            { key: 'town', label: '乡镇（街道）', children: meta.township ?? '—' },
            { key: 'date', label: '填报时间', children: meta.reportDate ?? '—' },
            ...(meta.period ? [{ key: 'period', label: '报送期间', children: periodLabel(meta.period) }] : []),
            {
              key: 'year',
              label: '年份',
              children: (
                <div className="import-inline">
                  <InputNumber
                    aria-label="年份"
                    min={1990}
                    max={2100}
                    // Re-mounted when the choice changes or is taken back (a cancelled re-read), so it shows the year in use.
                    key={`${p.sheet}-${meta.year ?? ''}-${session.choices.year ?? ''}`}
                    defaultValue={session.choices.year ?? meta.year ?? undefined}
                    placeholder="未识别"
                    style={{ width: 110 }}
                    suffix="年"
                    onChange={(v) => {
                      // Only whole years re-read the table (not every keystroke); clearing goes back to the year detected.
                      if (v === null) session.choose({ year: undefined });
                      else if (
                        typeof v === 'number' &&
                        v >= 1990 &&
                        v <= 2100 &&
                        v !== (session.choices.year ?? meta.year)
                      )
                        session.choose({ year: v });
                    }}
                  />
                  <Typography.Text type="secondary">
                    {session.choices.year ? '手动指定' : meta.yearSource ? YEAR_SOURCE[meta.yearSource] : '未识别'}
                    ；用于只写了月、日的日期（如“3月5日”）
                  </Typography.Text>
                </div>
              ),
            },
            { key: 'header', label: '表头', children: headerRows(p.header.rows) },
            {
              key: 'rows',
              label: '数据行',
              children: (
                <span>
                  <b>{p.rows}</b> 行
                  {skipped ? <span className="cell-sub">（已跳过空行、合计行、表尾等 {skipped} 行）</span> : null}
                </span>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
