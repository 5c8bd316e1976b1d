/** The 明白书 form's values, and their conversion to and from what the server takes and returns. */
import type { Dayjs } from 'dayjs';
import type { Attachment, PledgeAttachment, PledgeInput, PledgeView } from '../api/types';
import { pledgeLevel } from '../../../core/domain/pledgeLevels';
import { fromIso, toIso } from '../components/format';

export type ScanItem = Pick<Attachment, 'id' | 'originalName' | 'mime' | 'size' | 'pageCount'>;

export interface PledgeFormValues {
  noticeId?: number;
  level?: number;
  talkerName?: string;
  talkerTitle?: string;
  talkeeName?: string;
  talkeeUnitId?: number;
  talkeeTitle?: string;
  reportingUnitId?: number;
  talkDate?: Dayjs | null;
  signed: boolean;
  signedDate?: Dayjs | null;
  custody?: string;
  notes?: string;
  scans: ScanItem[];
}

export function emptyValues(defaults: { noticeId?: number }): PledgeFormValues {
  return { noticeId: defaults.noticeId, signed: true, scans: [] };
}

export function valuesFromPledge(p: PledgeView): PledgeFormValues {
  return {
    noticeId: p.noticeId ?? undefined,
    level: p.level,
    talkerName: p.talkerName,
    talkerTitle: p.talkerTitle,
    talkeeName: p.talkeeName,
    talkeeUnitId: p.talkeeUnitId ?? undefined,
    talkeeTitle: p.talkeeTitle,
    reportingUnitId: p.reportingUnitId ?? undefined,
    talkDate: fromIso(p.talkDate),
    signed: p.status !== '未签订',
    signedDate: fromIso(p.signedDate),
    custody: p.custody ?? '',
    notes: p.notes ?? '',
    scans: p.attachments.map((a: PledgeAttachment) => ({ ...a })),
  };
}

export function inputFromValues(v: PledgeFormValues): PledgeInput {
  const custody = v.custody?.trim() ?? '';
  return {
    noticeId: v.noticeId ?? null,
    level: v.level!,
    talkerName: v.talkerName ?? '',
    talkerTitle: v.talkerTitle ?? '',
    talkeeName: v.talkeeName ?? '',
    talkeeUnitId: v.talkeeUnitId!,
    talkeeTitle: v.talkeeTitle ?? '',
    reportingUnitId: v.reportingUnitId ?? null,
    talkDate: toIso(v.talkDate),
    signed: v.signed,
    signedDate: v.signed ? toIso(v.signedDate) : null,
    // Left at the 附件2 default: send nothing and let the server store its own copy of the default. (Sending the
    // text would store it through the server's half-width folding, turning "，" into ",".)
    custody: !custody || custody === pledgeLevel(v.level ?? 0)?.defaultCustody ? null : custody,
    notes: v.notes?.trim() ? v.notes.trim() : null,
    attachmentIds: v.scans.map((s) => s.id),
  };
}

/** Field names in the order their Chinese label is looked for in a server message. */
const FIELD_BY_LABEL: [string, keyof PledgeFormValues][] = [
  ['谈话对象单位', 'talkeeUnitId'],
  ['谈话对象职务', 'talkeeTitle'],
  ['谈话人职务', 'talkerTitle'],
  ['谈话对象', 'talkeeName'],
  ['谈话人', 'talkerName'],
  ['谈话层级', 'level'],
  ['报送单位', 'reportingUnitId'],
  ['谈话日期', 'talkDate'],
  ['签订日期', 'signedDate'],
  ['已签订', 'signed'],
  ['留存单位', 'custody'],
  ['扫描件', 'scans'],
  ['通知', 'noticeId'],
  ['备注', 'notes'],
];

/**
 * Which form field a server message is about: the field whose label appears first in the message
 * ("签订日期不能早于谈话日期" → signedDate). Null when no label appears.
 */
export function fieldOfMessage(message: string): keyof PledgeFormValues | null {
  let best: { at: number; field: keyof PledgeFormValues } | null = null;
  for (const [label, field] of FIELD_BY_LABEL) {
    const at = message.indexOf(label);
    if (at >= 0 && (!best || at < best.at)) best = { at, field };
  }
  return best?.field ?? null;
}
