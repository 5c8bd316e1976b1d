/**
 * 组卷归档, the service as one import: volume drafts (drafts.ts), what the UI shows (views.ts), the export to PDF,
 * sealing (exporting.ts), the completeness check (prepare.ts), 补充卷 and new editions (editions.ts), on the stored
 * rows (rows.ts).
 */
export { createVolume, updateVolume, deleteVolume } from './drafts';
export { getVolume, listVolumes, volumeStatus, volumeHistory, previewSelection, type VolumeListRow } from './views';
export { exportVolume, sealVolume, exportVolumeInteractive } from './exporting';
export { checkVolume } from './prepare';
export { createSupplement, createEdition } from './editions';
export {
  headerOf,
  nextVolumeNo,
  type VolumeInput,
  type VolumeView,
  type VolumeItemView,
  type VolumeStatus,
} from './rows';
