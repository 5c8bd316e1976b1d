/**
 * Seeded generator of county-scale hazard ledgers (隐患排查治理台账) in the layouts of the fixture returns:
 * merged title and 填报单位 lines, a two-row header with “五落实”情况 merged over five columns, the enterprise
 * (and its township) merged down over its hazards, dates as Excel dates (built-in and custom formats), as
 * text (2024.3.5, 2024年3月5日, 2024-03-05) and as bare serials, 立即整改 in the deadline column, rich text,
 * formulas with cached results, a hidden sheet before and an instruction sheet after, a footer.
 * The Chinese text is varied (rare and 4-byte characters, line breaks, &, <) so that multi-byte characters
 * fall across every chunk boundary a streaming reader may use.
 *
 * The same seed gives the same ledger; `changedShare` makes the "re-sent" version with that share of rows
 * changed (status moved on, or measures reworded), keeping every 隐患编号.
 */
import { rng, type Rng } from '../core/platform/seededRandom';
import { writeXlsx, type DateStyle, type WCell, type WSheet, type WriteOptions } from './xlsxWrite';

export { rng };

export const TOWNSHIPS = [
  '钧台街道',
  '夏都街道',
  '韩城街道',
  '颍川街道',
  '火龙镇',
  '顺店镇',
  '方山镇',
  '神垕镇',
  '鸿畅镇',
  '梁北镇',
  '古城镇',
  '无梁镇',
  '文殊镇',
  '鸠山镇',
  '褚河镇',
  '范坡镇',
  '郭连镇',
  '朱阁镇',
  '浅井镇',
  '方岗镇',
  '花石镇',
  '张得镇',
  '小吕乡',
  '磨街乡',
  '山货乡',
  '苌庄镇',
] as const;

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '建国',
  '红梅',
  '志强',
  '秀英',
  '国庆',
  '海燕',
  '伟',
  '敏',
  '静',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '玉兰',
  '晓东',
  '春生',
  '垕民',
  '书亮',
  '新华',
  '振宇',
  '𠮷祥',
  '喆',
  '堃',
  '昇',
  '赟',
  '珺',
  '玥',
];
const BRANDS = [
  '鑫源',
  '华盛',
  '恒达',
  '永安',
  '瑞丰',
  '宏图',
  '钧艺',
  '嵩阳',
  '豫钧',
  '垕土',
  '颍河',
  '中原',
  '禹都',
  '金鼎',
  '祥和',
  '荣盛',
  '汇通',
  '宇航',
  '𠮷鑫',
  '龘龙',
  '犇腾',
  '森淼',
  '昶泰',
  '晟嘉',
  '堃元',
  '赟昌',
  '翀宇',
  '淏源',
  '骉达',
  '焱鑫',
];
const KINDS: [string, string][] = [
  ['燃气', '液化气站'],
  ['燃气', '餐饮店'],
  ['危化品', '化工有限公司'],
  ['建筑施工', '建筑工程有限公司'],
  ['交通运输', '运输有限公司'],
  ['消防', '商贸城'],
  ['特种设备', '机械制造有限公司'],
  ['文化旅游', '景区'],
  ['教育', '中心学校'],
  ['电力', '供电所'],
  ['工贸', '钧瓷厂'],
  ['粉尘涉爆', '木业有限公司'],
  ['有限空间', '污水处理厂'],
  ['工贸', '耐火材料有限公司'],
  ['商贸', '超市'],
  ['矿山', '石料厂'],
];
const TEXTS: Record<string, [string, string][]> = {
  燃气: [
    ['液化石油气钢瓶未使用防倾倒链固定', '加装防倾倒链并培训'],
    ['燃气管道穿越卧室且未设可燃气体报警器', '改移管道，安装报警器'],
    ['厨房未安装燃气泄漏自动切断装置', '安装燃气泄漏报警及自动切断装置'],
    ['液化石油气钢瓶与灶具间距不足', '调整钢瓶位置，安装可燃气体报警器并联动切断阀'],
  ],
  危化品: [
    ['储罐区可燃气体检测报警仪未定期检定', '委托检定机构检定'],
    ['危险化学品仓库超量储存', '清理超量物料，严格执行定量储存'],
    ['危险化学品仓库未设置防爆电气', '更换防爆灯具，按核定数量储存'],
  ],
  建筑施工: [
    ['塔吊限位装置失效', '更换限位器并复检'],
    ['脚手架连墙件设置不足', '按方案补设连墙件'],
    ['深基坑临边防护缺失', '设置防护栏杆和警示标志'],
    ['施工升降机防坠安全器超期未检', '送检防坠安全器'],
  ],
  交通运输: [
    ['车辆动态监控平台报警未及时处置', '落实专人值守监控平台'],
    ['驾驶员安全教育记录不全', '补齐教育培训记录'],
    ['客运车辆安全锤缺失', '按核定数量配齐安全锤'],
  ],
  消防: [
    ['疏散通道堆放杂物，安全出口被锁闭', '清理通道杂物，拆除安全出口门锁'],
    ['消防控制室值班人员无证上岗', '安排持证人员值班'],
    ['消防设施损坏，灭火器过期失效', '更换灭火器，维修室内消火栓系统'],
    ['车间内使用聚氨酯夹芯彩钢板搭建临时库房', '拆除违规彩钢板房，改用不燃材料'],
  ],
  特种设备: [
    ['特种设备（叉车）未定期检验，操作人员无证上岗', '送检叉车，组织操作人员取证培训'],
    ['压力容器安全阀超期未校验', '送检安全阀'],
  ],
  文化旅游: [
    ['景区游乐设施未按规定维护保养，无应急救援预案', '委托有资质单位维保，编制专项应急预案'],
    ['景区临水区域护栏破损', '修复护栏'],
  ],
  教育: [
    ['学校食堂燃气管道老化', '更换燃气管道'],
    ['宿舍楼应急照明损坏', '维修应急照明'],
  ],
  电力: [
    ['配电室未设置挡鼠板', '加装挡鼠板'],
    ['配电箱未设置漏电保护装置，电线私拉乱接', '立即更换合格配电箱，规范线路敷设'],
  ],
  工贸: [
    ['窑炉燃气管道未设置紧急切断阀', '加装紧急切断阀'],
    ['机械设备传动部位防护罩缺失', '加装防护罩'],
    ['车间电气线路私拉乱接', '规范敷设电气线路'],
  ],
  粉尘涉爆: [
    ['除尘系统未设置泄爆装置', '加装泄爆片'],
    ['粉尘清扫制度未落实，积尘严重', '落实定期清扫制度'],
  ],
  有限空间: [
    ['有限空间作业未执行先通风、再检测、后作业', '配备气体检测仪，制定有限空间作业审批制度'],
    ['有限空间未设置警示标识', '设置警示标识'],
  ],
  商贸: [
    ['货架超高堆放，未设防倾倒措施', '降低堆放高度，加固货架'],
    ['电动自行车在室内充电', '设置集中充电区'],
  ],
  矿山: [
    ['边坡未按设计分台阶开采', '按设计分台阶开采并监测边坡'],
    ['爆破作业未设警戒区', '落实爆破警戒制度'],
  ],
};
const PLACES = [
  '一号车间',
  '二号车间',
  '东侧仓库',
  '西侧仓库',
  '后厨',
  '配电室',
  '锅炉房',
  '储罐区',
  '办公楼三层',
  '施工现场北侧',
  '地下室',
  '停车场',
  '宿舍楼',
  '装卸区',
  '原料库',
  '成品库',
  '窑炉区',
  '喷涂间',
];
const DETAILS = [
  '，现场责令立即整改',
  '，已下达整改通知书',
  '，企业负责人当场签字确认',
  '（复查仍未整改）',
  '，存在较大安全风险',
  '，涉及人员密集场所',
  '',
  '',
  '',
  '；&lt;见附件&gt;',
  '，整改前停止使用',
];
const RARE = '垕龘犇淼焱骉麤靐齉鱻𠮷𡈼𤭢𨰻𩽾𪚥';

export interface LedgerOptions {
  rows: number;
  seed?: number;
  /** Share of rows changed in a re-sent version (0 = the original). */
  changedShare?: number;
  /** How many hazards an enterprise has (picked at random); each group of 2+ is a merge (×2: township, enterprise). */
  groupSizes?: readonly number[];
  writeOptions?: WriteOptions;
  /**
   * Every merge undone (WPS 取消合并并填充内容, or a CSV export read back): the two-row header's “五落实”情况 in one
   * cell with the next four empty, the 填报 line in two cells, the township and enterprise written on every row.
   */
  unmerged?: boolean;
}

export interface LedgerInfo {
  rows: number;
  changed: number;
  merges: number;
  bytes: number;
}

const HEADER_TOP = [
  '序号',
  '隐患编号',
  '乡镇（街道）',
  '企业（单位）名称',
  '行业领域',
  '隐患描述',
  '隐患等级',
  '排查时间',
  '“五落实”情况',
  null,
  null,
  null,
  null,
  '整改情况',
  '整改完成时间',
  '是否挂牌督办',
  '备注',
];
const HEADER_SUB = [
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  '整改责任人',
  '整改措施',
  '整改资金（万元）',
  '整改时限',
  '应急预案',
  null,
  null,
  null,
  null,
];
export const LEDGER_COLUMNS = HEADER_TOP.length;

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const SPAN_DAYS = 3 * 365 - 40; // found dates 2023-01-01 … 2025-11

function person(r: Rng): string {
  return `${r.pick([...SURNAMES])}${r.pick(GIVEN)}`;
}

function dateCell(r: Rng, d: Date): WCell {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const x = r.next();
  const styles: DateStyle[] = ['builtin14', 'cn', 'iso'];
  if (x < 0.45) return { date: d, style: styles[Math.floor(x * 100) % 3]! };
  if (x < 0.62) return `${y}.${m}.${day}`;
  if (x < 0.78) return `${y}年${m}月${day}日`;
  if (x < 0.9) return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (x < 0.96) return `${y}/${m}/${day}`;
  return 25569 + d.getTime() / DAY; // a bare serial in a date column
}

function pickText(r: Rng, s: string): string {
  // A rare character in about one text in eight, so 4-byte and uncommon characters are everywhere in the file.
  if (!r.chance(0.125)) return s;
  const chars = [...s];
  chars.splice(r.int(0, chars.length), 0, r.pick([...RARE]));
  return chars.join('');
}

interface Hazard {
  no: string;
  township: string;
  enterprise: string;
  industry: string;
  description: WCell;
  level: string;
  found: Date;
  foundCell: WCell;
  person: string;
  measures: string;
  funds: WCell;
  deadline: WCell;
  plan: string | null;
  status: string;
  completedCell: WCell;
  supervised: string | null;
  notes: string | null;
}

function* hazards(opts: LedgerOptions, info: { changed: number; groups: [number, number][] }): Generator<Hazard> {
  const r = rng(opts.seed ?? 20240125);
  const change = rng((opts.seed ?? 20240125) ^ 0x5bd1e995);
  let i = 0;
  while (i < opts.rows) {
    const size = Math.min(opts.rows - i, r.pick(opts.groupSizes ?? [1, 1, 2, 2, 3, 4]));
    const township = r.pick(TOWNSHIPS);
    const [industry, suffix] = r.pick(KINDS);
    const enterprise = pickText(
      r,
      `禹州市${township.replace(/(镇|乡|街道)$/, '')}${r.pick(BRANDS)}${suffix}${r.chance(0.3) ? `（${r.int(1, 9)}号店）` : ''}`,
    );
    info.groups.push([i, size]);
    for (let k = 0; k < size; k++, i++) {
      const [text, measure] = r.pick(TEXTS[industry]!);
      const found = new Date(START + r.int(0, SPAN_DAYS) * DAY);
      const level = r.chance(0.05) ? '重大' : '一般';
      const age = r.int(0, 400);
      const status =
        age < 30
          ? r.pick(['未整改', '整改中'])
          : age < 90
            ? r.pick(['整改中', '已整改', '已整改', '未整改'])
            : r.pick(['已整改', '已验收销号', '已验收销号', '整改中', '已销号']);
      const measures = pickText(
        r,
        `${measure}${r.chance(0.4) ? `，${r.pick(PLACES)}${r.pick(['专人负责', '限期完成', '举一反三全面排查', '每日巡查'])}` : ''}`,
      );
      const descText = pickText(
        r,
        `${r.pick(PLACES)}${text}${r.pick(DETAILS).replace('&lt;', '<').replace('&gt;', '>')}${r.chance(0.2) ? `，共${r.int(2, 30)}处` : ''}${r.chance(0.03) ? '\n经复查：部分已整改 & 待验收' : ''}`,
      );
      const description: WCell = r.chance(0.04)
        ? {
            rich: [{ text: [...descText].slice(0, 4).join(''), bold: true }, { text: [...descText].slice(4).join('') }],
          }
        : descText;
      const worded = r.chance(0.08);
      const deadlineDate = new Date(found.getTime() + r.int(7, 60) * DAY);
      const fundsValue = Math.round(r.next() * 50000) / 100;
      const funds: WCell = r.chance(0.15)
        ? null
        : r.chance(0.05)
          ? { formula: `ROUND(${fundsValue}*1,2)`, result: fundsValue }
          : r.chance(0.5)
            ? { number: fundsValue, format: '0.00' }
            : fundsValue;
      const completed: Date | null = /已/.test(status) ? new Date(found.getTime() + r.int(1, 50) * DAY) : null;
      const h: Hazard = {
        no: `${township.slice(0, 2)}-${found.getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`,
        township,
        enterprise,
        industry,
        description,
        level,
        found,
        foundCell: dateCell(r, found),
        person: person(r),
        measures,
        funds,
        deadline: worded ? r.pick(['立即整改', '立即整改', '长期坚持']) : dateCell(r, deadlineDate),
        plan: level === '重大' ? r.pick(['已制定专项应急预案', '有', '有']) : r.chance(0.5) ? '有' : null,
        status,
        completedCell: completed ? dateCell(r, completed) : null,
        supervised: level === '重大' ? r.pick(['是', '否']) : null,
        notes: r.chance(0.1)
          ? pickText(r, r.pick(['已约谈企业负责人', '列入重点监管', '已移交执法大队', '企业停产整顿']))
          : null,
      };
      // The re-sent version: its own random stream, so every other row stays byte-for-byte the same.
      if (opts.changedShare && change.next() < opts.changedShare) {
        info.changed++;
        if (!completed) {
          h.status = '已整改';
          h.completedCell = dateCell(change, new Date(found.getTime() + change.int(1, 50) * DAY));
        } else h.measures = `${h.measures}，已复查`;
      }
      yield h;
    }
  }
}

/** The ledger's sheets (hidden note sheet, data sheet, instruction sheet), rows produced lazily. */
export function ledgerSheets(opts: LedgerOptions): { sheets: WSheet[]; info: LedgerInfo } {
  const info: LedgerInfo = { rows: opts.rows, changed: 0, merges: 0, bytes: 0 };
  const state = { changed: 0, groups: [] as [number, number][] };
  const unmerged = !!opts.unmerged;
  const merges: string[] = unmerged ? [] : ['A1:Q1', 'A2:Q2', 'I3:M3'];
  if (!unmerged) for (const c of 'ABCDEFGHNOPQ') merges.push(`${c}3:${c}4`);
  const FIRST = 5; // first data row (1-based)
  const rows: WCell[][] = [];
  rows.push(['禹州市安全生产隐患排查治理台账（全市汇总）']);
  rows.push(
    unmerged
      ? [
          '填报单位（盖章）：禹州市应急管理局',
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          '填报时间：2025年12月10日',
        ]
      : ['填报单位（盖章）：禹州市应急管理局                      填报时间：2025年12月10日'],
  );
  rows.push(HEADER_TOP);
  rows.push(HEADER_SUB);
  let n = 0;
  for (const h of hazards(opts, state)) {
    const group = state.groups[state.groups.length - 1]!;
    const first = unmerged || group[0] === n;
    n++;
    rows.push([
      n,
      h.no,
      first ? h.township : null,
      first ? h.enterprise : null,
      h.industry,
      h.description,
      h.level,
      h.foundCell,
      h.person,
      h.measures,
      h.funds,
      h.deadline,
      h.plan,
      h.status,
      h.completedCell,
      h.supervised,
      h.notes,
    ]);
  }
  for (const [start, size] of state.groups) {
    if (size < 2 || unmerged) continue;
    const a = FIRST + start;
    const b = a + size - 1;
    merges.push(`C${a}:C${b}`, `D${a}:D${b}`);
  }
  const end = FIRST + opts.rows;
  rows.push([]);
  rows.push(['填报人：吴德胜        审核人：王建国        联系电话：0374-8869919']);
  if (!unmerged) merges.push(`A${end + 1}:Q${end + 1}`);
  info.changed = state.changed;
  info.merges = merges.length;
  const sheets: WSheet[] = [
    { name: '说明', state: 'hidden', rows: [['本表由市应急管理局汇总，请勿修改']] },
    { name: '隐患台账', rows, merges, widths: [6, 16, 12, 28, 10, 40, 8, 12, 10, 30, 10, 12, 16, 10, 12, 8, 16] },
    {
      name: '填表说明',
      rows: [['1. 隐患等级填写“重大”或“一般”；2. 日期格式为2024-01-01；3. 请于每月25日前报市安委办。']],
    },
  ];
  return { sheets, info };
}

/** Writes the ledger and says what is in it. */
export function writeLedger(file: string, opts: LedgerOptions): LedgerInfo {
  const { sheets, info } = ledgerSheets(opts);
  info.bytes = writeXlsx(file, sheets, opts.writeOptions);
  return info;
}
