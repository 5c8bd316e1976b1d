import type { ChannelOutput } from '../api/client';

export type HomeSummary = ChannelOutput<'home:summary'>;
