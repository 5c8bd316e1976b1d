/**
 * CLI: 明白书 (pledges add, list), their coverage of a notice (coverage), and the pre-filled form for
 * printing (print-pledge).
 */
import { validation } from '../../platform/errors';
import { commitScan, prepareScan, type PreparedScan } from '../../attachments/service';
import { pledgeCoverage } from '../../pledges/coverage';
import { createPledge } from '../../pledges/editing';
import { allPledges } from '../../pledges/service';
import { pledgeFormProblems, printPledgeToFile } from '../../print/printing';
import { requireUnitByName } from '../../units/service';
import { levelLabel } from '../../domain/pledgeLevels';
import { UsageError } from '../usage';
import { inTransaction } from '../transaction';
import { list, need, noticeId, print, str, type Command } from '../args';

export const pledgeCommands: Record<string, Command> = {
  async 'pledges add'(ctx, { values }, io) {
    const levelText = need(values, 'level', '谈话层级 1-4');
    const level = Number(levelText);
    if (!Number.isInteger(level) || level < 1 || level > 4)
      throw validation(`谈话层级必须是 1 到 4，收到的是“${levelText}”`);
    const talkeeUnit = requireUnitByName(ctx, need(values, 'talkee-unit', '谈话对象单位'));
    const reporting = str(values, 'reporting-unit');
    const reportingUnitId = reporting ? requireUnitByName(ctx, reporting).id : null;
    const nId = noticeId(ctx, str(values, 'notice'));
    const talkDate = need(values, 'date', '谈话日期');
    const unsigned = !!values.unsigned;
    const signedDate = str(values, 'signed-date') ?? (unsigned ? null : talkDate);
    // Every scan is checked before anything is written; the scans and the record go in one transaction.
    const scans: PreparedScan[] = [];
    for (const f of list(values, 'scan')) scans.push(await prepareScan(f));
    const p = await inTransaction(ctx, async () => {
      const attachmentIds = scans.map((s) => commitScan(ctx, s).id);
      return createPledge(ctx, {
        noticeId: nId ?? null,
        level,
        talkerName: need(values, 'talker', '谈话人'),
        talkerTitle: need(values, 'talker-title', '谈话人职务'),
        talkeeName: need(values, 'talkee', '谈话对象'),
        talkeeUnitId: talkeeUnit.id,
        talkeeTitle: need(values, 'talkee-title', '谈话对象职务'),
        reportingUnitId,
        talkDate,
        signed: !unsigned,
        signedDate,
        custody: str(values, 'custody') ?? null,
        notes: str(values, 'notes') ?? null,
        attachmentIds,
        confirmDuplicate: !!values['confirm-duplicate'],
      });
    });
    print(
      io,
      !!values.json,
      p,
      () =>
        `已登记明白书（编号 ${p.id}）：${levelLabel(p.level)} ${p.talkerName} → ${p.talkeeName}（${p.talkeeUnitName}）`,
    );
  },

  async 'pledges list'(ctx, { values }, io) {
    const unit = str(values, 'unit');
    const query = {
      noticeId: noticeId(ctx, str(values, 'notice')),
      unitId: unit ? requireUnitByName(ctx, unit).id : undefined,
      search: str(values, 'search'),
      sortField: 'createdAt' as const,
      sortOrder: 'asc' as const,
    };
    const all = allPledges(ctx, query);
    print(
      io,
      !!values.json,
      all,
      () =>
        all
          .map(
            (p) =>
              `${p.id}\t${levelLabel(p.level)}\t${p.talkerName}→${p.talkeeName}\t${p.talkeeUnitName}\t${p.status}\t${p.talkDate ?? ''}`,
          )
          .join('\n') || '（没有明白书）',
    );
  },

  async coverage(ctx, { values }, io) {
    const c = pledgeCoverage(ctx, noticeId(ctx, need(values, 'notice', '文号'))!);
    print(io, !!values.json, c, () =>
      [
        `${c.docNo} ${c.title}`,
        ...c.rows.map((r) => `${r.unitName}\t应签 ${r.expected}\t已签 ${r.signed}\t缺 ${r.missing}`),
        `合计：应签 ${c.totals.expected}，已签 ${c.totals.signed}，缺 ${c.totals.missing}`,
      ].join('\n'),
    );
  },

  async 'print-pledge'(ctx, { values, rest }, io) {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('缺少明白书编号，例如：print-pledge 12 --out 明白书.pdf');
    const file = await printPledgeToFile(ctx, id, need(values, 'out', '输出文件'));
    const warnings = pledgeFormProblems(ctx, id);
    for (const w of warnings) io.err(`【提示】${w}`);
    print(io, !!values.json, { file, warnings }, () => `已生成：${file}`);
  },
};
