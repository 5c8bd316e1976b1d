/**
 * Excel date serials. 1900 system: serial 1 = 1900-01-01, and Excel counts a 1900-02-29 that never existed
 * (serial 60), so from serial 61 on the epoch is 1899-12-30. 1904 system: serial 0 = 1904-01-01.
 */

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** The serial as a UTC Date (exceljs' convention, so xls and xlsx agree). Serial 60 in 1900 is mapped to 1900-03-01. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  if (date1904) return new Date(Math.round(EPOCH_1904 + serial * DAY_MS));
  const adjusted = serial < 61 ? serial + 1 : serial;
  return new Date(Math.round(EPOCH_1900 + adjusted * DAY_MS));
}

/** YYYY-MM-DD for a date serial, or null for the 1900-02-29 Excel invented, negatives and non-numbers. */
export function excelSerialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const day = Math.floor(serial + 1e-9);
  if (!date1904 && day === 60) return null;
  if (!date1904 && day === 0) return null;
  const d = excelSerialToDate(day, date1904);
  return d.toISOString().slice(0, 10);
}
