import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { mutate } from '../platform/mutation';
import { fiveImplementations, type HazardFields, type HazardLevel, type HazardStatus } from '../domain/hazard';
import { validation } from '../platform/errors';
import { createHazardThrough } from '../hazards/editing';
import type { HazardInput } from '../hazards/service';
import { createNotice, setRequirements } from '../notices/service';
import { createPledge } from '../pledges/editing';
import { sendBackReturn } from '../returns/editing';
import { registerReturn } from '../returns/service';
import { updateSettings } from '../settings/service';
import { createUnit } from '../units/service';
import { rng } from '../platform/seededRandom';
import { attachmentPath, commitScan, prepareFile } from '../attachments/service';
import fs from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../platform/dataPaths';
import { demoPledgeScan } from './scan';
import { findDuplicateHazard } from '../hazards/duplicates';

export const TOWNSHIPS = [
  ['钧台街道', '街道'],
  ['夏都街道', '街道'],
  ['韩城街道', '街道'],
  ['颍川街道', '街道'],
  ['火龙镇', '乡镇'],
  ['顺店镇', '乡镇'],
  ['方山镇', '乡镇'],
  ['神垕镇', '乡镇'],
  ['鸿畅镇', '乡镇'],
  ['梁北镇', '乡镇'],
  ['古城镇', '乡镇'],
  ['无梁镇', '乡镇'],
  ['文殊镇', '乡镇'],
  ['鸠山镇', '乡镇'],
  ['褚河镇', '乡镇'],
  ['范坡镇', '乡镇'],
  ['郭连镇', '乡镇'],
  ['朱阁镇', '乡镇'],
  ['浅井镇', '乡镇'],
  ['方岗镇', '乡镇'],
  ['花石镇', '乡镇'],
  ['张得镇', '乡镇'],
  ['小吕乡', '乡镇'],
  ['磨街乡', '乡镇'],
  ['山货乡', '乡镇'],
  ['苌庄镇', '乡镇'],
  ['禹州高新技术产业开发区', '开发区'],
] as const;

export const DEPARTMENTS = [
  '应急管理局',
  '住房和城乡建设局',
  '交通运输局',
  '公安局',
  '消防救援大队',
  '市场监督管理局',
  '教育局',
  '文化广电和旅游局',
  '工业和信息化局',
  '农业农村局',
  '水利局',
  '商务局',
  '城市管理局',
];

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '建国',
  '红梅',
  '志强',
  '秀英',
  '国庆',
  '海燕',
  '伟',
  '敏',
  '静',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '玉兰',
  '晓东',
  '春生',
  '垕民',
  '书亮',
  '新华',
  '振宇',
];

const ENTERPRISE_KINDS: [string, string][] = [
  ['燃气', '液化气站'],
  ['燃气', '餐饮店'],
  ['危化品', '化工有限公司'],
  ['建筑施工', '建筑工程有限公司'],
  ['交通运输', '运输有限公司'],
  ['消防', '商贸城'],
  ['特种设备', '机械制造有限公司'],
  ['文化旅游', '景区'],
  ['教育', '中心学校'],
  ['电力', '供电所'],
  ['工贸', '钧瓷厂'],
  ['粉尘涉爆', '木业有限公司'],
  ['有限空间', '污水处理厂'],
  ['工贸', '耐火材料有限公司'],
];

const HAZARD_TEXTS: Record<string, [string, string][]> = {
  燃气: [
    ['液化石油气钢瓶未使用防倾倒链固定', '加装防倾倒链并培训'],
    ['燃气管道穿越卧室且未设可燃气体报警器', '改移管道，安装报警器'],
    ['厨房未安装燃气泄漏自动切断装置', '安装燃气泄漏报警及自动切断装置'],
  ],
  危化品: [
    ['储罐区可燃气体检测报警仪未定期检定', '委托检定机构检定'],
    ['危险化学品仓库超量储存', '清理超量物料，严格执行定量储存'],
  ],
  建筑施工: [
    ['塔吊限位装置失效', '更换限位器并复检'],
    ['脚手架连墙件设置不足', '按方案补设连墙件'],
    ['深基坑临边防护缺失', '设置防护栏杆和警示标志'],
  ],
  交通运输: [
    ['车辆动态监控平台报警未及时处置', '落实专人值守监控平台'],
    ['驾驶员安全教育记录不全', '补齐教育培训记录'],
  ],
  消防: [
    ['疏散通道被货物堵塞', '立即清理疏散通道'],
    ['消防控制室值班人员无证上岗', '安排持证人员值班'],
    ['部分灭火器压力不足', '更换失效灭火器'],
  ],
  特种设备: [
    ['叉车未办理使用登记', '办理使用登记并定期检验'],
    ['压力容器安全阀超期未校验', '送检安全阀'],
  ],
  文化旅游: [
    ['游乐设施未张贴安全须知', '张贴安全须知并设专人管理'],
    ['景区临水区域护栏破损', '修复护栏'],
  ],
  教育: [
    ['学校食堂燃气管道老化', '更换燃气管道'],
    ['宿舍楼应急照明损坏', '维修应急照明'],
  ],
  电力: [
    ['配电室未设置挡鼠板', '加装挡鼠板'],
    ['变压器围栏缺少警示标识', '设置警示标识'],
  ],
  工贸: [
    ['窑炉燃气管道未设置紧急切断阀', '加装紧急切断阀'],
    ['机械设备传动部位防护罩缺失', '加装防护罩'],
    ['车间电气线路私拉乱接', '规范敷设电气线路'],
  ],
  粉尘涉爆: [
    ['除尘系统未设置泄爆装置', '加装泄爆片'],
    ['粉尘清扫制度未落实，积尘严重', '落实定期清扫制度'],
  ],
  有限空间: [
    ['有限空间作业未审批', '严格执行作业审批'],
    ['有限空间未设置警示标识', '设置警示标识'],
  ],
};

function person(r: ReturnType<typeof rng>) {
  return `${r.pick([...SURNAMES])}${r.pick(GIVEN)}`;
}

/**
 * Fills an empty data directory with a living demo: townships, departments and enterprises, the notices of the
 * seeds, 明白书, returns (some late, one sent back) and several hundred hazards in every state.
 */
export function fillDemo(ctx: AppContext, opts: { hazards?: number; seed?: number } = {}) {
  const count = (sqlTable: string) =>
    (ctx.sqlite.prepare(`select count(*) n from ${sqlTable}`).get() as { n: number }).n;
  if (count('units') + count('notices') + count('hazards') + count('pledges') > 0) {
    throw validation(
      '数据目录中已有数据，演示数据只能填入空的数据目录。请在“设置”中换一个空文件夹，或用命令行 --data 指定新目录',
    );
  }
  const r = rng(opts.seed ?? 20240125);
  const today = dayjs(ctx.now());
  const iso = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  // The scans are stored as files as the records are made; if the transaction fails (say, the disk is full),
  // the files it wrote are removed again, so a refused demo leaves the data directory as it was.
  const written: string[] = [];
  const storeScan = (png: Buffer, name: string) => {
    const prepared = { ...prepareFile(png, name, 'image/png'), pageCount: 1 };
    const file = attachmentPath(ctx, prepared);
    if (!fs.existsSync(file)) written.push(file);
    return commitScan(ctx, prepared);
  };
  try {
    return fillDemoRecords();
  } catch (e) {
    for (const f of written) removeStoredFile(ctx, f);
    throw e;
  }

  function fillDemoRecords() {
    return mutate(ctx, () => {
      updateSettings(ctx, {
        officeName: '禹州市安全生产委员会办公室',
        committeeName: '禹州市安全生产委员会',
        fondsName: '禹州市安全生产委员会办公室',
        fondsCode: 'A012',
        clerkName: '马军明',
      });
      const towns = TOWNSHIPS.map(([name, kind]) =>
        createUnit(ctx, {
          name,
          kind,
          aliases:
            kind === '开发区'
              ? ['禹州高新区', '高新区管委会']
              : [`禹州市${name}${kind === '街道' ? '办事处' : '人民政府'}`, `${name}安办`],
          contact: person(r),
          phone: `0374-88${r.int(10000, 99999)}`,
        }),
      );
      const depts = DEPARTMENTS.map((name) =>
        createUnit(ctx, {
          name,
          kind: '部门',
          aliases: [`禹州市${name}`],
          contact: person(r),
          phone: `0374-88${r.int(10000, 99999)}`,
        }),
      );
      const enterprises = Array.from({ length: 40 }, (_, i) => {
        const [industry, suffix] = ENTERPRISE_KINDS[i % ENTERPRISE_KINDS.length]!;
        const town = r.pick(towns);
        return {
          industry,
          town,
          unit: createUnit(ctx, {
            name: `禹州市${town.name.replace(/(镇|乡|街道|技术产业开发区)$/, '')}${['鑫源', '华盛', '恒达', '永安', '瑞丰', '宏图', '钧艺', '嵩阳'][i % 8]}${suffix}`,
            kind: '企业',
            parentId: town.id,
          }),
        };
      });

      // The seeds' notices, and this year's campaign with deadlines around today.
      const talk = createNotice(ctx, {
        docNo: '禹安〔2023〕1号',
        title: '禹州市安全生产委员会关于开展安全生产对话谈心活动的通知',
        issuedOn: '2023-01-05',
        deadline: '2023-01-30',
      });
      const review = createNotice(ctx, {
        docNo: '禹安办〔2024〕1号',
        title: '关于开展安全生产“回头看”工作的通知',
        issuedOn: '2024-01-10',
        deadline: '2024-01-25',
      });
      const year = today.year();
      const ledgerNotice = createNotice(ctx, {
        docNo: `禹安办〔${year}〕6号`,
        title: '关于深入开展重大事故隐患专项排查整治的通知',
        issuedOn: iso(today.subtract(5, 'month').startOf('month')),
      });
      const talkNow = createNotice(ctx, {
        docNo: `禹安〔${year}〕3号`,
        title: `关于开展${year}年度安全生产对话谈心活动的通知`,
        issuedOn: iso(today.subtract(20, 'day')),
        deadline: iso(today.add(5, 'day')),
      });
      const selfcheck = createNotice(ctx, {
        docNo: `禹安办〔${year}〕9号`,
        title: '关于报送安全生产大检查自查报告的通知',
        issuedOn: iso(today.subtract(30, 'day')),
        deadline: iso(today.subtract(3, 'day')),
      });

      setRequirements(
        ctx,
        talk.id,
        'pledge',
        towns.slice(0, 12).map((t) => ({ unitId: t.id, expectedCount: r.int(3, 6) })),
      );
      setRequirements(
        ctx,
        talkNow.id,
        'pledge',
        [...towns.slice(0, 10), ...depts.slice(0, 4)].map((t) => ({ unitId: t.id, expectedCount: r.int(2, 5) })),
      );
      setRequirements(
        ctx,
        review.id,
        'report',
        [...towns.slice(0, 10), ...depts.slice(0, 5)].map((t) => ({
          unitId: t.id,
          expectedCount: 1,
          lengthLimit: 2000,
        })),
      );
      setRequirements(
        ctx,
        review.id,
        'worklist',
        [...towns.slice(0, 10), ...depts.slice(0, 5)].map((t) => ({
          unitId: t.id,
          expectedCount: 1,
          lengthLimit: 300,
        })),
      );
      setRequirements(
        ctx,
        selfcheck.id,
        'selfcheck',
        [...towns.slice(0, 14), ...depts.slice(0, 6)].map((t) => ({ unitId: t.id, expectedCount: 1 })),
      );
      setRequirements(
        ctx,
        ledgerNotice.id,
        'ledger',
        towns.slice(0, 16).map((t) => ({ unitId: t.id, expectedCount: 1, period: 'monthly' as const, dueDay: 25 })),
      );

      // 明白书: the 2023 campaign nearly complete, this year's under way.
      let pledges = 0;
      let scans = 0;
      // The scans have their own random stream, so the records are the same with or without them.
      const scanRng = rng((opts.seed ?? 20240125) ^ 0x9e3779b9);
      const addPledges = (noticeId: number, unitIds: number[], share: number, around: dayjs.Dayjs) => {
        for (const unitId of unitIds) {
          const n = r.int(1, 5);
          for (let k = 0; k < n; k++) {
            if (!r.chance(share)) continue;
            const d = around.add(r.int(-12, 0), 'day');
            const signed = r.chance(0.9);
            const level = r.pick([1, 1, 2, 2, 2, 3]);
            const talkerName = person(r);
            const talkerTitle = r.pick(['党委书记', '镇长', '党委副书记', '常务副镇长', '局长']);
            const talkeeName = person(r);
            // Most signed 明白书 come back scanned (a generated image of the signed form).
            const scan =
              signed && scanRng.chance(0.85)
                ? storeScan(demoPledgeScan(scanRng), `明白书扫描件_${talkeeName}.png`)
                : null;
            if (scan) scans++;
            createPledge(ctx, {
              noticeId,
              level,
              talkerName,
              talkerTitle,
              talkeeName,
              talkeeUnitId: unitId,
              talkeeTitle: r.pick(['副镇长', '党委委员', '安办主任', '副局长', '应急所所长', '武装部长']),
              talkDate: iso(d),
              signed,
              signedDate: signed ? iso(d) : null,
              ...(scan ? { attachmentIds: [scan.id] } : {}),
            });
            pledges++;
          }
        }
      };
      addPledges(
        talk.id,
        towns.slice(0, 12).map((t) => t.id),
        0.95,
        dayjs('2023-01-28'),
      );
      addPledges(
        talkNow.id,
        [...towns.slice(0, 10), ...depts.slice(0, 4)].map((t) => t.id),
        0.6,
        today.subtract(1, 'day'),
      );

      // Returns: most on time, some late, one sent back.
      let returns = 0;
      for (const [i, u] of [...towns.slice(0, 10), ...depts.slice(0, 5)].entries()) {
        if (i === 7) continue; // never sent
        const late = i % 5 === 3;
        const rep = registerReturn(ctx, {
          noticeId: review.id,
          unitId: u.id,
          kind: 'report',
          title: `${u.name}安全生产“回头看”工作专题报告`,
          receivedDate: late ? '2024-01-29' : `2024-01-${String(r.int(18, 25)).padStart(2, '0')}`,
          approved: true,
          sealed: i !== 2,
          textLength: i === 4 ? 2380 : r.int(1200, 1990),
        });
        returns++;
        if (i === 2) {
          sendBackReturn(ctx, rep.id, '未加盖单位公章，请盖章后重新报送');
        }
        if (i !== 9) {
          registerReturn(ctx, {
            noticeId: review.id,
            unitId: u.id,
            kind: 'worklist',
            title: `${u.name}“回头看”工作清单`,
            receivedDate: '2024-01-24',
            approved: true,
            sealed: true,
            textLength: r.int(150, 330),
          });
          returns++;
        }
      }
      for (const [i, u] of [...towns.slice(0, 14), ...depts.slice(0, 6)].entries()) {
        if (i % 4 === 1) continue;
        registerReturn(ctx, {
          noticeId: selfcheck.id,
          unitId: u.id,
          kind: 'selfcheck',
          title: `${u.name}安全生产大检查自查报告`,
          receivedDate: iso(today.subtract(r.int(2, 10), 'day')),
          approved: true,
          sealed: true,
        });
        returns++;
      }
      for (const [i, u] of towns.slice(0, 16).entries()) {
        for (let m = 5; m >= 1; m--) {
          if ((i + m) % 7 === 0) continue;
          const month = today.subtract(m, 'month');
          registerReturn(ctx, {
            noticeId: ledgerNotice.id,
            unitId: u.id,
            kind: 'ledger',
            period: month.format('YYYY-MM'),
            receivedDate: iso(month.date(r.int(20, 27))),
            approved: true,
            sealed: true,
          });
          returns++;
        }
      }

      // Hazards: a year of inspections in every state.
      const n = opts.hazards ?? 600;
      let nos = 0;
      for (let i = 0; i < n; i++) {
        const e = r.pick(enterprises);
        const [description, measures] = r.pick(HAZARD_TEXTS[e.industry] ?? HAZARD_TEXTS['工贸']!);
        const found = today.subtract(r.int(0, 330), 'day');
        const level: HazardLevel = r.chance(0.05) ? '重大' : '一般';
        const age = today.diff(found, 'day');
        const status: HazardStatus =
          age < 10
            ? r.pick(['未整改', '整改中'] as const)
            : age < 40
              ? r.pick(['整改中', '已整改', '已整改', '未整改'] as const)
              : r.pick(['已整改', '已验收销号', '已验收销号', '整改中'] as const);
        const worded = r.chance(0.1);
        const deadline = found.add(r.int(7, 45), 'day');
        const completed =
          status === '已整改' || status === '已验收销号'
            ? found.add(r.int(1, Math.max(1, Math.min(age, 40))), 'day')
            : null;
        const completedIso = completed && completed.isAfter(today) ? iso(today) : completed ? iso(completed) : null;
        const input: HazardInput = {
          hazardNo: `${e.town.name.slice(0, 2)}-${String(++nos).padStart(4, '0')}`,
          enterpriseName: e.unit.name,
          townshipUnitId: e.town.id,
          village: r.chance(0.5)
            ? `${r.pick(['东', '西', '南', '北', '前', '后'])}${r.pick(['李', '王', '张', '刘'])}村`
            : null,
          industry: e.industry,
          description,
          location: r.pick(['生产车间', '仓库', '厨房', '配电室', '办公楼', '施工现场', '储罐区']),
          source: r.pick(['自查', '部门检查', '部门检查', '暗访暗查', '回头看']),
          foundDate: iso(found),
          foundBy: `${r.pick(DEPARTMENTS)} ${person(r)}`,
          level,
          responsibleUnit: e.unit.name,
          responsiblePerson: person(r),
          measures,
          fundsFen: r.chance(0.85) ? r.int(2, 500) * 10000 : null,
          deadlineDate: worded ? null : iso(deadline),
          deadlineText: worded ? '立即整改' : null,
          emergencyPlan: level === '重大' && r.chance(0.7) ? '已制定专项应急预案' : null,
          interimMeasures: level === '重大' ? '停止相关区域作业，设置警戒' : null,
          status,
          completedDate: completedIso,
          acceptedBy: status === '已验收销号' ? `${r.pick(DEPARTMENTS)} ${person(r)}` : null,
          acceptedDate: status === '已验收销号' ? completedIso : null,
          supervised: level === '重大' && r.chance(0.5),
          // 重大 hazards are 挂牌督办 by the 安委办, due by their rectification deadline.
          supervisingUnit: level === '重大' ? '禹州市安全生产委员会办公室' : null,
          supervisionDeadline: level === '重大' ? iso(deadline) : null,
          noticeId: r.chance(0.5) ? ledgerNotice.id : null,
          reportingUnitId: e.town.id,
          statusNote: '演示数据',
        };
        // The closure rules: a 重大 hazard is 销号 with its whole 五落实 and a 整改验收报告 (a generated page, from the
        // scans' own random stream); one whose 五落实 is incomplete stays at 已整改, waiting for it.
        if (input.level === '重大' && input.status === '已验收销号') {
          if (fiveImplementations(input as HazardFields).complete) {
            const report = storeScan(demoPledgeScan(scanRng), `整改验收报告_${e.unit.name}.png`);
            input.attachments = [{ attachmentId: report.id, role: 'report' }];
          } else Object.assign(input, { status: '已整改', acceptedBy: null, acceptedDate: null });
        }
        // The same hazard twice on one day at one unit would be refused as a duplicate: it is another spot.
        const text = input.description;
        for (
          let k = 2;
          findDuplicateHazard(ctx, {
            enterpriseName: input.enterpriseName,
            description: input.description,
            foundDate: input.foundDate ?? null,
            townshipUnitId: input.townshipUnitId,
          });
          k++
        ) {
          input.description = `${text}（第 ${k} 处）`;
        }
        // Created and moved step by step along the closure path, as the clerk would have.
        createHazardThrough(ctx, input);
      }
      return {
        units: towns.length + depts.length + enterprises.length,
        notices: 5,
        pledges,
        scans,
        returns,
        hazards: n,
      };
    });
  }
}

/** Removes a stored file and the shard folder it leaves empty (never the attachments folder itself). */
function removeStoredFile(ctx: AppContext, file: string) {
  fs.rmSync(file, { force: true });
  const shard = path.dirname(file);
  try {
    if (shard !== dataPaths(ctx.dataDir).attachmentsDir) fs.rmdirSync(shard);
  } catch {
    /* not empty */
  }
  try {
    const store = dataPaths(ctx.dataDir).attachmentsDir;
    if (fs.readdirSync(store).length === 0) fs.rmdirSync(store);
  } catch {
    /* gone or not empty */
  }
}
