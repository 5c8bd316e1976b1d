import { describe, expect, it } from 'vitest';
import { mappableFields } from '../../core/imports/parse/fields';
import { detectKind, headerKey, matchHeader } from '../../core/imports/parse/headers';
import type { Cell, Workbook } from '../../core/imports/parse/grid';
import { townshipAtStart, townshipFromName, unitFromTitle } from '../../core/imports/parse/names';
import { headerFingerprint, parseWorkbook } from '../../core/imports/parse/parse';
import { readReturnBuffer } from '../../core/imports/parse/readers';
import type { ParsedReturn, ParsedReturnOf } from '../../core/imports/parse/types';
import { appError, xlsxBuffer } from './helpers';

function hazards(p: ParsedReturn): ParsedReturnOf<'hazard'> {
  if (p.kind !== 'hazard') throw new Error(`expected hazard, got ${p.kind}`);
  return p;
}

/** A workbook from plain rows, for layouts the fixtures lack. */
function grid(rows: Cell[][], merges: Workbook['sheets'][number]['merges'] = [], file = '方山镇_台账.xlsx'): Workbook {
  return { file, format: 'xlsx', date1904: false, sheets: [{ name: '台账', hidden: false, rows, merges }] };
}

describe('header texts', () => {
  it('ignores spaces, line breaks, width, quotes, marks and units in parentheses', () => {
    expect(headerKey('整改资金\n（万元）')).toEqual({ key: '整改资金', unit: '万元' });
    expect(headerKey('整改资金(元)')).toEqual({ key: '整改资金', unit: '元' });
    expect(headerKey('整改资金万元')).toMatchObject({ key: '整改资金', unit: '万元' });
    expect(headerKey('工作进展情况（不超过300字）')).toEqual({ key: '工作进展情况', lengthLimit: 300 });
    expect(headerKey('*企业 名称')).toEqual({ key: '企业名称' });
    expect(headerKey('“五落实”情况')).toEqual({ key: '五落实情况' });
    expect(headerKey('乡镇（街道）')).toEqual({ key: '乡镇' });
  });

  it.each([
    [['隐患内容'], 'description'],
    [['检查发现问题'], 'description'],
    [['主要问题'], 'description'],
    [['生产经营单位'], 'enterpriseName'],
    [['隐患单位'], 'enterpriseName'],
    [['所属乡镇'], 'townshipName'],
    [['乡镇（街道）'], 'townshipName'],
    [['行业类别'], 'industry'],
    [['隐患级别'], 'level'],
    [['是否整改'], 'doneFlag'],
    [['隐患状态'], 'status'],
    [['复查结果'], 'reviewResult'],
    [['事故类型'], 'category'],
    [['完成时限'], 'deadlineDate'],
    [['整改资金（万元）'], 'fundsFen'],
    [['检查时间'], 'foundDate'],
    [['排查人'], 'foundBy'],
    [['隐患编号'], 'hazardNo'],
    [['验收时间'], 'acceptedDate'],
    [['销号时间'], 'acceptedDate'],
    [['挂牌督办'], 'supervised'],
    [['五落实', '整改责任', '单位'], 'responsibleUnit'],
    [['五落实', '预案'], 'emergencyPlan'],
    [['隐患描述及部位'], 'description'],
  ] as const)('hazard %j → %s', (parts, field) => {
    expect(matchHeader('hazard', parts)?.field).toBe(field);
  });

  it('lists the fields a column can be mapped to', () => {
    const fields = mappableFields('hazard');
    expect(fields.find((f) => f.field === 'description')).toEqual({
      field: 'description',
      label: '隐患描述',
      required: true,
    });
    expect(fields.map((f) => f.field)).not.toContain('serial');
    expect(
      mappableFields('pledge')
        .filter((f) => f.required)
        .map((f) => f.field),
    ).toEqual(['talkerName', 'talkeeName']);
  });

  it('pledge and worklist headers', () => {
    expect(matchHeader('pledge', ['谈话对象单位'])?.field).toBe('talkeeUnitName');
    expect(matchHeader('pledge', ['签订时间'])?.field).toBe('talkDate');
    expect(matchHeader('pledge', ['是否签订'])?.field).toBe('signed');
    expect(matchHeader('pledge', ['谈话层级'])?.field).toBe('level');
    expect(matchHeader('worklist', ['工作进展情况（不超过300字）'])?.field).toBe('progress');
    expect(matchHeader('worklist', ['完成时限'])?.field).toBe('deadlineDate');
  });

  it('detects the kind from headers and title', () => {
    expect(detectKind([['企业名称'], ['隐患描述'], ['隐患等级']], '')).toBe('hazard');
    expect(detectKind([['谈话人'], ['谈话对象'], ['是否签订']], '')).toBe('pledge');
    expect(detectKind([['单位'], ['贯彻落实措施'], ['工作进展情况']], '回头看工作清单')).toBe('worklist');
    expect(detectKind([['单位'], ['报告名称'], ['报送时间']], '自查报告报送情况')).toBe('report');
    expect(detectKind([['姓名'], ['电话']], '通讯录')).toBeNull();
  });

  it('fingerprints the normalised header, not its spelling', () => {
    const a = headerFingerprint(['序号', '企业名称', '“五落实”情况/整改资金（万元）']);
    expect(headerFingerprint(['序号 ', '企业\n名称', '"五落实"情况/整改资金(万元)', ''])).toBe(a);
    expect(headerFingerprint(['企业名称', '序号', '“五落实”情况/整改资金（万元）'])).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('unit and township names', () => {
  it.each([
    ['禹州市方山镇人民政府', '方山镇'],
    ['方山镇安办', '方山镇'],
    ['方山镇', '方山镇'],
    ['韩城街道办事处', '韩城街道'],
    ['许昌市禹州市浅井镇人民政府', '浅井镇'],
    ['禹州市住房和城乡建设局', null],
    ['禹州市交通运输局', null],
  ])('%s → %s', (name, township) => {
    expect(townshipFromName(name)).toBe(township);
  });

  it('reads a township or a unit from the start of a title', () => {
    expect(townshipAtStart('神垕镇重大事故隐患专项排查整治台账')).toBe('神垕镇');
    expect(townshipAtStart('禹州市住房和城乡建设局安全生产对话谈心')).toBeNull();
    expect(unitFromTitle('禹州市交通运输局贯彻落实习近平总书记重要批示“回头看”工作清单')).toBe('禹州市交通运输局');
    expect(unitFromTitle('安全生产隐患排查治理台账')).toBeNull();
  });
});

describe('cells as written (raw) for the preview only', () => {
  it('keeps raw for the first rawRows rows and for a row with a cell longer than rawIfLonger; the values are the same', () => {
    const rows: Cell[][] = [['企业名称', '隐患描述', '整改状态']];
    for (let i = 1; i <= 6; i++) rows.push([`企业${i}`, i === 5 ? '很长的描述'.repeat(5) : `隐患${i}`, '已整改']);
    const wb = grid(rows, []);
    const all = hazards(parseWorkbook(wb));
    const some = hazards(parseWorkbook(wb, { rawRows: 2, rawIfLonger: 20 }));
    expect(all.rows.map((r) => r.raw.length)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(some.rows.map((r) => r.raw.length)).toEqual([3, 3, 0, 0, 3, 0]);
    expect(some.rows[4]!.raw[1]).toBe('很长的描述'.repeat(5));
    expect(some.rows.map((r) => r.values)).toEqual(all.rows.map((r) => r.values));
  });
});

describe('layouts the fixtures lack', () => {
  it('a three-row header, 合计/小计 rows, a repeated header, blank rows and a footer', () => {
    const H = null;
    const wb = grid(
      [
        ['隐患排查整治台账'],
        ['填报单位：禹州市方山镇人民政府        填报时间：2024年4月2日'],
        ['序号', '企业名称', '隐患描述', '五落实', H, H, H, '整改状态'],
        [H, H, H, '整改责任', H, '整改措施', '整改资金（元）', H],
        [H, H, H, '单位', '责任人', H, H, H],
        [1, '方山镇加油站', '消防设施损坏', '方山镇加油站', '张三', '更换灭火器', 5000, '已整改'],
        [2, H, '疏散通道堆放杂物', '方山镇加油站', '张三', '清理', '1.2万元', '整改中'],
        [H, '小计', H, H, H, H, 125000, H],
        [],
        ['序号', '企业名称', '隐患描述', '五落实', H, H, H, '整改状态'],
        [3, '方山镇砖厂', '粉尘未清扫', '方山镇砖厂', '李四', '清扫', '—', '未整改'],
        ['合 计', H, H, H, H, H, 130000, H],
        [4],
        [],
        ['审核人：', '王五', '填报人：', '赵六', '联系电话：', '0374-1234567'],
        ['说明：本表每月25日前报送'],
      ],
      [
        { top: 0, left: 0, bottom: 0, right: 7 },
        { top: 1, left: 0, bottom: 1, right: 7 },
        { top: 2, left: 0, bottom: 4, right: 0 },
        { top: 2, left: 1, bottom: 4, right: 1 },
        { top: 2, left: 2, bottom: 4, right: 2 },
        { top: 2, left: 3, bottom: 2, right: 6 },
        { top: 3, left: 3, bottom: 3, right: 4 },
        { top: 3, left: 5, bottom: 4, right: 5 },
        { top: 3, left: 6, bottom: 4, right: 6 },
        { top: 2, left: 7, bottom: 4, right: 7 },
        { top: 5, left: 1, bottom: 6, right: 1 },
      ],
    );
    const p = hazards(parseWorkbook(wb));
    expect(p.header.rows).toEqual([3, 4, 5]);
    expect(p.header.texts).toEqual([
      '序号',
      '企业名称',
      '隐患描述',
      '五落实/整改责任/单位',
      '五落实/整改责任/责任人',
      '五落实/整改措施',
      '五落实/整改资金（元）',
      '整改状态',
    ]);
    expect(p.columns.map((c) => c.field)).toEqual([
      'hazardNo',
      'enterpriseName',
      'description',
      'responsibleUnit',
      'responsiblePerson',
      'measures',
      'fundsFen',
      'status',
    ]);
    expect(p.rows.map((r) => r.rowNumber)).toEqual([6, 7, 11]);
    expect(p.rows.map((r) => r.values.enterpriseName)).toEqual(['方山镇加油站', '方山镇加油站', '方山镇砖厂']);
    expect(p.rows.map((r) => r.values.fundsFen)).toEqual([500_000, 1_200_000, null]);
    expect(p.skipped.map((s) => [s.rowNumber, s.reason])).toEqual([
      [8, '合计行'],
      [10, '重复表头'],
      [12, '合计行'],
      [15, '表尾'],
      [16, '表尾'],
    ]);
    expect(p.summary.blankRows).toBe(3); // row 9, the template row with only its 序号 (13), row 14
    expect(p.meta).toMatchObject({
      unitName: '禹州市方山镇人民政府',
      township: '方山镇',
      townshipSource: 'filler',
      reportDate: '2024-04-02',
    });
    expect(p.rows.every((r) => r.values.townshipName === '方山镇')).toBe(true);
  });

  it('a 填报 line split into two merges above the header stays a 填报 line', () => {
    const wb = grid(
      [
        ['浅井镇隐患台账'],
        ['填报单位：浅井镇人民政府', null, null, '填报时间：2024.5.6'],
        ['企业名称', '隐患描述', '隐患等级', '整改状态', '备注'],
        ['浅井镇砖厂', '粉尘未清扫', '一般', '整改中', ''],
      ],
      [
        { top: 0, left: 0, bottom: 0, right: 4 },
        { top: 1, left: 0, bottom: 1, right: 2 },
        { top: 1, left: 3, bottom: 1, right: 4 },
      ],
    );
    const p = hazards(parseWorkbook(wb));
    expect(p.header.rows).toEqual([3]);
    expect(p.header.texts[0]).toBe('企业名称');
    expect(p.meta).toMatchObject({
      unitName: '浅井镇人民政府',
      township: '浅井镇',
      reportDate: '2024-05-06',
      year: 2024,
    });
  });

  it('errors and warnings per row, with Chinese messages naming row and column', () => {
    const wb = grid([
      ['企业名称', '隐患描述', '隐患等级', '排查日期', '整改时限', '整改状态', '整改完成时间', '整改资金', '备注'],
      ['方山镇砖厂', '', '一般', '2024.3.5', '3月底前', '', '2024.3.20', '自筹', ''],
      ['方山镇加油站', '消防设施损坏', '较大', '2024.13.5', '2024.4.1', '见附件', '', 5000, { error: '#N/A' }],
      ['', '无人认领的隐患', '重大', '', '', '完成', '', '', ''],
    ]);
    const p = hazards(parseWorkbook(wb));
    const [r2, r3, r4] = p.rows;
    const messages = (r: typeof r2) => r!.problems.map((x) => `${x.severity}:${x.message}`);
    expect(r2!.importable).toBe(false);
    expect(messages(r2)).toEqual([
      'error:第2行 B列 缺少隐患描述',
      'warning:第2行 E列 “3月底前” 不是日期，按原文保存为时限',
      'warning:第2行 F列 整改状态为空，已填完成时间（2024-03-20），按“已整改”导入',
      'warning:第2行 H列 “自筹” 不是金额，未导入该值',
    ]);
    expect(r2!.values).toMatchObject({ deadlineText: '3月底前', deadlineDate: null, status: '已整改', fundsFen: null });
    expect(r3!.importable).toBe(false);
    expect(messages(r3)).toContain('error:第3行 D列 “2024.13.5” 不是有效日期');
    expect(messages(r3)).toContain(
      'error:第3行 F列 “见附件” 无法识别的整改状态（应为未整改、整改中、已整改或已验收销号）',
    );
    expect(messages(r3)).toContain('warning:第3行 I列 “#N/A” 是错误值，未导入该值');
    expect(messages(r3).some((m) => m.startsWith('warning:第3行 C列 “较大”不是本台账的隐患等级'))).toBe(true);
    expect(r3!.values.level).toBe('一般');
    expect(messages(r4)).toEqual(['error:第4行 A列 缺少隐患单位']);
    expect(p.summary).toMatchObject({ rows: 3, importable: 0, errorRows: 3 });
  });

  it('formulas: a result is used, a missing result or an error in a typed column blocks the row', async () => {
    const buf = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('台账');
      ws.addRow(['企业名称', '隐患描述', '整改资金（万元）', '发现时间']);
      ws.addRow([
        { text: '方山镇加油站', hyperlink: 'https://example.org' },
        '消防设施损坏',
        { formula: '0.6*2', result: 1.2 },
        '2024.3.5',
      ]);
      ws.addRow(['方山镇砖厂', '粉尘未清扫', 1, { formula: 'DATE(2024,13,45)', result: { error: '#VALUE!' } }]);
      ws.addRow(['方山镇学校', '电线私拉乱接', { formula: 'A1*2' }, '']);
    });
    const p = hazards(parseWorkbook(await readReturnBuffer(buf, '方山镇_公式.xlsx')));
    expect(p.rows[0]!.values).toMatchObject({
      enterpriseName: '方山镇加油站',
      fundsFen: 1_200_000,
      foundDate: '2024-03-05',
    });
    expect(p.rows[0]!.importable).toBe(true);
    expect(p.rows[1]!.importable).toBe(false);
    expect(p.rows[1]!.problems[0]!.message).toBe('第3行 D列 “#VALUE!” 是错误值，请改正后再导入');
    expect(p.rows[2]!.problems[0]!.message).toContain('第4行 C列 “=A1*2” 是没有计算结果的公式');
  });

  it('the user’s mapping overrides the synonyms; a missing required column is a file-level issue', () => {
    const wb = grid([
      ['单位', '情况', '问题', '级别'],
      ['方山镇砖厂', '已整改', '粉尘未清扫', '一般'],
    ]);
    const auto = hazards(parseWorkbook(wb, { kind: 'hazard' }));
    expect(auto.columns.map((c) => c.field)).toEqual(['enterpriseName', null, 'description', 'level']);
    const mapped = hazards(parseWorkbook(wb, { kind: 'hazard', mapping: { 1: 'status', 3: null } }));
    expect(mapped.columns.map((c) => [c.field, c.confidence])).toEqual([
      ['enterpriseName', 'synonym'],
      ['status', 'user'],
      ['description', 'synonym'],
      [null, 'user'],
    ]);
    expect(mapped.rows[0]!.values).toMatchObject({ status: '已整改', level: '一般' });
    const missing = hazards(parseWorkbook(wb, { kind: 'hazard', mapping: { 2: null } }));
    expect(missing.issues.map((i) => i.message)).toContain('没有找到“隐患描述”列，请在向导中指定哪一列是隐患描述');
    expect(missing.rows[0]!.importable).toBe(false);
  });

  it('a township column wins over the title, with noise stripped', () => {
    const wb = grid([
      ['乡镇（街道）', '企业名称', '隐患描述'],
      ['禹州市浅井镇人民政府', '浅井镇砖厂', '粉尘未清扫'],
      ['', '方山镇加油站', '消防设施损坏'],
    ]);
    const p = hazards(parseWorkbook(wb));
    expect(p.rows.map((r) => r.values.townshipName)).toEqual(['浅井镇', '方山镇']);
  });

  it('the year option wins over the title; without any year, 3月5日 is an error', () => {
    const rows: Cell[][] = [
      ['2023年隐患台账'],
      ['企业名称', '隐患描述', '排查时间'],
      ['方山镇砖厂', '粉尘未清扫', '3月5日'],
    ];
    expect(hazards(parseWorkbook(grid(rows))).rows[0]!.values.foundDate).toBe('2023-03-05');
    expect(hazards(parseWorkbook(grid(rows), { year: 2024 })).rows[0]!.values.foundDate).toBe('2024-03-05');
    const noYear = hazards(parseWorkbook(grid(rows.slice(1), [], 'x.csv')));
    expect(noYear.rows[0]!.importable).toBe(false);
    expect(noYear.rows[0]!.problems[0]!.message).toContain('请在导入向导中指定年份');
    expect(noYear.issues.map((i) => i.field)).toContain('townshipName');
  });

  it('report details as bare labels and values in separate cells, merged over the header, are no group header', () => {
    const wb = grid(
      [
        ['苌庄镇隐患台账'],
        ['填报单位', '苌庄镇人民政府', null, '填报时间', new Date(Date.UTC(2023, 10, 3)), '联系电话', '13700137000'],
        ['企业名称', '隐患描述', '隐患等级', '整改状态', '排查时间', '备注', null],
        ['苌庄镇面粉厂', '粉尘未清扫', '一般', '整改中', '10月5日', '', null],
      ],
      [{ top: 1, left: 1, bottom: 1, right: 2 }],
    );
    const p = hazards(parseWorkbook(wb));
    expect(p.header.rows).toEqual([3]);
    expect(p.header.texts.slice(0, 2)).toEqual(['企业名称', '隐患描述']);
    expect(p.meta).toMatchObject({
      unitName: '苌庄镇人民政府',
      township: '苌庄镇',
      reportDate: '2023-11-03',
      year: 2023,
    });
    expect(p.rows[0]!.values.foundDate).toBe('2023-10-05');
  });

  it('an unmerged group cell heads the header words below it; a data row below is not taken for a header', () => {
    const wb = grid([
      ['序号', '企业名称', '隐患描述', '“五落实”情况', null, null, '整改情况'],
      [null, null, null, '整改责任人', '整改措施', '整改时限', null],
      [1, '顺店镇钧瓷厂', '窑炉无护栏', '王强', '加装护栏', '2024-05-01', '已整改'],
    ]);
    const p = hazards(parseWorkbook(wb));
    expect(p.header.rows).toEqual([1, 2]);
    expect(p.columns.map((c) => c.field)).toEqual([
      'hazardNo',
      'enterpriseName',
      'description',
      'responsiblePerson',
      'measures',
      'deadlineDate',
      'status',
    ]);
    expect(p.header.texts[4]).toBe('“五落实”情况/整改措施');
    // Without sub-headers, the row under a group cell followed by empty cells is data.
    const flat = hazards(
      parseWorkbook(
        grid([
          ['序号', '企业名称', '隐患描述', '整改措施', null, '整改情况'],
          [1, '顺店镇钧瓷厂', '窑炉无护栏', '加装护栏', null, '已整改'],
        ]),
      ),
    );
    expect(flat.header.rows).toEqual([1]);
    expect(flat.rows).toHaveLength(1);
  });

  it('a 隐患类别 column of accident types is 隐患类别, of industries 行业领域; a 行业 column of accident types too', () => {
    const types = hazards(
      parseWorkbook(
        grid([
          ['企业名称', '隐患描述', '隐患类别'],
          ['方山镇砖厂', '临边无护栏', '高处坠落'],
          ['方山镇砖厂', '电线老化', '触电'],
        ]),
      ),
    );
    expect(types.columns[2]!.field).toBe('category');
    const industries = hazards(
      parseWorkbook(
        grid([
          ['企业名称', '隐患描述', '隐患类型'],
          ['方山镇加油站', '报警器失灵', '燃气'],
          ['方山镇工地', '临边无护栏', '建筑施工'],
        ]),
      ),
    );
    expect(industries.columns[2]!.field).toBe('industry');
    const misnamed = hazards(
      parseWorkbook(
        grid([
          ['企业名称', '隐患描述', '行业'],
          ['方山镇砖厂', '临边无护栏', '高处坠落'],
          ['方山镇砖厂', '墙体开裂', '坍塌'],
        ]),
      ),
    );
    expect(misnamed.columns[2]).toMatchObject({
      field: 'category',
      note: '“行业”中是事故类型，不是行业，按隐患类别导入',
    });
    expect(misnamed.rows[0]!.values).toMatchObject({ industry: null, category: '高处坠落' });
  });

  it('an explicit 隐患等级 column leaves 隐患类别 to mean the industry', () => {
    const wb = grid([
      ['企业名称', '隐患描述', '隐患类别', '隐患等级'],
      ['方山镇加油站', '消防设施损坏', '燃气', '重大'],
    ]);
    const p = hazards(parseWorkbook(wb));
    expect(p.columns.map((c) => c.field)).toEqual(['enterpriseName', 'description', 'industry', 'level']);
    expect(p.rows[0]!.values).toMatchObject({ industry: '燃气', level: '重大' });
  });

  it('chooses a sheet: the best visible data sheet, or the one asked for', () => {
    const wb: Workbook = {
      file: '方山镇.xlsx',
      format: 'xlsx',
      date1904: false,
      sheets: [
        {
          name: '填表说明',
          hidden: false,
          rows: [['1. 隐患等级填写“重大”或“一般”；2. 日期格式为2024-01-01。']],
          merges: [],
        },
        { name: '空表', hidden: false, rows: [], merges: [] },
        {
          name: '旧表',
          hidden: true,
          rows: [
            ['企业名称', '隐患描述'],
            ['旧企业', '旧隐患'],
          ],
          merges: [],
        },
        {
          name: '三月',
          hidden: false,
          rows: [
            ['企业名称', '隐患描述', '隐患等级'],
            ['方山镇砖厂', '粉尘未清扫', '一般'],
          ],
          merges: [],
        },
      ],
    };
    const p = parseWorkbook(wb);
    expect(p.sheet).toBe('三月');
    expect(p.sheets.map((s) => [s.name, s.reason])).toEqual([
      ['填表说明', '填表说明'],
      ['空表', '空表'],
      ['旧表', '隐藏工作表'],
      ['三月', '数据表'],
    ]);
    const hidden = parseWorkbook(wb, { sheet: '旧表' });
    expect(hidden.rows.length).toBe(1);
    expect(hidden.sheets[2]!.chosen).toBe(true);
  });

  it('a bug list (编号, 项目名称, 问题描述, 负责人, 状态) is no hazard ledger: refused as of no known kind', async () => {
    const wb = grid(
      [
        ['编号', '项目名称', '问题描述', '负责人', '状态'],
        ['BUG-7', '台账系统', '导出按钮无响应', '林浩', '已关闭'],
      ],
      [],
      '缺陷清单.xlsx',
    );
    const err = await appError(async () => parseWorkbook(wb));
    expect(err.message).toContain('无法判断文件“缺陷清单.xlsx”的工作表“台账”是哪类报表');
    // With a column only a ledger has, the same sheet is one (项目名称 then names the unit, with a note).
    const ledger = hazards(
      parseWorkbook(
        grid([
          ['编号', '项目名称', '问题描述', '整改措施', '状态'],
          ['1', '城南安置房项目', '临边无防护', '设置护栏', '关闭'],
        ]),
      ),
    );
    expect(ledger.columns[1]).toMatchObject({
      field: 'enterpriseName',
      note: '表中没有“隐患单位”列，按“项目名称”列作为隐患单位',
    });
    expect(ledger.issues.some((i) => i.severity === 'warning' && i.column === 'B')).toBe(true);
    expect(ledger.rows[0]!.values).toMatchObject({
      enterpriseName: '城南安置房项目',
      status: '已验收销号',
      responsibleUnit: null,
    });
  });

  it('refuses a sheet without a header with a clear message', async () => {
    const wb = grid(
      [
        ['姓名', '电话'],
        ['张三', '123'],
      ],
      [],
      '通讯录.xlsx',
    );
    const err = await appError(async () => parseWorkbook(wb));
    expect(err.code).toBe('FILE_INVALID');
    expect(err.message).toContain('文件“通讯录.xlsx”的工作表“台账”中找不到表头');
    const err2 = await appError(async () => parseWorkbook(wb, { sheet: '没有这张表' }));
    expect(err2.message).toContain('没有名为“没有这张表”的工作表');
  });

  it('a report register', () => {
    const wb = grid([
      ['“回头看”自查报告报送情况'],
      ['单位', '报告名称', '报送时间', '是否盖章', '是否经主要负责同志审定'],
      ['禹州市交通运输局', '关于“回头看”工作的自查报告', '2024.1.24', '是', '否'],
    ]);
    const p = parseWorkbook(wb);
    if (p.kind !== 'report') throw new Error(`expected report, got ${p.kind}`);
    expect(p.rows[0]!.values).toEqual({
      unitName: '禹州市交通运输局',
      title: '关于“回头看”工作的自查报告',
      content: null,
      submittedDate: '2024-01-24',
      sealed: true,
      approved: false,
      notes: null,
    });
  });
});
