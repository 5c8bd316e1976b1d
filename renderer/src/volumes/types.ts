/** Output types of the volumes:* channels, as the renderer sees them. */
import type { ChannelInput, ChannelOutput } from '../api/client';

export type VolumeView = ChannelOutput<'volumes:get'>;
export type VolumeItem = VolumeView['items'][number];
export type VolumeRow = ChannelOutput<'volumes:list'>[number];
export type PreviewItem = ChannelOutput<'volumes:preview'>[number];
export type CheckResult = ChannelOutput<'volumes:check'>;
export type Problem = CheckResult['problems'][number];
export type ExportResult = NonNullable<ChannelOutput<'volumes:export'>>;
export type HistoryRow = ChannelOutput<'volumes:history'>[number];
export type VolumeStatusInfo = ChannelOutput<'volumes:status'>;
export type VolumeInput = ChannelInput<'volumes:create'>;
export type Selection = NonNullable<VolumeInput['selection']>;
export type VolumeKind = Selection['kinds'][number];
export type VolumeOrder = NonNullable<VolumeInput['orderBy']>;
export type Retention = NonNullable<VolumeInput['retention']>;
