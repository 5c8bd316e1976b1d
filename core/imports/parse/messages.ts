/** The importer's file-level error messages, in Chinese, each naming the file and what the clerk can do. */
import { fileInvalid, type AppError } from '../../platform/errors';

const SAVE_AS = '请在 Excel/WPS 中打开后“另存为” .xlsx 再导入';

export const fileErrors = {
  empty: (file: string): AppError => fileInvalid(`文件“${file}”是空文件（0 字节），无法导入。请向报送单位重新索取文件`),
  tooLarge: (file: string, bytes: number, limit: number): AppError =>
    fileInvalid(
      `文件“${file}”有 ${mb(bytes)} MB，超过 ${mb(limit)} MB 的导入上限。请确认没有选错文件；确需导入的，请把表格拆分成几个文件后再导入`,
    ),
  zipTooLarge: (file: string, what: string): AppError =>
    fileInvalid(
      `文件“${file}”${what}，不像正常的报表，为保护电脑已拒绝导入。请在 Excel/WPS 中打开检查，删除多余内容后另存再导入`,
    ),
  unreadable: (file: string): AppError =>
    fileInvalid(`无法打开文件“${file}”。请确认文件存在、没有被其他程序（如 Excel/WPS）占用后重试`),
  damaged: (file: string): AppError => fileInvalid(`文件“${file}”已损坏或不完整，无法读取。${SAVE_AS}`),
  unsupported: (file: string): AppError =>
    fileInvalid(`文件“${file}”不是 Excel（.xlsx/.xls）或 CSV 文件，无法导入。${SAVE_AS}`),
  encrypted: (file: string): AppError =>
    fileInvalid(`文件“${file}”设置了打开密码，请在 Excel/WPS 中取消密码后另存再导入`),
  html: (file: string): AppError =>
    fileInvalid(`文件“${file}”实际是网页（HTML）格式，只是扩展名像 Excel 文件。${SAVE_AS}`),
  otherSpreadsheet: (file: string, kind: string): AppError =>
    fileInvalid(`文件“${file}”是${kind}，本程序不能直接读取。${SAVE_AS}`),
  noSheets: (file: string): AppError =>
    fileInvalid(`文件“${file}”里没有任何工作表，无法导入。请确认文件内容后重新报送`),
  sheetNotFound: (file: string, sheet: string): AppError =>
    fileInvalid(`文件“${file}”里没有名为“${sheet}”的工作表。请重新选择工作表`),
  unknownKind: (file: string, sheet: string): AppError =>
    fileInvalid(
      `无法判断文件“${file}”的工作表“${sheet}”是哪类报表：表头中缺少隐患台账（隐患单位、隐患描述）、明白书汇总表（谈话人、谈话对象）或工作清单（贯彻落实措施、工作进展情况）应有的列。请确认选对了文件，或在导入向导中选择类型并指定各列`,
    ),
  noHeader: (file: string, sheet: string): AppError =>
    fileInvalid(
      `文件“${file}”的工作表“${sheet}”中找不到表头（如“企业名称”“隐患描述”“谈话对象”等列名）。请确认选择了正确的工作表，或在向导中手动指定各列`,
    ),
};

function mb(bytes: number): string {
  const v = bytes / (1024 * 1024);
  return v >= 10 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
}
