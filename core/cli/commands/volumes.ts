/**
 * CLI: 组卷 and 按件归档 (export-volume; volumes list, check, export, seal, spine): the selection and the
 * people named on the command line, the output file and format, and the report of an export.
 */
import path from 'node:path';
import type { AppContext } from '../../platform/context';
import { validation } from '../../platform/errors';
import { safeFileName } from '../../files/names';
import { requireUnitByName } from '../../units/service';
import type { HazardLevel } from '../../domain/hazard';
import { MODE_WORDS, SPINE_WIDTHS } from '../../domain/archiveMode';
import {
  checkVolume,
  createVolume,
  exportVolume,
  exportVolumeOfd,
  type VolumeFormat,
  listVolumes,
  sealVolume,
  updateVolume,
  exportSpine,
  describeArchived,
  volumeArchivalNo,
  getVolume,
  type CheckResult,
  type ExportResult,
  type Selection,
  type VolumeKind,
} from '../../volumes';
import { SilentExit, UsageError } from '../usage';
import { LEVELS, need, noticeId, print, str, type Command, type Values } from '../args';
import { inTransaction } from '../transaction';

const VOLUME_KINDS_CLI: VolumeKind[] = ['pledge', 'return', 'hazard', 'closure'];

function volumeSelection(ctx: AppContext, values: Values): Selection {
  const kinds = (str(values, 'kind') ?? 'pledge')
    .split(/[,，]/)
    .map((k) => k.trim())
    .filter(Boolean);
  for (const k of kinds)
    if (!VOLUME_KINDS_CLI.includes(k as VolumeKind))
      throw validation(`材料类别“${k}”不对，应为：${VOLUME_KINDS_CLI.join('、')}`);
  const sel: Selection = { kinds: kinds as VolumeKind[] };
  const nId = noticeId(ctx, str(values, 'notice'));
  if (nId !== undefined) sel.noticeId = nId;
  const unit = str(values, 'unit');
  if (unit) sel.unitId = requireUnitByName(ctx, unit).id;
  const year = str(values, 'year');
  if (year) {
    if (!/^\d{4}$/.test(year)) throw validation(`年度“${year}”不对（如 2024）`);
    sel.year = Number(year);
  }
  const level = str(values, 'level');
  if (level) {
    if (LEVELS.includes(level)) sel.hazardLevel = level as HazardLevel;
    else if (/^[1-4]$/.test(level)) sel.level = Number(level);
    else throw validation(`层级“${level}”不对：明白书为 1–4，隐患为 一般 或 重大`);
  }
  return sel;
}

/** --creator / --checker / --category-name / --fonds-code, as given. */
function people(values: Values): { creator?: string; checker?: string; categoryName?: string; fondsCode?: string } {
  return {
    ...(str(values, 'fonds-code') !== undefined ? { fondsCode: str(values, 'fonds-code')! } : {}),
    ...(str(values, 'creator') !== undefined ? { creator: str(values, 'creator')! } : {}),
    ...(str(values, 'checker') !== undefined ? { checker: str(values, 'checker')! } : {}),
    ...(str(values, 'category-name') !== undefined ? { categoryName: str(values, 'category-name')! } : {}),
  };
}

function volumeId(rest: string[]): number {
  const id = Number(rest[0]);
  if (!Number.isInteger(id) || id < 1) throw new UsageError('缺少案卷编号，例如：volumes seal 3');
  return id;
}

function exportJson(r: ExportResult) {
  return {
    volumeId: r.volumeId,
    file: r.file,
    pages: r.pages,
    items: r.items,
    volumes: r.volumes.map((v) => ({
      file: v.file,
      volumeNo: v.volumeNo,
      pages: v.pages,
      itemPages: v.itemPages,
      items: v.items,
      sha256: v.sha256,
    })),
    sha256: r.sha256,
    sealed: r.sealed,
    matchesSeal: r.matchesSeal,
    source: r.source,
    notice: r.notice,
    check: checkJson(r.check),
    ms: r.ms,
  };
}

const checkJson = (c: CheckResult) => ({
  ok: c.ok,
  errors: c.errors,
  warnings: c.warnings,
  problems: c.problems,
  ...(c.sealed ? { sealed: c.sealed } : {}),
});

function exportHuman(r: ExportResult, mode: 'piece' | 'volume' = 'volume'): string {
  return [
    ...r.volumes.map((v) =>
      mode === 'piece'
        ? `已生成：${v.file}（盒号 ${v.volumeNo}，${v.items} 件 ${v.itemPages} 页，连同归档文件目录、盒内备考表和盒脊共 ${v.pages} 页）`
        : `已生成：${v.file}（第 ${v.volumeNo} 卷，${v.items} 件，卷内文件 ${v.itemPages} 页，全卷 ${v.pages} 页）`,
    ),
    `SHA-256：${r.sha256}${r.matchesSeal === true ? '（与封卷时一致）' : r.matchesSeal === false ? '（与封卷时不一致！）' : ''}`,
    ...(r.source === 'stored' ? ['已导出封卷时保存的 PDF（逐字节相同，已校验）。'] : []),
    ...(r.notice ? [r.notice] : []),
    r.check.problems.length
      ? `组卷检查发现 ${r.check.problems.length} 个问题（已照常装订，并写入备考表）：`
      : '组卷检查未发现问题。',
    ...r.check.problems.map((p) => `${p.severity === 'error' ? '【缺漏】' : '【提示】'}${p.message}`),
  ].join('\n');
}

/** 按件归档: the mode and each 件's 档号 (in the JSON of the export commands). */
function pieceJson(v: ReturnType<typeof getVolume>) {
  return {
    archiveMode: v.archiveMode,
    ...(v.archiveMode === 'piece'
      ? { pieces: v.items.map((i) => ({ kind: i.kind, recordId: i.recordId, archivalNo: i.pieceArchivalNo ?? null })) }
      : {}),
  };
}

function pieceHuman(v: ReturnType<typeof getVolume>): string {
  const nos = v.items
    .map((i) => i.pieceArchivalNo)
    .filter((n): n is string => !!n)
    .sort();
  return nos.length ? `档号 ${nos[0]}${nos.length > 1 ? ` 至 ${nos[nos.length - 1]}` : ''}（${nos.length} 件）\n` : '';
}

function pdfOut(values: Values): string {
  const out = need(values, 'out', '输出文件');
  return path.resolve(out.toLowerCase().endsWith('.pdf') ? out : `${out}.pdf`);
}

/** --format pdf|ofd (default pdf). */
function volumeFormat(values: Values): VolumeFormat {
  const f = (str(values, 'format') ?? 'pdf').toLowerCase();
  if (f !== 'pdf' && f !== 'ofd') throw validation('导出格式只能是 pdf 或 ofd');
  return f;
}

/** The output file for the format: “.ofd” for OFD (a “.pdf” given by habit is replaced). */
function volumeOut(values: Values, format: VolumeFormat): string {
  if (format === 'pdf') return pdfOut(values);
  const out = need(values, 'out', '输出文件').replace(/\.pdf$/i, '');
  return path.resolve(out.toLowerCase().endsWith('.ofd') ? out : `${out}.ofd`);
}

export const volumeCommands: Record<string, Command> = {
  async 'export-volume'(ctx, { values }, io) {
    const format = volumeFormat(values);
    const out = volumeOut(values, format);
    if (format === 'ofd' && (values.seal || values.pdfa))
      throw validation('封卷和 PDF/A 只用于 PDF：--format ofd 不能与 --seal 或 --pdfa 同时使用（封卷后可再导出 OFD）');
    const pageLimit = str(values, 'page-limit');
    if (pageLimit && !/^\d+$/.test(pageLimit)) throw validation('每卷页数上限必须是整数');
    const order = str(values, 'order');
    if (order && !['date', 'unit', 'level'].includes(order))
      throw validation('排列顺序只能是 date（日期）、unit（单位）或 level（层级）');
    const retention = str(values, 'retention');
    if (retention && !['Y', 'D30', 'D10'].includes(retention))
      throw validation('保管期限只能是 Y（永久）、D30（定期30年）或 D10（定期10年）');
    const spine = str(values, 'spine');
    if (spine && !SPINE_WIDTHS.map(String).includes(spine))
      throw validation('盒脊厚度（--spine）只能是 20、30、40 或 50');
    const selection = volumeSelection(ctx, values);
    // One transaction around the draft and its export: a failed export (disk full, cancelled) leaves no draft.
    const { v, r } = await inTransaction(ctx, async () => {
      const made = createVolume(ctx, {
        selection,
        ...(values['new-volume'] ? { newVolume: true } : {}),
        ...people(values),
        ...(str(values, 'title') ? { title: str(values, 'title') } : {}),
        ...(order ? { orderBy: order as 'date' | 'unit' | 'level' } : {}),
        ...(pageLimit ? { pageLimit: Number(pageLimit) } : {}),
        ...(retention ? { retention: retention as 'Y' | 'D30' | 'D10' } : {}),
        ...(values.pdfa ? { pdfa: true } : {}),
        ...(values['single-sided'] ? { duplex: false } : {}),
        ...(spine ? { spineWidth: Number(spine) } : {}),
      });
      // a re-opened draft takes the 立卷人/检查人/全宗号 given now
      const v =
        made.reopened && made.status === 'draft' && Object.keys(people(values)).length
          ? { ...updateVolume(ctx, made.id, people(values)), reopened: true }
          : made;
      const r =
        format === 'ofd'
          ? await exportVolumeOfd(ctx, v.id, out)
          : await exportVolume(ctx, v.id, out, {
              seal: !!values.seal,
              confirmWarnings: !!values['confirm-warnings'],
            });
      return { v, r };
    });
    const after = getVolume(ctx, v.id);
    const reopened = v.reopened
      ? after.archiveMode === 'piece'
        ? `所选材料已在档案盒编号 ${v.id}（盒号 ${v.volumeNo}${v.status === 'sealed' ? '，已装盒' : ''}）中，未另编盒号，已重新导出该档案盒；确需另组新盒时请加 --new-volume。`
        : `所选材料已在案卷编号 ${v.id}（档号 ${v.archivalNo}${v.status === 'sealed' ? '，已封卷' : ''}）中，未另编卷号，已重新导出该案卷；确需另组新卷时请加 --new-volume。`
      : null;
    const warned = v.alreadyArchived?.length
      ? `注意：以下 ${v.alreadyArchived.length} 件已在其他案卷中，按 --new-volume 另组了新卷：${describeArchived(v.alreadyArchived, 50)}`
      : null;
    print(
      io,
      !!values.json,
      {
        ...exportJson(r),
        ...pieceJson(after),
        archivalNo: v.archivalNo,
        year: v.year,
        reopened: !!v.reopened,
        alreadyArchived: v.alreadyArchived ?? [],
      },
      () =>
        [
          reopened,
          warned,
          after.archiveMode === 'piece'
            ? `档案盒编号 ${v.id}：${v.title}（按件归档，盒号 ${v.volumeNo}）\n${pieceHuman(after)}${exportHuman(r, 'piece')}`
            : `案卷编号 ${v.id}：${v.title}（档号 ${v.archivalNo}）\n${exportHuman(r)}`,
        ]
          .filter(Boolean)
          .join('\n'),
    );
  },

  async 'volumes list'(ctx, { values }, io) {
    const rows = listVolumes(ctx);
    print(
      io,
      !!values.json,
      rows,
      () =>
        rows
          .map(
            (v) =>
              `${v.id}\t${v.archivalNo}\t${v.status === 'sealed' ? `已封卷 ${v.sealedAt?.slice(0, 10)}${v.outOfDate ? '（已过期）' : ''}` : '草稿'}\t${v.items} 件\t${v.title}`,
          )
          .join('\n') || '（没有案卷）',
    );
  },

  async 'volumes check'(ctx, { values, rest }, io) {
    const c = await checkVolume(ctx, volumeId(rest));
    const head = c.sealed
      ? c.sealed.intact
        ? ['已封卷：封卷时的 PDF 和装订的全部文件、记录均未改动。']
        : ['已封卷：封卷后有以下改动（请从备份恢复，或办理补充卷/新版）：']
      : [];
    print(io, !!values.json, checkJson(c), () =>
      [
        ...head,
        ...(c.problems.length
          ? c.problems.map((p) => `${p.severity === 'error' ? '【缺漏】' : '【提示】'}${p.message}`)
          : c.sealed
            ? []
            : ['组卷检查未发现问题。']),
      ].join('\n'),
    );
    if (c.sealed && !c.sealed.intact) throw new SilentExit(1);
  },

  async 'volumes export'(ctx, { values, rest }, io) {
    const id = volumeId(rest);
    const format = volumeFormat(values);
    const r =
      format === 'ofd'
        ? await exportVolumeOfd(ctx, id, volumeOut(values, format))
        : await exportVolume(ctx, id, pdfOut(values));
    const v = getVolume(ctx, id);
    print(io, !!values.json, { ...exportJson(r), ...pieceJson(v) }, () => exportHuman(r, v.archiveMode));
    if (r.matchesSeal === false) throw new SilentExit(1);
  },

  async 'volumes seal'(ctx, { values, rest }, io) {
    const id = volumeId(rest);
    if (getVolume(ctx, id).status === 'draft' && Object.keys(people(values)).length)
      updateVolume(ctx, id, people(values));
    const v = getVolume(ctx, id);
    const out = str(values, 'out')
      ? pdfOut(values)
      : path.join(ctx.dataDir, '案卷', safeFileName(`${volumeArchivalNo(v, v.volumeNo)}.pdf`));
    const r = await sealVolume(ctx, id, out, { confirmWarnings: !!values['confirm-warnings'] });
    const w = MODE_WORDS[v.archiveMode];
    print(
      io,
      !!values.json,
      { ...exportJson(r), ...pieceJson(getVolume(ctx, id)) },
      () =>
        `${v.status === 'sealed' ? `已重新导出已${w.finalise}的${w.container}` : `已${w.finalise}`}：${v.title}\n${exportHuman(r, v.archiveMode)}`,
    );
    if (r.matchesSeal === false) throw new SilentExit(1);
  },

  async 'volumes spine'(ctx, { values, rest }, io) {
    const id = volumeId(rest);
    const r = await exportSpine(ctx, id, pdfOut(values));
    print(io, !!values.json, r, () => `已生成卷脊：${r.file}（${r.strips} 条，A4 打印后沿边框裁下）`);
  },
};
