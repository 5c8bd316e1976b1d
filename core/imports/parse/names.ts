/**
 * Unit and township names as they appear in titles and 填报单位 lines: "禹州市方山镇人民政府" → "方山镇",
 * "神垕镇重大事故隐患排查整治台账" → "神垕镇". The alias table of the units service does the final matching.
 */

const CITY_PREFIX = [
  /^河南省/,
  /^许昌市/,
  /^[\u4e00-\u9fa5]{2,3}?市(?!场|政|民|容|级|直)/,
  /^[\u4e00-\u9fa5]{1,2}?县(?!城|级|直)/,
];
const OFFICE_SUFFIX =
  /(?:人民政府|政府|办事处|党委|党委政府|安办|安委办|安委会|安全生产委员会办公室|安全生产委员会|应急管理办公室|应急管理办|应急办|应急所|安监站|安全生产监督管理站|便民服务中心)$/;
const TOWNSHIP = /^([\u4e00-\u9fa5]{1,6}?(?:镇|乡|街道))$/;
const ZONE = /^([\u4e00-\u9fa5]{0,8}?(?:高新区|开发区|集聚区|示范区|产业园区|产业园))(?:管委会|管理委员会)?$/;
const NOT_IN_TOWNSHIP = /[和与及的局委厅部所院校司厂站店场]/;

function stripCity(s: string): string {
  let t = s;
  for (let i = 0; i < 3; i++) {
    const before = t;
    for (const re of CITY_PREFIX) {
      const next = t.replace(re, '');
      if (next.length >= 2) t = next;
    }
    if (t === before) break;
  }
  return t;
}

/** The township (or zone) a unit name stands for, or null when the name is not a township's. */
export function townshipFromName(name: string | null | undefined): string | null {
  if (!name) return null;
  const s = stripCity(name.replace(/\s+/g, '').replace(/^中共/, ''));
  const bare = s.replace(OFFICE_SUFFIX, '');
  const t = TOWNSHIP.exec(bare);
  if (t && !NOT_IN_TOWNSHIP.test(t[1]!)) return t[1]!;
  const z = ZONE.exec(bare);
  if (z) return z[1]!;
  return null;
}

/** A township at the start of a title: "神垕镇重大事故隐患…" → "神垕镇"; "住房和城乡建设局…" → null. */
export function townshipAtStart(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = stripCity(text.replace(/\s+/g, '').replace(/^中共/, ''));
  const m = /^([\u4e00-\u9fa5]{1,4}?(?:镇|乡|街道))(?!建设|村|镇|街道|政府|企业|居民)/.exec(s);
  if (m && !NOT_IN_TOWNSHIP.test(m[1]!)) return m[1]!;
  const z = /^([\u4e00-\u9fa5]{0,8}?(?:高新区|开发区|集聚区|示范区))/.exec(s);
  return z ? z[1]! : null;
}

/** Words where a title's unit prefix ends: "禹州市交通运输局贯彻落实…" → "禹州市交通运输局". */
const TITLE_CONTENT =
  /安全生产|重大|一般|隐患|贯彻|关于|《|“|"|（|\(|(?:19|20)\d{2}年|[一二三四]季度|专项|排查|明白书|对话|谈心|工作清单|台账|汇总|情况|回头看|自查|报告|统计/;

/** The unit a title names at its start, as written, or null. */
export function unitFromTitle(title: string | null | undefined): string | null {
  if (!title) return null;
  const s = title.replace(/\s+/g, '');
  const m = TITLE_CONTENT.exec(s);
  const prefix = m ? s.slice(0, m.index) : '';
  if (prefix.length < 2 || prefix.length > 30) return null;
  return prefix;
}
