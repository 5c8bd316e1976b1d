/**
 * A column mapping the clerk chose is remembered for the unit and the header, and the next return in that layout
 * is read with it — settled before the rows are parsed, so they are parsed once and the grid let go as they are.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseWorkbook, parseWorkbookAsync, readReturnFile } from '../../core/imports/parse';
import { commitImport } from '../../core/imports/commit';
import { planImport } from '../../core/imports/preview';
import { createUnit } from '../../core/units/service';
import { FIXTURES, makeCtx, type TestCtx } from '../helpers/ctx';

const LEDGER = path.join(FIXTURES, 'returns', '神垕镇_重大事故隐患排查整治台账.xlsx');
let ctx: TestCtx;

beforeAll(() => {
  ctx = makeCtx();
  createUnit(ctx, { name: '神垕镇', kind: '乡镇', aliases: ['禹州市神垕镇人民政府'] });
});
afterAll(() => ctx?.close());

describe('remembered column mapping', () => {
  test('the next return in the same layout is read with the mapping chosen for it', async () => {
    const first = await planImport(ctx, LEDGER);
    expect(first.mappingSource).toBe('detected');
    const notes = first.parsed.columns.find((c) => c.field === 'notes')!;
    expect(notes).toBeDefined();
    expect(first.parsed.rows.some((r) => 'notes' in r.values && r.values.notes)).toBe(true);

    const done = await commitImport(ctx, LEDGER, { mapping: { [notes.index]: null } });
    expect(done.committed).toBe(true);

    // The same layout sent again with one cell changed (not the same file): 备注 is left out without asking.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(LEDGER);
    const ws = wb.worksheets.find((w) => w.name === first.parsed.sheet)!;
    ws.getCell(first.parsed.rows[0]!.rowNumber, notes.index + 1).value = '再次报送';
    const again = path.join(ctx.tmp, '神垕镇_再次报送.xlsx');
    await wb.xlsx.writeFile(again);
    const second = await planImport(ctx, again);
    expect(second.mappingSource).toBe('remembered');
    expect(second.parsed.columns.find((c) => c.index === notes.index)?.field ?? null).toBeNull();
    expect(second.parsed.rows.every((r) => !('notes' in r.values) || r.values.notes === null)).toBe(true);
    expect(second.parsed.rows).toHaveLength(first.parsed.rows.length);
  });

  test('parsing with the grid let go row by row gives exactly what the plain parse gives', async () => {
    const plain = parseWorkbook(await readReturnFile(LEDGER));
    const wb = await readReturnFile(LEDGER);
    const released = await parseWorkbookAsync(wb, {}, { release: true }, 7);
    expect(released).toEqual(plain);
    // Only the rows values were merged down from are still there.
    const sheet = wb.sheets.find((s) => s.name === plain.sheet)!;
    const kept = plain.rows.filter((r) => sheet.rows[r.rowNumber - 1]!.length > 0).map((r) => r.rowNumber - 1);
    const masters = new Set(sheet.merges.filter((m) => m.bottom > m.top).map((m) => m.top));
    expect(kept.every((r) => masters.has(r))).toBe(true);
    expect(kept.length).toBeLessThan(plain.rows.length);
  });
});
