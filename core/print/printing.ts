import path from 'node:path';
import type { AppContext } from '../platform/context';
import { writeFileAtomic } from '../files/atomicWrite';
import { pledgeFormWarnings, renderPledgeForm, type PledgeFormData } from '../pledges/printForm';
import { getNotice } from '../notices/service';
import { getPledge } from '../pledges/service';
import { getSettings } from '../settings/service';
import { saveAndOpen } from '../files/saveAs';

/** Builds the pre-filled 明白书 form of a register entry. */
export async function pledgeFormPdf(ctx: AppContext, id: number): Promise<Buffer> {
  return renderPledgeForm(pledgeFormData(ctx, id));
}

/** What no font can print on the form of a register entry (Chinese warnings; empty when all prints). */
export function pledgeFormProblems(ctx: AppContext, id: number): string[] {
  return pledgeFormWarnings(pledgeFormData(ctx, id));
}

function pledgeFormData(ctx: AppContext, id: number): PledgeFormData {
  const p = getPledge(ctx, id);
  const s = getSettings(ctx);
  const when =
    p.talkDate ?? (p.noticeId ? getNotice(ctx, p.noticeId).issuedOn : null) ?? ctx.now().toISOString().slice(0, 10);
  const [year, month] = when.split('-').map(Number) as [number, number];
  return {
    talkerName: p.talkerName,
    talkerTitle: p.talkerTitle,
    talkeeName: p.talkeeName,
    talkeeUnit: p.talkeeUnitName,
    talkeeTitle: p.talkeeTitle,
    committeeName: s.committeeName,
    year,
    month,
  };
}

export async function printPledgeToFile(ctx: AppContext, id: number, outFile: string): Promise<string> {
  const pdf = await pledgeFormPdf(ctx, id);
  const abs = path.resolve(outFile);
  writeFileAtomic(abs, pdf);
  return abs;
}

/**
 * Asks where to save the form, writes it and opens it in the system viewer for printing; `warnings` names the
 * characters no font has (printed as 〓).
 */
export async function printPledgeInteractive(
  ctx: AppContext,
  id: number,
): Promise<{ file: string; warnings: string[] } | null> {
  const p = getPledge(ctx, id);
  const saved = await saveAndOpen(
    ctx,
    { title: '保存明白书（打印用）', defaultName: `安全生产责任明白书_${p.talkeeName}.pdf`, kind: 'pdf' },
    () => pledgeFormPdf(ctx, id),
  );
  return saved && { file: saved.file, warnings: pledgeFormProblems(ctx, id) };
}
