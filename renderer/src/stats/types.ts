import type { ChannelInput, ChannelOutput } from '../api/client';

export type Stats = ChannelOutput<'stats:get'>;
export type StatsRow = Stats['hazards']['byTownship'][number];
export type StatsQuery = ChannelInput<'stats:get'>;
