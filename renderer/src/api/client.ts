/**
 * The renderer's typed client over window.api (the preload bridge). Input and result types come from the
 * contract only: inputs from core/ipc/contract.ts, results from the output schemas (core/ipc/outputs.ts and the
 * feature outputs files it gathers), never from the handlers or services. A failed call rejects with
 * ApiCallError carrying the Chinese message to show.
 */
import type { Channel, ChannelInput, Envelope } from '../../../core/ipc/contract';
import type { ChannelResult } from '../../../core/ipc/outputs';
import type { WindowApi } from '../../../core/ipc/bridge';

declare global {
  interface Window {
    api: WindowApi;
  }
}

/** What a channel returns, as its output schema says (z.output). */
export type ChannelOutput<C extends Channel> = ChannelResult<C>;

export class ApiCallError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  if (!window.api) throw new ApiCallError('NO_BRIDGE', '程序未正确启动（缺少与主进程的连接），请重新打开程序');
  const res = (await window.api.invoke(channel, input)) as Envelope<ChannelOutput<C>>;
  if (!res.ok) throw new ApiCallError(res.error.code, res.error.message);
  return res.data;
}

export type { ChannelInput, Channel };
