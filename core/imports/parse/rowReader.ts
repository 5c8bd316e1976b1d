/**
 * Typed reads of one data row's cells by field, collecting the row's problems with messages like
 * 第12行 F列 “2024.13.5” 不是有效日期. Merged-down values (an enterprise over its hazards) are filled in.
 */
import { parseDateCell, type DateContext } from './dates';
import { fieldDef } from './fields';
import { cellText, filledCell, isCellError, NO_RESULT, type Cell } from './grid';
import type { SheetView } from './layout';
import { parseMoneyCell } from './money';
import { cleanValue } from './text';
import type { ImportKind, ParsedColumn, RowProblem, Severity } from './types';
import { parseYesNo } from './words';

export interface RowEnv {
  kind: ImportKind;
  view: SheetView;
  byField: Map<string, ParsedColumn>;
  dateCtx: DateContext;
}

const MAX_SHOWN = 30;

function shown(value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  return v.length > MAX_SHOWN ? `${v.slice(0, MAX_SHOWN)}…` : v;
}

export class RowReader {
  readonly problems: RowProblem[] = [];

  constructor(
    private readonly env: RowEnv,
    readonly r: number,
  ) {}

  get rowNumber(): number {
    return this.r + 1;
  }

  column(field: string): ParsedColumn | undefined {
    return this.env.byField.get(field);
  }

  has(field: string): boolean {
    return this.env.byField.has(field);
  }

  label(field: string): string {
    return fieldDef(this.env.kind, field)?.label ?? field;
  }

  /** The row's cells with merged-down values filled in, each worked out once (fields and raw texts share them). */
  private readonly filled: (Cell | undefined)[] = [];

  /** The cell at a column, merged-down value filled in. */
  at(index: number): Cell {
    let v = this.filled[index];
    if (v === undefined)
      this.filled[index] = v = filledCell(this.env.view.sheet, this.env.view.merges, this.r, index, 'vertical');
    return v;
  }

  /** The raw cell of a field (null when the field has no column). */
  cell(field: string): Cell {
    const col = this.column(field);
    return col ? this.at(col.index) : null;
  }

  written(field: string): string {
    return cellText(this.cell(field)).trim();
  }

  /**
   * Records a problem. `value` defaults to the cell as written and is quoted in the message; pass '' when the
   * reason already quotes it (the written value is still recorded on the problem).
   */
  add(field: string | null, severity: Severity, reason: string, value?: string): void {
    const col = field ? this.column(field) : undefined;
    const where = col ? ` ${col.letter}列` : '';
    const written = field ? this.written(field) : '';
    const quoted = value === undefined ? written : value;
    const message = quoted
      ? `第${this.rowNumber}行${where} “${shown(quoted)}” ${reason}`
      : `第${this.rowNumber}行${where} ${reason}`;
    this.problems.push({
      row: this.rowNumber,
      column: col?.letter ?? null,
      field,
      value: quoted || written,
      message,
      severity,
    });
  }

  warn(field: string | null, reason: string, value?: string): void {
    this.add(field, 'warning', reason, value);
  }

  error(field: string | null, reason: string, value?: string): void {
    this.add(field, 'error', reason, value);
  }

  /** The cell, or null after reporting an Excel error value / an uncalculated formula. */
  private usable(field: string, severity: Severity): Cell {
    const cell = this.cell(field);
    if (!isCellError(cell)) return cell;
    if (cell.error === NO_RESULT) {
      this.add(field, severity, '是没有计算结果的公式，请在 Excel/WPS 中打开、保存后再导入', `=${cell.formula ?? ''}`);
    } else this.add(field, severity, `是错误值，${severity === 'error' ? '请改正后再导入' : '未导入该值'}`, cell.error);
    return null;
  }

  text(field: string, opts: { multiline?: boolean; required?: boolean } = {}): string | null {
    const cell = this.usable(field, opts.required ? 'error' : 'warning');
    const t = cleanValue(cellText(cell), opts.multiline);
    if (t === '') {
      if (opts.required) this.error(field, `缺少${this.label(field)}`, '');
      return null;
    }
    return t;
  }

  date(field: string): string | null {
    const r = parseDateCell(this.usable(field, 'error'), this.env.dateCtx);
    switch (r.kind) {
      case 'date':
        if (r.note) this.warn(field, r.note, '');
        return r.iso;
      case 'invalid':
        this.error(field, r.reason);
        return null;
      case 'text':
        this.warn(field, '不是日期，未导入该值');
        return null;
      default:
        return null;
    }
  }

  /** A deadline: a date, or the words as written (立即整改, 3月底前) with a warning. */
  deadline(field: string): { date: string | null; text: string | null } {
    const r = parseDateCell(this.usable(field, 'error'), this.env.dateCtx);
    switch (r.kind) {
      case 'date':
        if (r.note) this.warn(field, r.note, '');
        return { date: r.iso, text: null };
      case 'invalid':
        this.error(field, r.reason);
        return { date: null, text: null };
      case 'text': {
        const text = cleanValue(r.text);
        this.warn(field, '不是日期，按原文保存为时限');
        return { date: null, text };
      }
      default:
        return { date: null, text: null };
    }
  }

  /** Money in 分, with the header's unit for bare numbers. */
  money(field: string): number | null {
    const r = parseMoneyCell(this.usable(field, 'warning'), this.column(field)?.unit);
    if (r.kind === 'fen') {
      if (r.note) this.warn(field, r.note, '');
      return r.fen;
    }
    if (r.kind === 'text') this.warn(field, '不是金额，未导入该值');
    return null;
  }

  yesNo(field: string, parse: (s: string) => boolean | null | undefined = parseYesNo): boolean | null {
    const t = cellText(this.usable(field, 'warning'));
    const v = parse(t);
    if (v === undefined) {
      this.warn(field, '不是“是/否”，按空白处理');
      return null;
    }
    return v;
  }
}
