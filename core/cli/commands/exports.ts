/**
 * CLI: the Excel registers for printing (export-ledger: 隐患台账; board export: 材料报送情况跟踪表).
 */
import { filterTitle, listExportBytes, listExportName } from '../../exports/lists';
import { hazardLedgerBytes, writeWorkbook } from '../../exports/registers';
import { hazardFilter, need, noticeId, print, str, type Command } from '../args';

export const exportCommands: Record<string, Command> = {
  async 'export-ledger'(ctx, { values }, io) {
    const out = need(values, 'out', '输出文件');
    const file = await writeWorkbook(out, hazardLedgerBytes(ctx, hazardFilter(ctx, values)));
    print(io, !!values.json, { file }, () => `已导出隐患台账：${file}`);
  },

  async 'board export'(ctx, { values }, io) {
    const filter = { noticeId: noticeId(ctx, str(values, 'notice')), onlyLate: values['only-late'] ? true : undefined };
    const x = { list: 'board' as const, filter };
    const bytes = listExportBytes(ctx, x); // refusals (unknown notice) before anything is written
    const file = await writeWorkbook(str(values, 'out') ?? listExportName(ctx, x), bytes);
    print(io, !!values.json, { file, title: filterTitle(ctx, x) }, () => `已导出材料报送情况跟踪表：${file}`);
  },
};
