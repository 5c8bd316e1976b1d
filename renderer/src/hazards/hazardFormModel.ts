/** The hazard form's values ↔ the `hazards:create`/`update` input (dates as Dayjs, money as 元 text). */
import dayjs, { type Dayjs } from 'dayjs';
import { fenToYuan } from '../../../core/domain/hazard';
import { fromIso, toIso } from '../components/format';
import { yuanToFen } from './money';
import type { HazardAttachmentRole, HazardInput, HazardLevel, HazardStatus, HazardView } from './types';

export interface AttachmentItem {
  id: number;
  originalName: string;
  mime: string;
  size: number;
  pageCount: number | null;
}

export interface HazardFormValues {
  hazardNo?: string;
  enterpriseName?: string;
  townshipUnitId?: number | null;
  village?: string;
  industry?: string;
  category?: string;
  description?: string;
  location?: string;
  source?: string;
  foundDate?: Dayjs | null;
  foundBy?: string;
  level: HazardLevel;
  supervised: boolean;
  supervisingUnit?: string;
  supervisionDeadline?: Dayjs | null;
  interimMeasures?: string;
  noticeId?: number | null;
  reportingUnitId?: number | null;
  notes?: string;
  responsibleUnit?: string;
  responsiblePerson?: string;
  measures?: string;
  fundsYuan?: string;
  deadlineMode: 'date' | 'text';
  deadlineDate?: Dayjs | null;
  deadlineText?: string;
  emergencyPlan?: string;
  status: HazardStatus;
  completedDate?: Dayjs | null;
  acceptedBy?: string;
  acceptedDate?: Dayjs | null;
  statusNote?: string;
  before: AttachmentItem[];
  after: AttachmentItem[];
  report: AttachmentItem[];
}

export const ATTACHMENT_ROLES: { role: Exclude<HazardAttachmentRole, 'other'>; label: string; hint: string }[] = [
  { role: 'before', label: '整改前照片', hint: '隐患现场照片' },
  { role: 'after', label: '整改后照片', hint: '整改完成后的现场照片' },
  { role: 'report', label: '整改报告', hint: '整改报告、验收意见等（PDF 或图片）' },
];

export function emptyHazardValues(): HazardFormValues {
  return {
    level: '一般',
    supervised: false,
    status: '未整改',
    deadlineMode: 'date',
    foundDate: dayjs(),
    source: '部门检查',
    before: [],
    after: [],
    report: [],
  };
}

export function valuesFromHazard(h: HazardView): HazardFormValues {
  const of = (role: HazardAttachmentRole) => h.attachments.filter((a) => a.role === role);
  return {
    hazardNo: h.hazardNo ?? undefined,
    enterpriseName: h.enterpriseName,
    townshipUnitId: h.townshipUnitId,
    village: h.village ?? undefined,
    industry: h.industry ?? undefined,
    category: h.category ?? undefined,
    description: h.description,
    location: h.location ?? undefined,
    source: h.source ?? undefined,
    foundDate: fromIso(h.foundDate),
    foundBy: h.foundBy ?? undefined,
    level: h.level,
    supervised: h.supervised,
    supervisingUnit: h.supervisingUnit ?? undefined,
    supervisionDeadline: fromIso(h.supervisionDeadline),
    interimMeasures: h.interimMeasures ?? undefined,
    noticeId: h.noticeId,
    reportingUnitId: h.reportingUnitId,
    notes: h.notes ?? undefined,
    responsibleUnit: h.responsibleUnit ?? undefined,
    responsiblePerson: h.responsiblePerson ?? undefined,
    measures: h.measures ?? undefined,
    fundsYuan: h.fundsFen === null ? undefined : fenToYuan(h.fundsFen),
    deadlineMode: !h.deadlineDate && h.deadlineText ? 'text' : 'date',
    deadlineDate: fromIso(h.deadlineDate),
    deadlineText: h.deadlineText ?? undefined,
    emergencyPlan: h.emergencyPlan ?? undefined,
    status: h.status,
    completedDate: fromIso(h.completedDate),
    acceptedBy: h.acceptedBy ?? undefined,
    acceptedDate: fromIso(h.acceptedDate),
    before: of('before'),
    after: of('after'),
    report: [...of('report'), ...of('other')],
  };
}

const str = (s: string | undefined) => s?.trim() || null;

export function inputFromValues(v: HazardFormValues): HazardInput {
  const attachments = [
    ...v.before.map((a) => ({ attachmentId: a.id, role: 'before' as const })),
    ...v.after.map((a) => ({ attachmentId: a.id, role: 'after' as const })),
    ...v.report.map((a) => ({ attachmentId: a.id, role: 'report' as const })),
  ];
  return {
    hazardNo: str(v.hazardNo),
    enterpriseName: v.enterpriseName?.trim() ?? '',
    townshipUnitId: v.townshipUnitId ?? null,
    village: str(v.village),
    industry: str(v.industry),
    category: str(v.category),
    description: v.description?.trim() ?? '',
    location: str(v.location),
    source: str(v.source),
    foundDate: toIso(v.foundDate),
    foundBy: str(v.foundBy),
    level: v.level,
    supervised: v.supervised,
    supervisingUnit: str(v.supervisingUnit),
    supervisionDeadline: toIso(v.supervisionDeadline),
    interimMeasures: str(v.interimMeasures),
    noticeId: v.noticeId ?? null,
    reportingUnitId: v.reportingUnitId ?? null,
    notes: str(v.notes),
    responsibleUnit: str(v.responsibleUnit),
    responsiblePerson: str(v.responsiblePerson),
    measures: str(v.measures),
    fundsFen: yuanToFen(v.fundsYuan),
    deadlineDate: v.deadlineMode === 'date' ? toIso(v.deadlineDate) : null,
    deadlineText: v.deadlineMode === 'text' ? str(v.deadlineText) : null,
    emergencyPlan: str(v.emergencyPlan),
    status: v.status,
    completedDate: toIso(v.completedDate),
    acceptedBy: str(v.acceptedBy),
    acceptedDate: toIso(v.acceptedDate),
    statusNote: str(v.statusNote),
    attachments,
  };
}

/** Which form field a server message is about, to show it there as well. */
export function fieldOfMessage(msg: string): keyof HazardFormValues | null {
  if (msg.includes('发现日期')) return 'foundDate';
  if (msg.includes('验收日期')) return 'acceptedDate';
  if (msg.includes('验收人')) return 'acceptedBy';
  if (msg.includes('完成日期')) return 'completedDate';
  if (msg.includes('隐患单位')) return 'enterpriseName';
  if (msg.includes('隐患描述')) return 'description';
  if (msg.includes('资金')) return 'fundsYuan';
  return null;
}
