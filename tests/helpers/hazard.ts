import type { AppContext } from '../../core/platform/context';
import { commitScan, prepareFile } from '../../core/attachments/service';
import type { HazardInput } from '../../core/hazards/service';

/** A complete 隐患 as the hazard form would send it (a 工贸 enterprise's gas valve), with `over` applied. */
export function hazardInput(townshipUnitId: number, over: Partial<HazardInput> = {}): HazardInput {
  return {
    hazardNo: null,
    enterpriseName: '禹州市钧瓷文化产业园',
    townshipUnitId,
    village: null,
    industry: '工贸',
    description: '窑炉燃气管道未设置紧急切断阀',
    location: '烧成车间',
    source: '部门检查',
    foundDate: '2024-03-05',
    foundBy: '应急局 王工',
    level: '一般',
    responsibleUnit: null,
    responsiblePerson: '刘厂长',
    measures: '加装紧急切断阀',
    fundsFen: 500000,
    deadlineDate: '2024-04-30',
    deadlineText: null,
    emergencyPlan: null,
    interimMeasures: null,
    status: '未整改',
    completedDate: null,
    acceptedBy: null,
    acceptedDate: null,
    supervised: false,
    notes: null,
    ...over,
  };
}

/** A stored 整改报告 (a tiny PDF) to attach to a hazard with role 'report'. */
export function reportAttachment(ctx: AppContext, name = '整改验收报告.pdf') {
  const pdf = Buffer.from(
    `%PDF-1.4\n% ${name}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
  return commitScan(ctx, { ...prepareFile(pdf, name, 'application/pdf'), pageCount: 1 });
}
