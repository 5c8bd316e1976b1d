/**
 * 载入演示数据 (app:loadDemo, the CLI's demo): fills an empty data directory with a living demo, in one transaction
 * whose scans are removed again when it fails. The vocabulary is in vocabulary.ts, the hazards in hazards.ts.
 */
import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { mutate } from '../platform/mutation';
import { validation } from '../platform/errors';
import { createNotice, setRequirements } from '../notices/service';
import { createPledge } from '../pledges/editing';
import { sendBackReturn } from '../returns/editing';
import { registerReturn } from '../returns/service';
import { updateSettings } from '../settings/service';
import { createUnit } from '../units/service';
import { rng } from '../platform/seededRandom';
import { DEPARTMENTS, ENTERPRISE_KINDS, TOWNSHIPS, person } from './vocabulary';
import { addDemoHazards } from './hazards';
import { attachmentPath, commitScan, prepareFile } from '../attachments/service';
import fs from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../platform/dataPaths';
import { demoPledgeScan } from './scan';

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
      addDemoHazards(ctx, { n, r, scanRng, today, enterprises, ledgerNoticeId: ledgerNotice.id, storeScan });
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
