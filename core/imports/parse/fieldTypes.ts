/**
 * What a field of an import table is: its name in the record, its label, the type of value the column holds
 * (ValueType, which decides how a cell is read) and the header words that mean it. The tables are fields.ts and
 * hazardFields.ts.
 */

export type ValueType =
  'text' | 'longText' | 'date' | 'deadline' | 'money' | 'level' | 'status' | 'yesNo' | 'pledgeLevel';

export interface FieldDef {
  field: string;
  label: string;
  type: ValueType;
  required?: boolean;
  /** Normalised header keys (see headerKey) that mean this field. */
  synonyms: readonly string[];
}

/** The column field that carries a row number (序号); used as hazardNo when there is no 编号 column. */
export const SERIAL_FIELD = 'serial';
