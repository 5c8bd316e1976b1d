import { describe, expect, it } from 'vitest';
import type { HazardFields } from '../../core/domain/hazard';
import { parseReturn } from '../../core/imports/parse/parse';
import type { ParsedReturn, ParsedReturnOf } from '../../core/imports/parse/types';
import { appError, fixture, manifest } from './helpers';

const entries = Object.entries(manifest());

function hazards(p: ParsedReturn): ParsedReturnOf<'hazard'> {
  if (p.kind !== 'hazard') throw new Error(`expected a hazard ledger, got ${p.kind}`);
  return p;
}

function row(p: ParsedReturnOf<'hazard'>, rowNumber: number) {
  const r = p.rows.find((x) => x.rowNumber === rowNumber);
  if (!r) throw new Error(`no data row ${rowNumber}`);
  return r;
}

describe('every fixture parses to the counts in manifest.json', () => {
  it.each(entries.filter(([, e]) => e.kind !== 'corrupt' && e.kind !== 'refused'))('%s', async (name, e) => {
    const p = await parseReturn(fixture(name));
    expect(p.kind).toBe(e.kind);
    expect(p.rows.length).toBe(e.rows);
    expect(p.summary.rows).toBe(e.rows);
    expect(p.summary.errorRows).toBe(0);
    if (e.format) expect(p.format).toBe(e.format);
    if (e.major !== undefined) expect(p.summary.major).toBe(e.major);
    if (e.done !== undefined) expect(p.summary.done).toBe(e.done);
    if (e.signed !== undefined) expect(p.summary.signed).toBe(e.signed);
    if (e.overLimitRows !== undefined) expect(p.summary.overLimitRows).toEqual(e.overLimitRows);
    // Counting from the typed values too, not only the summary.
    if (p.kind === 'hazard' && e.major !== undefined) {
      expect(p.rows.filter((r) => r.values.level === '重大').length).toBe(e.major);
      expect(p.rows.filter((r) => ['已整改', '已验收销号'].includes(r.values.status)).length).toBe(e.done);
    }
    if (p.kind === 'pledge') expect(p.rows.filter((r) => r.values.signed === true).length).toBe(e.signed);
  });

  it.each(entries.filter(([, e]) => e.kind === 'refused'))(
    '%s is refused as no known return, in Chinese, naming the file',
    async (name) => {
      const err = await appError(() => parseReturn(fixture(name)));
      expect(err.code).toBe('FILE_INVALID');
      expect(err.message).toContain(`“${name}”`);
      expect(err.message).toContain('无法判断');
    },
  );

  it.each(entries.filter(([, e]) => e.kind === 'corrupt'))(
    '%s fails with a Chinese FILE_INVALID naming the file',
    async (name) => {
      const err = await appError(() => parseReturn(fixture(name)));
      expect(err.code).toBe('FILE_INVALID');
      expect(err.message).toContain(`“${name}”`);
      expect(err.message).toContain('已损坏或不完整');
      expect(err.message).toContain('另存为');
    },
  );
});

describe('.xls and its .xlsx', () => {
  it.each(entries.filter(([, e]) => e.same_as))('%s gives the same rows as its .xlsx', async (name, e) => {
    const xls = await parseReturn(fixture(name));
    const xlsx = await parseReturn(fixture(e.same_as!));
    expect(xls.format).toBe('xls');
    expect(xlsx.format).toBe('xlsx');
    expect(xls.rows.map((r) => [r.rowNumber, r.values, r.raw])).toEqual(
      xlsx.rows.map((r) => [r.rowNumber, r.values, r.raw]),
    );
    expect(xls.columns.map((c) => c.field)).toEqual(xlsx.columns.map((c) => c.field));
    expect(xls.fingerprint).toBe(xlsx.fingerprint);
    expect(xls.meta).toEqual(xlsx.meta);
  });
});

describe('神垕镇 (merged title, two-row header, merged enterprises, mixed dates, footer)', () => {
  const load = async () => hazards(await parseReturn(fixture('神垕镇_重大事故隐患排查整治台账.xlsx')));

  it('skips the instruction sheet and reads the title and 填报 line', async () => {
    const p = await load();
    expect(p.sheet).toBe('Sheet1');
    expect(p.sheets.find((s) => s.name === '填表说明')).toMatchObject({ chosen: false, reason: '填表说明' });
    expect(p.title).toBe('神垕镇重大事故隐患专项排查整治台账');
    expect(p.meta).toMatchObject({
      unitName: '神垕镇人民政府',
      township: '神垕镇',
      reportDate: '2024-03-28',
      year: 2024,
    });
  });

  it('joins the two-row header under “五落实” and maps every column', async () => {
    const p = await load();
    expect(p.header.rows).toEqual([3, 4]);
    expect(p.header.texts[8]).toBe('“五落实”情况/整改资金（万元）');
    expect(p.columns.map((c) => c.field)).toEqual([
      'hazardNo',
      'enterpriseName',
      'industry',
      'description',
      'level',
      'foundDate',
      'responsiblePerson',
      'measures',
      'fundsFen',
      'deadlineDate',
      'emergencyPlan',
      'status',
      'completedDate',
      'notes',
    ]);
    expect(p.columns[8]!.unit).toBe('万元');
  });

  it('puts a merged-down enterprise on every row of the merge', async () => {
    const p = await load();
    for (const n of [5, 6, 7]) expect(row(p, n).values.enterpriseName).toBe('神垕镇中心加油站');
    for (const n of [8, 9, 10]) expect(row(p, n).values.enterpriseName).toBe('禹州市鑫源化工有限公司');
    expect(row(p, 45).values.enterpriseName).toBe('神垕镇商贸城');
    expect(p.rows.every((r) => r.values.townshipName === '神垕镇')).toBe(true);
  });

  it('flattens rich text', async () => {
    const p = await load();
    expect(row(p, 14).values.description).toBe('危险化学品仓库未设置防爆电气，储存超量');
    expect(row(p, 19).values.description).toBe('有限空间作业未执行先通风、再检测、后作业');
  });

  it('parses dates written as 2024.1.5, as an Excel date and as 2024年1月20日', async () => {
    const p = await load();
    expect(row(p, 5).values.foundDate).toBe('2024-01-05'); // "2024.1.5"
    expect(row(p, 7).values.foundDate).toBe('2024-02-27'); // Excel date
    expect(row(p, 8).values.foundDate).toBe('2024-01-20'); // "2024年1月20日"
    expect(row(p, 5).values.completedDate).toBe('2024-02-08'); // "2024年2月8日"
    expect(row(p, 6).values.completedDate).toBe('2024-02-27'); // "2024.2.27"
    expect(row(p, 9).values.deadlineDate).toBe('2024-03-09'); // Excel date
  });

  it('keeps 立即整改 as the deadline text with a warning', async () => {
    const p = await load();
    const r = row(p, 5);
    expect(r.values.deadlineDate).toBeNull();
    expect(r.values.deadlineText).toBe('立即整改');
    expect(r.importable).toBe(true);
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        column: 'J',
        severity: 'warning',
        value: '立即整改',
        message: expect.stringContaining('第5行 J列 “立即整改”'),
      }),
    );
    expect(p.rows.filter((x) => x.values.deadlineText === '立即整改').map((x) => x.rowNumber)).toEqual([5, 8, 22, 31]);
  });

  it('reads funds in 万元 exactly into 分', async () => {
    const p = await load();
    expect(row(p, 5).values.fundsFen).toBe(4_970_000);
    expect(row(p, 8).values.fundsFen).toBe(430_000);
    expect(row(p, 6).values.fundsFen).toBeNull();
  });

  it('maps the status words and does not count the footer', async () => {
    const p = await load();
    expect(row(p, 5).values.status).toBe('已整改');
    expect(row(p, 8).values.status).toBe('整改中');
    expect(row(p, 10).values.status).toBe('整改中'); // 正在整改
    expect(p.rows[p.rows.length - 1]!.rowNumber).toBe(46);
    expect(p.skipped).toEqual([{ rowNumber: 48, reason: '表尾', text: expect.stringContaining('填报人：吴德胜') }]);
    expect(p.summary.blankRows).toBe(1);
  });
});

describe('火龙镇 (header on row 4, 3月5日 dates, full-width digits, hidden sheet)', () => {
  const load = async () => hazards(await parseReturn(fixture('火龙镇_隐患排查治理台账_一季度.xlsx')));

  it('skips the hidden first sheet and finds the header on row 4', async () => {
    const p = await load();
    expect(p.sheets[0]).toMatchObject({ name: '说明', hidden: true, chosen: false });
    expect(p.sheet).toBe('火龙镇隐患台账');
    expect(p.header.rows).toEqual([4]);
    expect(p.meta).toMatchObject({
      township: '火龙镇',
      townshipSource: 'title',
      year: 2024,
      yearSource: 'title',
      period: '2024-Q1',
    });
  });

  it('maps the other column names, 隐患类别 by its content', async () => {
    const p = await load();
    const byHeader = Object.fromEntries(p.columns.map((c) => [c.header, c.field]));
    expect(byHeader).toMatchObject({
      编号: 'hazardNo',
      '所属村（社区）': 'village',
      检查对象: 'enterpriseName',
      存在问题: 'description',
      隐患类别: 'level',
      检查日期: 'foundDate',
      整改要求: 'measures',
      整改期限: 'deadlineDate',
      完成情况: 'status',
    });
    expect(p.columns[4]!.confidence).toBe('content');
  });

  it('takes the year of 3月5日-style dates from the subtitle, with a warning', async () => {
    const p = await load();
    const r = row(p, 5);
    expect(r.values.foundDate).toBe('2024-01-27');
    expect(r.problems).toContainEqual(
      expect.objectContaining({ column: 'F', severity: 'warning', message: expect.stringContaining('年份取自表头') }),
    );
    expect(row(p, 6).values.foundDate).toBe('2024-03-09');
  });

  it('reads full-width digits in dates', async () => {
    const p = await load();
    expect(row(p, 5).values.deadlineDate).toBe('2024-02-27'); // ２０２４年2月27日
    expect(row(p, 37).values.deadlineDate).toBe('2024-02-10');
  });

  it('reads 重大事故隐患, 已完成/未完成, trims descriptions, skips blank rows and the note', async () => {
    const p = await load();
    expect(row(p, 9).values.level).toBe('重大');
    expect(row(p, 5).values.level).toBe('一般');
    expect(row(p, 7).values.status).toBe('已整改');
    expect(row(p, 5).values.status).toBe('未整改');
    expect(row(p, 5).values.description).toBe('景区游乐设施未按规定维护保养，无应急救援预案');
    expect(p.rows.map((r) => r.rowNumber)).not.toContain(13);
    expect(p.summary.blankRows).toBe(4);
    expect(p.skipped).toEqual([
      { rowNumber: 39, reason: '表尾', text: '注：本表一式两份，一份报市安委办，一份留存。' },
    ]);
    expect(p.rows.every((r) => r.values.townshipName === '火龙镇')).toBe(true);
  });
});

describe('古城镇 GBK CSV', () => {
  it('decodes GBK into correct Chinese, with no replacement characters', async () => {
    const p = hazards(await parseReturn(fixture('古城镇_隐患台账_GBK.csv')));
    expect(p.format).toBe('csv');
    expect(p.encoding).toBe('gb18030');
    expect(JSON.stringify(p)).not.toContain('\ufffd');
    expect(p.header.texts).toEqual(['序号', '单位名称', '隐患描述', '隐患等级', '排查时间', '整改状态']);
    const first = p.rows[0]!.values;
    expect(first).toMatchObject<Partial<HazardFields>>({
      hazardNo: '1',
      enterpriseName: '禹州市古城建材有限公司',
      description: '车间内使用聚氨酯夹芯彩钢板搭建临时库房',
      level: '一般',
      foundDate: '2024-02-04',
      status: '已整改',
      townshipName: '古城镇',
    });
    expect(p.rows[1]!.values.description).toBe('建筑工地脚手架连墙件缺失；临边防护不到位');
    expect(p.rows[11]!.values).toMatchObject({
      enterpriseName: '古城镇商贸城',
      level: '重大',
      foundDate: '2024-02-15',
    });
    expect(p.summary).toMatchObject({ major: 3, done: 6 });
    expect(p.meta).toMatchObject({ township: '古城镇', townshipSource: 'fileName' });
  });
});

describe('住建局 明白书 summary', () => {
  it('fills the merged 谈话人 and 职务 down and reads the three date styles', async () => {
    const p = await parseReturn(fixture('住建局_明白书签订情况汇总表.xlsx'));
    if (p.kind !== 'pledge') throw new Error('expected pledge');
    expect(p.meta.unitName).toBe('禹州市住房和城乡建设局');
    expect(p.rows[1]!.values).toMatchObject({
      talkerName: '黄秀英',
      talkerTitle: '局长',
      talkeeName: '孙文斌',
      signed: true,
    });
    expect(p.rows[9]!.values).toMatchObject({
      talkerName: '陈玉兰',
      talkerTitle: '党组书记',
      talkeeUnitName: '顺店镇卫生院',
    });
    expect(p.rows[0]!.values.talkDate).toBe('2023-01-19'); // Excel date
    expect(p.rows[2]!.values.talkDate).toBe('2023-01-25'); // 2023.1.25
    expect(p.rows[3]!.values.talkDate).toBe('2023-01-07'); // 2023年1月7日
    expect(p.rows[5]!.values.signed).toBe(false);
  });
});

describe('交通运输局 工作清单', () => {
  it('flags the 工作进展情况 over the header’s 300-character limit', async () => {
    const p = await parseReturn(fixture('交通运输局_回头看工作清单.xlsx'));
    if (p.kind !== 'worklist') throw new Error('expected worklist');
    expect(p.columns[2]).toMatchObject({ field: 'progress', lengthLimit: 300 });
    const over = p.rows[1]!;
    expect(over.values.overLimit).toBe(true);
    expect(over.values.progressLength).toBeGreaterThan(300);
    expect(over.problems[0]!.message).toMatch(/^第4行 C列 .*超过300字/);
    expect(p.rows[0]!.values).toMatchObject({
      measure: '召开党组会专题学习重要批示精神',
      responsibleDept: '办公室',
      unitName: '禹州市交通运输局',
    });
  });
});
