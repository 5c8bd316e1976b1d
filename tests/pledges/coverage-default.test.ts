/** 签订覆盖情况 opens on the newest notice that asks for 明白书 — chosen by the service, not the page (issue #16). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { createNotice, setRequirements } from '../../core/notices/service';
import { defaultCoverageNotice } from '../../core/pledges/coverage';
import { createUnit } from '../../core/units/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

describe('defaultCoverageNotice', () => {
  it('is null without notices, the newest notice when none asks for 明白书, else the newest that asks', async () => {
    expect(defaultCoverageNotice(ctx)).toBeNull();
    const fang = createUnit(ctx, { name: '方山镇', kind: '乡镇' }).id;
    const talk2023 = createNotice(ctx, { docNo: '禹安〔2023〕1号', title: '对话谈心', issuedOn: '2023-01-10' }).id;
    const review = createNotice(ctx, { docNo: '禹安办〔2024〕1号', title: '“回头看”', issuedOn: '2024-01-08' }).id;
    // no notice asks for 明白书 yet: the newest
    expect(defaultCoverageNotice(ctx)).toBe(review);
    setRequirements(ctx, talk2023, 'pledge', [{ unitId: fang, expectedCount: 3, deadline: null }]);
    // the newer notice asks for a report only: still the 2023 one
    setRequirements(ctx, review, 'report', [{ unitId: fang, expectedCount: 1 }]);
    expect(defaultCoverageNotice(ctx)).toBe(talk2023);
    const talk2024 = createNotice(ctx, { docNo: '禹安〔2024〕3号', title: '对话谈心', issuedOn: '2024-03-01' }).id;
    setRequirements(ctx, talk2024, 'pledge', [{ unitId: fang, expectedCount: 2, deadline: null }]);
    expect(defaultCoverageNotice(ctx)).toBe(talk2024);
    // the page asks through IPC
    expect(await dispatch(ctx, 'pledges:coverageDefault', {})).toEqual({ ok: true, data: { noticeId: talk2024 } });
  });
});
