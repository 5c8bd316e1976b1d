import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../core/audit/service';
import { storeScan } from '../../core/attachments/service';
import { createHazardThrough, updateHazard } from '../../core/hazards/editing';
import { getHazard } from '../../core/hazards/service';
import { reportAttachment } from '../helpers/hazard';
import { updatePledge } from '../../core/pledges/editing';
import { getPledge } from '../../core/pledges/service';
import { sendBackReturn } from '../../core/returns/editing';
import { registerReturn } from '../../core/returns/service';
import { dispatch } from '../../core/ipc/dispatch';
import {
  createEdition,
  createSupplement,
  createVolume,
  exportVolume,
  getVolume,
  listVolumes,
  sealVolume,
  updateVolume,
  volumeHistory,
  volumeStatus,
  type ExportProgress,
} from '../../core/volumes';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { pdfPageCount } from '../helpers/pdf';
import { addPledges, baseData, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
beforeEach(() => {
  ctx = makeCtx();
  b = baseData(ctx);
});
afterEach(() => ctx.close());

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/**
 * A closed 重大 hazard. With evidence: its 验收 photo attached as the closure document. Without: a record closed
 * before the closure rules asked for one (kept from an older version) — the closure rules refuse to close a 重大
 * hazard without it, so it is closed with a report that is then taken off in the database, as such a record is.
 */
async function closedHazard(i: number, evidence: boolean) {
  const photo = evidence ? await storeScan(ctx, scan('mingbaishu-scan.jpg')) : reportAttachment(ctx);
  const h = createHazardThrough(ctx, {
    enterpriseName: `禹州市钧瓷有限公司${i}`,
    townshipUnitId: b.shenhou.id,
    industry: '工贸',
    description: '窑炉燃气管道未设置泄漏报警装置',
    foundDate: '2024-03-05',
    level: '重大',
    responsiblePerson: '张三',
    measures: '加装可燃气体报警器',
    fundsFen: 120000,
    deadlineDate: '2024-04-30',
    emergencyPlan: '已制定',
    status: '已验收销号',
    completedDate: '2024-04-10',
    acceptedBy: '李验收',
    acceptedDate: '2024-04-12',
    attachments: [{ attachmentId: photo.id, role: 'report' }],
  });
  if (evidence) return h;
  ctx.sqlite.prepare('delete from hazard_attachments where hazard_id = ?').run(h.id);
  return getHazard(ctx, h.id);
}

describe('sealing', () => {
  it('seals: the same SHA-256 on every export after, the 明白书 become 已归档, audited, with export history', async () => {
    const ps = await addPledges(ctx, b, 3, {
      scans: [[scan('mingbaishu-scan.jpg')], [scan('zicha-baogao-3pages.pdf')], [scan('mingbaishu-scan-cmyk.jpg')]],
    });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id }, checker: '王检查' });
    const draft = await exportVolume(ctx, v.id, path.join(ctx.tmp, '草稿.pdf'));
    expect(draft.sealed).toBe(false);
    expect(getPledge(ctx, ps[0]!.id).status).toBe('已签订');

    const first = await sealVolume(ctx, v.id, path.join(ctx.tmp, '封卷.pdf'), { confirmWarnings: true });
    expect(first.sealed).toBe(true);
    expect(first.sha256).toBe(sha(first.file));
    const sealed = getVolume(ctx, v.id);
    expect(sealed).toMatchObject({
      status: 'sealed',
      sha256: first.sha256,
      sealedBy: '测试员',
      outOfDate: false,
      compiledDate: '2024-06-01',
    });
    expect(sealed.parts).toEqual([
      {
        volumeNo: 1,
        pages: first.pages,
        itemPages: first.volumes[0]!.itemPages,
        items: 3,
        sha256: first.sha256,
        attachmentId: expect.any(Number),
      },
    ]);
    for (const p of ps) {
      const after = getPledge(ctx, p.id);
      expect(after.status).toBe('已归档');
      expect(after.version).toBe(p.version); // archiving is not an edit
    }
    expect(() => updatePledge(ctx, ps[0]!.id, { notes: '改' })).toThrow(/已归档/);

    // exported again (later, by someone else): byte for byte the sealed PDF
    const later = { ...ctx, now: () => new Date('2025-02-03T04:05:06Z'), actor: '别人' };
    const again = await exportVolume(later, v.id, path.join(ctx.tmp, '再次导出.pdf'));
    expect(again.sha256).toBe(first.sha256);
    expect(again.matchesSeal).toBe(true);
    expect(fs.readFileSync(again.file).equals(fs.readFileSync(first.file))).toBe(true);
    const twice = await sealVolume(later, v.id, path.join(ctx.tmp, '再次封卷.pdf'));
    expect(twice.sha256).toBe(first.sha256);
    expect(getVolume(ctx, v.id).sealedAt).toBe(sealed.sealedAt);

    const audit = listAudit(ctx, { entity: 'volume', entityId: v.id }).rows.filter((a) => a.action === 'seal');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({
      sha256: first.sha256,
      items: ps.map((p) => ({ kind: 'pledge', recordId: p.id, version: p.version })),
    });
    expect(volumeHistory(ctx, v.id).map((h) => [h.kind, h.matchesSeal])).toEqual([
      ['reexport', true],
      ['reexport', true],
      ['seal', null],
      ['draft', null],
    ]);
    expect(() => updateVolume(ctx, v.id, { title: '改题名' })).toThrow(/已封卷/);
  });

  it('shows a sealed volume out of date when a record changes, and issues a 补充卷 or a new edition', async () => {
    const h1 = await closedHazard(1, true);
    const h2 = await closedHazard(2, true);
    const v = createVolume(ctx, {
      selection: { kinds: ['closure'] },
      title: '2024年重大隐患闭环材料',
      checker: '王检查',
    });
    expect(v.items.map((i) => i.recordId)).toEqual([h1.id, h2.id]);
    const sealed = await sealVolume(ctx, v.id, path.join(ctx.tmp, '闭环.pdf'), { confirmWarnings: true });
    expect(volumeStatus(ctx, v.id).outOfDate).toBe(false);

    updateHazard(ctx, h2.id, { notes: '复查发现报警器已损坏，已更换' });
    const h3 = await closedHazard(3, false);
    const st = volumeStatus(ctx, v.id);
    expect(st.outOfDate).toBe(true);
    expect(st.changed).toEqual([
      expect.objectContaining({
        position: 1,
        reason: '封卷时为第 3 版，现为第 4 版' /* created, then 已整改, then 已验收销号 */,
      }),
    ]);
    expect(st.added.map((a) => a.recordId)).toEqual([h3.id]);
    const view = getVolume(ctx, v.id);
    expect(view.outOfDate).toBe(true);
    expect(view.items.map((i) => i.state)).toEqual(['ok', 'changed']);
    expect(listVolumes(ctx).find((x) => x.id === v.id)!.outOfDate).toBe(true);

    // the sealed volume still prints as sealed (from its snapshot)
    const again = await exportVolume(ctx, v.id, path.join(ctx.tmp, '闭环-再次.pdf'));
    expect(again.matchesSeal).toBe(true);
    expect(again.sha256).toBe(sealed.sha256);

    const sup = createSupplement(ctx, v.id);
    expect(sup).toMatchObject({
      relation: 'supplement',
      basedOnId: v.id,
      title: '2024年重大隐患闭环材料（补充）',
      volumeNo: 2,
      status: 'draft',
    });
    expect(sup.items.map((i) => i.recordId)).toEqual([h2.id, h3.id]);
    const supOut = await exportVolume(ctx, sup.id, path.join(ctx.tmp, '补充.pdf'));
    // h3 is a 重大 hazard closed without evidence: reported
    expect(supOut.check.problems.map((p) => p.code)).toContain('hazard-no-evidence');

    const ed = createEdition(ctx, v.id);
    expect(ed).toMatchObject({ relation: 'edition', edition: 2, volumeNo: 1, title: v.title });
    expect(ed.items.map((i) => i.recordId)).toEqual([h1.id, h2.id, h3.id]);
    const edOut = await exportVolume(ctx, ed.id, path.join(ctx.tmp, '新版.pdf'));
    expect(edOut.check.problems.some((p) => p.code === 'volume-no')).toBe(false); // editions share their 卷号
    expect(() => createEdition(ctx, v.id)).toThrow(/已有新版/);
  });

  it('marks a volume out of date when a bound return is sent back', async () => {
    const r = registerReturn(ctx, {
      noticeId: b.campaign.id,
      unitId: b.shenhou.id,
      kind: 'report',
      receivedDate: '2024-01-20',
      title: '专题报告',
    });
    const v = createVolume(ctx, { selection: { kinds: ['return'], noticeId: b.campaign.id }, checker: '王检查' });
    expect(v.items.map((i) => i.recordId)).toEqual([r.id]);
    await sealVolume(ctx, v.id, path.join(ctx.tmp, 'r.pdf'), { confirmWarnings: true });
    sendBackReturn(ctx, r.id, '未加盖公章');
    expect(volumeStatus(ctx, v.id).changed[0]?.reason).toContain('退回修改');
  });

  it('refuses to seal when a record changed while the PDF was being made', async () => {
    const h = await closedHazard(1, true);
    const v = createVolume(ctx, { selection: { kinds: ['closure'] }, checker: '王检查' });
    let edited = false;
    await expect(
      sealVolume(ctx, v.id, path.join(ctx.tmp, 'x.pdf'), {
        confirmWarnings: true,
        onProgress: (p) => {
          if (p.phase === 'render' && !edited) {
            edited = true;
            updateHazard(ctx, h.id, { notes: '导出时修改' });
          }
        },
      }),
    ).rejects.toThrow(/封卷过程中被修改/);
    expect(getVolume(ctx, v.id).status).toBe('draft');
    expect(fs.existsSync(path.join(ctx.tmp, 'x.pdf'))).toBe(false);
  });
});

describe('export runs', () => {
  it('reports progress and can be cancelled, leaving no file behind', async () => {
    await addPledges(ctx, b, 12);
    const v = createVolume(ctx, { selection: { kinds: ['pledge'] } });
    const seen: ExportProgress[] = [];
    const done = await exportVolume(ctx, v.id, path.join(ctx.tmp, 'ok.pdf'), { onProgress: (p) => seen.push(p) });
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(['check', 'layout', 'render']));
    expect(seen.filter((p) => p.phase === 'render').every((p) => p.total === done.pages && p.done <= p.total)).toBe(
      true,
    );

    const dir = path.join(ctx.tmp, 'cancel');
    fs.mkdirSync(dir);
    const ac = new AbortController();
    await expect(
      exportVolume(ctx, v.id, path.join(dir, 'cancelled.pdf'), {
        signal: ac.signal,
        onProgress: (p) => {
          if (p.phase === 'render') ac.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(volumeHistory(ctx, v.id)).toHaveLength(1);
  });

  it('exports through the IPC channels with the save dialog', async () => {
    await addPledges(ctx, b, 2);
    const created = await dispatch(ctx, 'volumes:create', {
      selection: { kinds: ['pledge'], noticeId: b.notice.id },
      retention: 'Y',
      title: '明白书（永久）',
      checker: '王检查',
    });
    expect(created.ok).toBe(true);
    const id = (created as { data: { id: number; archivalNo: string } }).data.id;
    expect((created as { data: { archivalNo: string } }).data.archivalNo).toBe('A012-WS·2024-Y-0001');
    const bad = await dispatch(ctx, 'volumes:update', { id, patch: { retention: 'D5' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const reordered = await dispatch(ctx, 'volumes:update', {
      id,
      patch: {
        items: getVolume(ctx, id)
          .items.reverse()
          .map((i) => ({ kind: i.kind, recordId: i.recordId })),
      },
    });
    expect(reordered.ok).toBe(true);
    expect(getVolume(ctx, id).orderBy).toBe('manual');
    ctx.ports.savePath = path.join(ctx.tmp, '界面导出');
    const exported = await dispatch(ctx, 'volumes:seal', { id, confirmWarnings: true });
    expect(exported.ok).toBe(true);
    const file = (exported as { data: { file: string } }).data.file;
    expect(file).toBe(path.join(ctx.tmp, '界面导出.pdf'));
    expect(ctx.ports.opened).toEqual([file]);
    expect(pdfPageCount(file)).toBeGreaterThan(4);
    const list = await dispatch(ctx, 'volumes:list', {});
    expect((list as { data: { status: string }[] }).data.map((x) => x.status)).toEqual(['sealed']);
    const hist = await dispatch(ctx, 'volumes:history', { id });
    expect((hist as { data: { kind: string }[] }).data.map((x) => x.kind)).toEqual(['seal']);
    ctx.ports.savePath = null;
    expect(await dispatch(ctx, 'volumes:export', { id })).toEqual({ ok: true, data: null });
  });
});
