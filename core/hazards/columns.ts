/**
 * The SQL column of each field a hazard import writes (columnOf; the fields themselves, IMPORTED_FIELDS, are a
 * domain list in core/domain/hazard.ts) and a row planned for insert or update (PlannedHazard). They belong to
 * the hazards feature, which owns the table; core/imports plans rows in these terms and
 * core/hazards/imported.ts writes them.
 */
import type { HazardFields, ImportedField } from '../domain/hazard';

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
