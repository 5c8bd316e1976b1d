export class UsageError extends Error {}

/** Ends the command with an exit code after it has printed its own report. */
export class SilentExit extends Error {
  constructor(public readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

export const USAGE = `安委台账 命令行

用法：npm run cli -- [--data 数据目录] <命令> [参数]

  init                                   初始化（或升级）数据目录
  units add 名称 [--kind 类别] [--alias 别名]…   添加单位（类别：乡镇/街道/开发区/部门/企业/其他）
  units list [--json]                    列出单位名录
  units merge 旧名 --into 新名 [--json]    合并单位：旧名下的全部记录改到新名，旧名保留为别名
  units disable 名称 [--json]             停用单位（不再报送；原有记录保留）
  units enable 名称 [--json]              重新启用单位
  notices add --no 文号 --title 标题 [--date 发文日期] [--deadline 截止日期] [--json]
  notices list [--json]                  列出通知
  notices require --no 文号 --unit 单位 --count 份数   设置某单位应签明白书份数
  pledges add --level 1-4 --talker 谈话人 --talker-title 职务 --talkee 谈话对象
              --talkee-unit 单位 --talkee-title 职务 --date YYYY-MM-DD
              [--signed-date YYYY-MM-DD | --unsigned] [--notice 文号] [--reporting-unit 单位]
              [--custody 留存单位] [--notes 备注] [--scan 扫描件]… [--confirm-duplicate] [--json]
  pledges list [--notice 文号] [--unit 单位] [--search 关键词] [--json]
  coverage --notice 文号 [--json]         明白书签订覆盖情况
  print-pledge 编号 --out 文件.pdf        打印预填的明白书
  hazards list [--township 乡镇] [--industry 行业] [--category 隐患类别] [--level 一般|重大] [--status 状态] [--overdue]
               [--from 日期 --to 日期] [--search 关键词] [--notice 文号] [--json]
  hazards status 编号… --to 状态 [--date YYYY-MM-DD] [--accepted-by 验收人] [--note 原因] [--json]
                                         修改隐患整改状态（逐级：未整改→整改中→已整改→已验收销号；退回须 --note；
                                         多条时全部成功或全部不改）
  hazards report 编号 --scan 文件… [--json]   为隐患添加整改报告或验收材料（重大隐患销号前须有）
  stats [--from YYYY-MM-DD --to YYYY-MM-DD] [--township 乡镇] [--industry 行业] [--json]
  reports list [--notice 文号] [--unit 单位] [--json]   自查报告、专题报告、工作清单等报送记录
  import 文件 [--unit 报送单位] [--notice 文号 [--period YYYY-MM|YYYY-Qn]] [--sheet 工作表] [--dry-run]
         [--skip-errors] [--json]        导入单位报送的 Excel/CSV（隐患台账、明白书汇总表、工作清单）；
                                         只有指定 --notice（按月、按季度报送的还须 --period）才计入该通知的报送
  imports list [--json]                  导入批次记录
  imports undo 批次号                     撤销一次导入
  export-volume [--kind pledge,return,hazard,closure] [--notice 文号] [--year YYYY] [--unit 单位]
                [--level 1-4|一般|重大] [--order date|unit|level] [--title 案卷题名] [--retention Y|D30|D10]
                [--page-limit 200] [--single-sided] [--pdfa] [--spine 20|30|40|50] [--category-name 类目名称]
                [--fonds-code 全宗号] [--creator 立卷人] [--checker 检查人] [--new-volume] --out 文件.pdf
                [--seal [--confirm-warnings]] [--json]
                                         按“设置”中的归档方式导出：组卷时为案卷 PDF（封面、卷内目录、文件、备考表），
                                         按件归档时为档案盒 PDF（归档文件目录、各件及归档章、盒内备考表、盒脊，
                                         --spine 为盒脊厚度毫米数，默认按页数）；年度取自文件日期，材料跨年度时
                                         拒绝（请加 --year）；材料已在某案卷中时重新导出该案卷，确需另组新卷加
                                         --new-volume；--seal 同时封卷（按件归档：装盒）
  export-package (--year YYYY | --volume 编号…) --out 文件夹 [--mode 按件|组卷] [--zip] [--json]
                                         导出电子档案（归档信息包：每件 PDF/A 与元数据 XML、目录、清单与
                                         SM3/SHA-256 摘要、移交登记表），随后做四性检测；检测不通过时以 1 退出
  volumes list [--json]                  案卷列表（草稿、已封卷、是否已过期）
  volumes check 编号 [--json]             组卷检查（缺签、缺扫描件、未报送、损坏的扫描件、空白页等）；
                                         已封卷的：重新校验封卷 PDF 和装订的文件、核对记录，有改动时以 1 退出
  volumes export 编号 --out 文件.pdf [--json]   重新导出案卷（已封卷的导出封卷时保存的 PDF，逐字节相同）
  volumes seal 编号 [--out 文件.pdf] [--fonds-code 全宗号] [--creator 立卷人] [--checker 检查人]
                [--confirm-warnings] [--json]
                                         封卷（导出，PDF 存入附件库，记录内容、版本与 SHA-256）；须有立卷人、
                                         检查人和全宗号，组卷检查有缺漏时拒绝，有提示时须 --confirm-warnings
  volumes spine 编号 --out 文件.pdf [--json]   打印卷脊（每卷一条，按卷盒厚度 20–50 mm，A4 打印后裁下）
  export-ledger --out 文件.xlsx [--township 乡镇] [--industry 行业] [--level 一般|重大] [--status 状态]
                [--overdue] [--from 日期 --to 日期] [--search 关键词] [--notice 文号]   导出隐患台账（打印用 Excel）
  board export [--notice 文号] [--only-late] [--out 文件.xlsx] [--json]
                                         导出材料报送情况跟踪表（打印用 Excel，标题注明筛选条件）
  reminders export [--notice 文号] [--only-late] [--format pdf|xlsx] [--out 文件] [--json]
                                         生成催报通知（PDF）或催报清单（Excel）；没有需催报的材料时拒绝
  settings [--mode piece|volume] [--org-code 机构代码] [--fonds-code 全宗号] [--json]
                                         查看或修改归档设置：归档方式（piece 按件归档 DA/T 22-2015，
                                         volume 组卷 GB/T 9705-2008）、机构（问题）代码、全宗号
  check-package 文件夹 [--json]           电子档案四性检测（真实性、完整性、可用性、安全性），检测报告写入
                                         信息包的“检测”文件夹；不通过时以 1 退出
  demo                                   在空的数据目录中填入演示数据
  backup 文件夹 [--json]                  备份数据库和全部附件到一个 .tar 文件（如 U 盘）
  restore 备份文件 [--json]               校验备份（含其中数据库的完整性和版本），再对当前数据做安全备份并恢复；
                                         数据库损坏、无法打开时也可使用
  check [--repair] [--json]               数据检查（数据库完整性、附件齐全且校验一致、中断操作留下的文件）；
                                         --repair 重建索引、清理中断操作留下的文件
  recover [--json]                        尝试修复损坏的数据库：把仍可读取的记录复制到新数据库，损坏的文件
                                         另存到 backups 文件夹，报告每类记录丢失的条数，再做数据检查
  backups list [--json]                   列出可用于恢复的备份（自动备份、恢复前的安全备份）及其日期和记录数

退出码：0 成功；1 输入被拒绝（未写入任何数据）；2 用法错误。
数据目录默认在用户数据文件夹（可用 --data 或环境变量 ANWEI_DATA 指定）。`;
