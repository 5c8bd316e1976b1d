/**
 * The renderer's typed client over window.api (the preload bridge). Input and result types come from the
 * contract (core/ipc/contract.ts, core/ipc/outputs.ts); channels still in OUTPUT_SCHEMA_DEBT take their result
 * type from the handler until they get a schema. A failed call rejects with ApiCallError carrying the Chinese
 * message to show.
 */
import type { Channel, ChannelInput, Envelope } from '../../../core/ipc/contract';
import type { ChannelResult, OutputDebtChannel } from '../../../core/ipc/outputs';
import type { ChannelOutput as HandlerOutput } from '../../../core/ipc/handlers';
import type { WindowApi } from '../../../core/ipc/bridge';

declare global {
  interface Window {
    api: WindowApi;
  }
}

export type ChannelOutput<C extends Channel> = C extends OutputDebtChannel ? HandlerOutput<C> : ChannelResult<C>;

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
