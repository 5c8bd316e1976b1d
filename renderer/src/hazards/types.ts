/** Shapes of the hazard ledger pages, derived from the IPC contract. */
import type { ChannelInput, ChannelOutput } from '../api/client';

export type HazardListQuery = ChannelInput<'hazards:list'>;
export type HazardRow = ChannelOutput<'hazards:list'>['rows'][number];
export type HazardView = ChannelOutput<'hazards:get'>;
export type HazardInput = ChannelInput<'hazards:create'>;
export type HazardStatus = HazardView['status'];
export type HazardLevel = HazardView['level'];
export type HazardEvent = HazardView['events'][number];
export type HazardAttachment = HazardView['attachments'][number];
export type HazardAttachmentRole = HazardAttachment['role'];
export type HazardSortField = NonNullable<HazardListQuery['sortField']>;
