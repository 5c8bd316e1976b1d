/**
 * The XML an 归档信息包 is made of, one 件 at a time: each 件's metadata (DA/T 46-2009 文书类电子文件元数据,
 * with its 档号构成, the PDF's size and SM3 digest and the 业务实体 history of its record) and the catalogue(s) —
 * the 文件目录 of a 按件 package, or the 案卷目录 and 卷内文件目录 of a 组卷 one. Builds XML only; export.ts writes it.
 */
import { RETENTION_LABELS } from '../volumes/archivalNo';
import type { ItemData } from '../volumes/types';
import { APP_VERSION } from '../platform/version';
import type { actionReader } from './actions';
import { CATALOGUE_FILE, ITEM_CATALOGUE_FILE, VOLUME_CATALOGUE_FILE } from './layout';
import type { FileDigest } from './sm3';
import type { ArchiveMode, NumberedItem, PackageSource } from './source';
import { el, xmlDocument, type XNode } from './xml';

const DOC_TYPE: Record<ItemData['kind'], string> = {
  pledge: '责任书',
  return: '报告',
  ledger: '台账',
  closure: '验收材料',
};

/** A 件 whose PDF is written: where, how many pages, whether PDF/A, its digest. */
export interface Written {
  n: NumberedItem;
  pdf: string;
  pages: number;
  pdfa: boolean;
  digest: FileDigest;
}

function catalogueRow(w: Written): XNode[] {
  const d = w.n.item.data;
  const h = w.n.item.volume.header;
  return [
    el('顺序号', w.n.seq),
    el('档号', w.n.archivalNo),
    el('责任者', d.entry.responsible),
    el('题名', d.entry.title),
    el('日期', d.entry.date ?? ''),
    el('密级', h.secrecy || '非密'),
    el('保管期限', RETENTION_LABELS[h.retention]),
    el('页数', w.pages),
    el('电子文件名', w.pdf),
    el('备注', d.entry.note),
  ];
}

/** The metadata of one written 件 (its PDF named `stem`.pdf), with the business actions of its record. */
export function itemMetadata(
  w: Written,
  stem: string,
  src: PackageSource,
  actions: ReturnType<typeof actionReader>,
): XNode {
  const { n, pdfa, digest } = w;
  const d = n.item.data;
  const h = n.item.volume.header;
  return el(
    '文件元数据',
    [
      el('聚合层次', '件'),
      el('来源', [el('全宗名称', h.fondsName || src.fondsName), el('立档单位名称', src.office)]),
      el('档号', n.archivalNo),
      el('档号构成', [
        el('全宗号', n.parts.全宗号),
        el('类别号', n.parts.类别号),
        el('年度', n.parts.年度),
        el('保管期限', n.parts.保管期限),
        el('机构或问题', n.parts.机构),
        el('案卷号', n.parts.案卷号),
        el('件号', n.parts.件号),
      ]),
      el('内容描述', [
        el('题名', d.entry.title),
        el('文件编号', d.entry.docNo),
        el('责任者', d.entry.responsible),
        el('日期', d.entry.date ?? ''),
        el('文种', DOC_TYPE[d.kind]),
        el('密级', h.secrecy || '非密'),
        el('保管期限', RETENTION_LABELS[h.retention]),
      ]),
      el('形式特征', [el('页数', w.pages)]),
      el('电子属性', [
        el('格式信息', pdfa ? 'PDF/A-1b' : 'PDF 1.7'),
        el('计算机文件名', `${stem}.pdf`),
        el('计算机文件大小', digest.size),
        el('文档创建程序', `安委台账 ${APP_VERSION}`),
        el('数字摘要', digest.sm3),
        el('摘要算法', 'SM3'),
      ]),
      el('附注', d.entry.note),
      el(
        '业务实体',
        actions(d.kind, d.recordId, n.item.volume.id).map((a) =>
          el('业务记录', [
            el('业务行为', a.action),
            el('行为人', a.actor),
            el('行为时间', a.at),
            el('行为描述', a.description),
          ]),
        ),
      ),
    ],
    { 标准: 'DA/T 46-2009' },
  );
}

/** The catalogue file(s) of the package, as [path, bytes]: 按件 one 文件目录, 组卷 the 案卷目录 and 卷内文件目录. */
export function catalogueFiles(mode: ArchiveMode, written: Written[]): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  if (mode === '按件') {
    out.push([
      CATALOGUE_FILE,
      xmlDocument(
        el(
          '文件目录',
          written.map((w) => el('条目', catalogueRow(w))),
        ),
      ),
    ]);
  } else {
    const byVolume = new Map<string, Written[]>();
    for (const w of written) {
      const list = byVolume.get(w.n.volumeArchivalNo) ?? [];
      list.push(w);
      byVolume.set(w.n.volumeArchivalNo, list);
    }
    const vols = [...byVolume].map(([archivalNo, ws], i) => {
      const h = ws[0]!.n.item.volume.header;
      const parts = [...byVolume.keys()].filter((k) => byVolume.get(k)![0]!.n.item.volume === ws[0]!.n.item.volume);
      const dates = ws
        .map((w) => w.n.item.data.entry.date)
        .filter((x): x is string => !!x)
        .sort();
      return el('案卷', [
        el('顺序号', i + 1),
        el('档号', archivalNo),
        el('案卷题名', parts.length > 1 ? `${h.title}（第${parts.indexOf(archivalNo) + 1}卷）` : h.title),
        el('起始日期', dates[0] ?? ''),
        el('终止日期', dates[dates.length - 1] ?? ''),
        el('件数', ws.length),
        el(
          '页数',
          ws.reduce((a, w) => a + w.pages, 0),
        ),
        el('保管期限', RETENTION_LABELS[h.retention]),
        el('密级', h.secrecy || '非密'),
        el('备注', h.remarks),
      ]);
    });
    out.push([VOLUME_CATALOGUE_FILE, xmlDocument(el('案卷目录', vols))]);
    out.push([
      ITEM_CATALOGUE_FILE,
      xmlDocument(
        el(
          '卷内文件目录',
          written.map((w) => el('条目', [el('案卷档号', w.n.volumeArchivalNo), ...catalogueRow(w)])),
        ),
      ),
    ]);
  }
  return out;
}
