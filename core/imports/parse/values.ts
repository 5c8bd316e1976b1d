/** Value normalisation for import cells: dates, money, and the words for levels, statuses and yes/no. */
export { isoFromParts, parseDateCell, parseDateText, type DateContext, type DateResult } from './dates';
export { decimalToInt, fenText, parseMoneyCell, parseMoneyText, type MoneyResult, type MoneyUnit } from './money';
export { excelSerialToDate, excelSerialToIso } from './serial';
export { cleanValue, charCount } from './text';
export { parseLevel, parsePledgeLevel, parseStatus, parseSupervised, parseYesNo, type WordResult } from './words';
