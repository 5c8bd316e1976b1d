/**
 * The hazard columns an import may write and the plan of one imported row: which fields a ledger row carries
 * (IMPORTED_FIELDS, in ledger order), the SQL column of each (columnOf), and a row planned for insert or update
 * (PlannedHazard). They belong to the hazards feature, which owns the table; core/imports plans rows in these
 * terms and core/hazards/imported.ts writes them.
 */
import type { HazardFields } from '../domain/hazard';

/** Fields a hazard import writes, in ledger order (townshipName is handled with the unit link). */
export const IMPORTED_FIELDS = [
  'hazardNo',
  'enterpriseName',
  'village',
  'industry',
  'category',
  'description',
  'location',
  'source',
  'foundDate',
  'foundBy',
  'level',
  'responsibleUnit',
  'responsiblePerson',
  'measures',
  'fundsFen',
  'deadlineDate',
  'deadlineText',
  'emergencyPlan',
  'interimMeasures',
  'status',
  'completedDate',
  'acceptedBy',
  'acceptedDate',
  'supervised',
  'notes',
] as const satisfies readonly (keyof HazardFields)[];
export type ImportedField = (typeof IMPORTED_FIELDS)[number];

const COLUMN: Record<ImportedField | 'townshipName', string> = {
  hazardNo: 'hazard_no',
  enterpriseName: 'enterprise_name',
  townshipName: 'township_name',
  village: 'village',
  industry: 'industry',
  category: 'category',
  description: 'description',
  location: 'location',
  source: 'source',
  foundDate: 'found_date',
  foundBy: 'found_by',
  level: 'level',
  responsibleUnit: 'responsible_unit',
  responsiblePerson: 'responsible_person',
  measures: 'measures',
  fundsFen: 'funds_fen',
  deadlineDate: 'deadline_date',
  deadlineText: 'deadline_text',
  emergencyPlan: 'emergency_plan',
  interimMeasures: 'interim_measures',
  status: 'status',
  completedDate: 'completed_date',
  acceptedBy: 'accepted_by',
  acceptedDate: 'accepted_date',
  supervised: 'supervised',
  notes: 'notes',
};
export const columnOf = (f: ImportedField | 'townshipName') => COLUMN[f];

export interface FieldDiff {
  field: ImportedField;
  label: string;
  before: unknown;
  after: unknown;
}

export interface PlannedHazard {
  rowNumber: number;
  rowKey: string;
  values: HazardFields;
  townshipUnitId: number | null;
  /** Existing hazard it updates, if any. */
  existingId: number | null;
  diffs: FieldDiff[];
}
