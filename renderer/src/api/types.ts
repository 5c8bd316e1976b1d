/** Shapes the pages work with, derived from the IPC contract's outputs. */
import type { ChannelInput, ChannelOutput } from './client';

export type PledgeView = ChannelOutput<'pledges:get'>;
export type PledgeAttachment = PledgeView['attachments'][number];
export type PledgeInput = ChannelInput<'pledges:create'>;
export type PledgeQuery = ChannelInput<'pledges:list'>;
export type Coverage = ChannelOutput<'pledges:coverage'>;
export type CoverageRow = Coverage['rows'][number];
export type Unit = ChannelOutput<'units:list'>[number];
export type UnitKind = NonNullable<ChannelInput<'units:create'>['kind']>;
export type Notice = ChannelOutput<'notices:list'>[number];
export type Requirement = ChannelOutput<'notices:requirements'>[number];
export type Attachment = ChannelOutput<'attachments:pick'>[number];
export type AuditEntry = ChannelOutput<'audit:list'>['rows'][number];
export type Settings = ChannelOutput<'settings:get'>;
export type AppInfo = ChannelOutput<'app:info'>;
