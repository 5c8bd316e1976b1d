/** Archive volumes (组卷归档): public surface. */
export {
  createVolume,
  updateVolume,
  deleteVolume,
  getVolume,
  listVolumes,
  volumeStatus,
  volumeHistory,
  checkVolume,
  exportVolume,
  sealVolume,
  exportVolumeInteractive,
  createSupplement,
  createEdition,
  previewSelection,
  nextVolumeNo,
  type VolumeInput,
  type VolumeView,
  type VolumeItemView,
  type VolumeListRow,
  type VolumeStatus,
} from './service';
export { volumeArchivalNo, itemArchivalNo, RETENTION_LABELS } from './archivalNo';
export { selectItems } from './select';
export { exportSpine, exportSpineInteractive, spineBytes } from './spineExport';
export { archivedRecords, describeArchived } from './archived';
export { sealRefusal } from './sealGate';
export {
  exportVolumeOfd,
  exportVolumeOfdInteractive,
  renderItemOfd,
  renderItemsOfd,
  type VolumeFormat,
  type ItemOfdResult,
} from './exportOfd';
export type * from './types';
