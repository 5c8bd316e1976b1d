/** Channel → service call. Handlers are one-liners: behaviour lives in the services. */
import type { AppContext } from '../platform/context';
import { exportPackageInteractive } from '../archivePackage/interactive';
import { chooseDataDir, dataDirInfo, showDataDir } from '../platform/dataDir';
import { listAudit } from '../audit/service';
import { importScans, openAttachment, readAttachment, rotateAttachmentPage } from '../attachments/service';
import { createNotice, listNotices, listRequirements, setRequirements, updateNotice } from '../notices/service';
import {
  createPledge,
  deletePledge,
  getPledge,
  listPledges,
  pledgeCoverage,
  defaultCoverageNotice,
  updatePledge,
} from '../pledges/service';
import { previewChaseNotice, previewPledgeForm, previewVolume, printHeld, saveHeld } from '../print/preview';
import { getSettings, updateSettings } from '../settings/service';
import { returnBoard } from '../returns/board';
import { exportChase, exportStats } from '../exports/service';
import { exportList } from '../exports/lists';
import {
  changeHazardStatus,
  createHazard,
  deleteHazard,
  getHazard,
  listHazards,
  updateHazard,
} from '../hazards/service';
import { homeSummary } from '../stats/home';
import { fillDemo } from '../demo/service';
import { importDocuments } from '../attachments/documents';
import { listTrash, restoreFromTrash } from '../trash/service';
import { cancelJob, jobProgress } from '../platform/jobs';
import { listBatches, undoImport } from '../imports/commit';
import { commitPicked, pickImportFile, previewImport, returnLetterPicked, saveTemplate } from '../imports/session';
import { backupTo, chooseAutoBackupDir, inspectBackup, restoreBackup, runCheck } from '../backup/service';
import {
  deleteReturn,
  listReturns,
  registerReturn,
  returnHistory,
  sendBackReturn,
  updateReturn,
} from '../returns/service';
import { hazardStats, statsParagraph } from '../stats/service';
import { createUnit, listUnits, mergeUnits, setUnitActive, updateUnit } from '../units/service';
import {
  checkVolume,
  createEdition,
  createSupplement,
  createVolume,
  deleteVolume,
  exportVolumeInteractive,
  exportSpineInteractive,
  exportVolumeOfdInteractive,
  getVolume,
  hazardLedgerBytes,
  listVolumes,
  pledgeSummaryBytes,
  previewSelection,
  returnBoardBytes,
  saveWorkbookInteractive,
  updateVolume,
  volumeHistory,
  volumeStatus,
} from '../volumes';
import {
  checkPackageInteractive,
  exportedPackages,
  openCheckReport,
  recheckAll,
  recheckState,
} from '../archivePackage/checkService';
import type { z } from 'zod';
import type { Channel, ParsedInput } from './contract';
import type { Outputs } from './outputs';
import { APP_VERSION } from '../platform/version';

/**
 * Each handler must return what its output schema (core/ipc/outputs.ts) says: the renderer reads result types
 * from there, so a service whose result drifts from the contract fails the typecheck here.
 */
type HandlerMap = {
  [C in Channel]: (ctx: AppContext, input: ParsedInput<C>) => z.infer<Outputs[C]> | Promise<z.infer<Outputs[C]>>;
};

export const handlers = {
  'app:info': (ctx) => ({ version: APP_VERSION, ...dataDirInfo(ctx) }),
  'app:chooseDataDir': (ctx) => chooseDataDir(ctx),
  'app:showDataDir': (ctx) => showDataDir(ctx),
  'app:loadDemo': (ctx) => fillDemo(ctx),

  'settings:get': (ctx) => getSettings(ctx),
  'settings:update': (ctx, i) => updateSettings(ctx, i.patch),

  'units:list': (ctx, i) => listUnits(ctx, i),
  'units:export': (ctx, i) => exportList(ctx, { list: 'units', filter: i }),
  'units:create': (ctx, i) => createUnit(ctx, i),
  'units:update': (ctx, i) => updateUnit(ctx, i.id, i.patch),
  'units:merge': (ctx, i) => mergeUnits(ctx, i.fromId, i.intoId),
  'units:setActive': (ctx, i) => setUnitActive(ctx, i.id, i.active),

  'notices:list': (ctx, i) => listNotices(ctx, i),
  'notices:create': (ctx, i) => createNotice(ctx, i),
  'notices:update': (ctx, i) => updateNotice(ctx, i.id, i.patch),
  'notices:requirements': (ctx, i) => listRequirements(ctx, i.noticeId),

  'notices:setRequirements': (ctx, i) => setRequirements(ctx, i.noticeId, i.kind, i.items),

  'hazards:list': (ctx, i) => listHazards(ctx, i),
  'hazards:export': (ctx, i) => exportList(ctx, { list: 'hazards', filter: i }),
  'hazards:get': (ctx, i) => getHazard(ctx, i.id),
  'hazards:create': (ctx, i) => createHazard(ctx, i),
  'hazards:update': (ctx, i) => updateHazard(ctx, i.id, i.patch),
  'hazards:delete': (ctx, i) => deleteHazard(ctx, i.id),
  'hazards:changeStatus': (ctx, i) => changeHazardStatus(ctx, i),

  'returns:list': (ctx, i) => listReturns(ctx, i),
  'returns:export': (ctx, i) => exportList(ctx, { list: 'returns', filter: i }),
  'returns:register': (ctx, i) => registerReturn(ctx, i),
  'returns:update': (ctx, i) => updateReturn(ctx, i.id, i.patch),
  'returns:delete': (ctx, i) => deleteReturn(ctx, i.id),
  'returns:sendBack': (ctx, i) => sendBackReturn(ctx, i.id, i.reason),
  'returns:history': (ctx, i) => returnHistory(ctx, i.id),

  'board:get': (ctx, i) => returnBoard(ctx, i),
  'board:export': (ctx, i) => exportList(ctx, { list: 'board', filter: i }),
  'board:printChase': (ctx, i) => previewChaseNotice(ctx, i),
  'board:exportChase': (ctx, i) => exportChase(ctx, i),

  'stats:get': (ctx, i) => {
    const stats = hazardStats(ctx, i);
    return { ...stats, paragraph: statsParagraph(stats) };
  },
  'stats:exportExcel': (ctx, i) => exportStats(ctx, i),

  'home:summary': (ctx) => homeSummary(ctx),

  'imports:pickFile': (ctx) => pickImportFile(ctx),
  'imports:preview': (ctx, i) => previewImport(ctx, i.token, i.options, i.jobId),
  'imports:commit': (ctx, i) => commitPicked(ctx, i.token, i.options, i.jobId),
  'imports:returnLetter': (ctx, i) => returnLetterPicked(ctx, i.token, i.options),
  'imports:list': (ctx) => listBatches(ctx),
  'imports:undo': (ctx, i) => undoImport(ctx, i.id),
  'imports:template': (ctx, i) => saveTemplate(ctx, i.noticeId, i.unitId),

  'jobs:progress': (_ctx, i) => jobProgress(i.jobId),
  'jobs:cancel': (_ctx, i) => cancelJob(i.jobId),

  'trash:list': (ctx) => listTrash(ctx),
  'trash:restore': (ctx, i) => restoreFromTrash(ctx, i.entity, i.id),

  'backup:create': (ctx) => backupTo(ctx),
  'backup:inspect': (ctx) => inspectBackup(ctx),
  'backup:restore': (ctx, i) => restoreBackup(ctx, i.token),
  'backup:chooseAutoDir': (ctx) => chooseAutoBackupDir(ctx),
  'check:run': (ctx, i) => runCheck(ctx, i.repair),

  'pledges:list': (ctx, i) => listPledges(ctx, i),
  'pledges:export': (ctx, i) => exportList(ctx, { list: 'pledges', filter: i }),
  'pledges:get': (ctx, i) => getPledge(ctx, i.id),
  'pledges:create': (ctx, i) => createPledge(ctx, i),
  'pledges:update': (ctx, i) => updatePledge(ctx, i.id, i.patch),
  'pledges:delete': (ctx, i) => deletePledge(ctx, i.id),
  'pledges:coverage': (ctx, i) => pledgeCoverage(ctx, i.noticeId),
  'pledges:coverageDefault': (ctx) => ({ noticeId: defaultCoverageNotice(ctx) }),
  'pledges:print': (ctx, i) => previewPledgeForm(ctx, i.id),

  'print:pdf': (ctx, i) => printHeld(ctx, i.token),
  'print:save': (ctx, i) => saveHeld(ctx, i.token),

  'attachments:pick': (ctx) => importScans(ctx),
  'attachments:pickDocument': (ctx) => importDocuments(ctx),
  'attachments:preview': (ctx, i) => readAttachment(ctx, i.id),
  'attachments:open': (ctx, i) => openAttachment(ctx, i.id),
  'attachments:rotate': (ctx, i) => rotateAttachmentPage(ctx, i.id, i.page, i.turn),

  'audit:list': (ctx, i) => listAudit(ctx, i),

  'volumes:list': (ctx) => listVolumes(ctx),
  'volumes:get': (ctx, i) => getVolume(ctx, i.id),
  'volumes:preview': (ctx, i) => previewSelection(ctx, i.selection, i.orderBy),
  'volumes:create': (ctx, i) => createVolume(ctx, i),
  'volumes:update': (ctx, i) => updateVolume(ctx, i.id, i.patch),
  'volumes:delete': (ctx, i) => deleteVolume(ctx, i.id),
  'volumes:check': (ctx, i) => checkVolume(ctx, i.id),
  'volumes:status': (ctx, i) => volumeStatus(ctx, i.id),
  'volumes:export': (ctx, i) =>
    i.format === 'ofd'
      ? exportVolumeOfdInteractive(ctx, i.id, { seal: i.seal, jobId: i.jobId })
      : exportVolumeInteractive(ctx, i.id, { seal: i.seal, confirmWarnings: i.confirmWarnings, jobId: i.jobId }),
  'volumes:seal': (ctx, i) =>
    exportVolumeInteractive(ctx, i.id, { seal: true, confirmWarnings: i.confirmWarnings, jobId: i.jobId }),
  'volumes:spine': (ctx, i) => exportSpineInteractive(ctx, i.id),
  'volumes:exportPackage': (ctx, i) => exportPackageInteractive(ctx, i),
  'volumes:printPreview': (ctx, i) => previewVolume(ctx, i.id, i.jobId),
  'volumes:supplement': (ctx, i) => createSupplement(ctx, i.id),
  'volumes:newEdition': (ctx, i) => createEdition(ctx, i.id),
  'volumes:history': (ctx, i) => volumeHistory(ctx, i.id),
  'volumes:exportLedger': (ctx, i) =>
    saveWorkbookInteractive(ctx, `隐患排查治理台账_${ctx.now().toISOString().slice(0, 10)}.xlsx`, () =>
      hazardLedgerBytes(ctx, i),
    ),
  'volumes:exportPledgeSummary': (ctx, i) =>
    saveWorkbookInteractive(ctx, `明白书签订情况汇总表_${ctx.now().toISOString().slice(0, 10)}.xlsx`, () =>
      pledgeSummaryBytes(ctx, i),
    ),
  'volumes:exportBoard': (ctx, i) =>
    saveWorkbookInteractive(ctx, `材料报送情况跟踪表_${ctx.now().toISOString().slice(0, 10)}.xlsx`, () =>
      returnBoardBytes(ctx, i),
    ),
  'volumes:checkPackage': (ctx, i) => checkPackageInteractive(ctx, i),
  'volumes:openCheckReport': (ctx, i) => openCheckReport(ctx, i.token),
  'volumes:exportedPackages': (ctx) => exportedPackages(ctx),
  'volumes:recheckArchives': (ctx, i) => recheckAll(ctx, !!i.full),
  'volumes:recheckState': (ctx) => recheckState(ctx),
} satisfies HandlerMap;

export type Handlers = typeof handlers;
export type ChannelOutput<C extends Channel> = Awaited<ReturnType<Handlers[C]>>;
