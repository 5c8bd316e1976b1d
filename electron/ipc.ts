/**
 * Registers one ipcMain.handle per channel of the contract. Each handler first checks that the call comes
 * from the app's own page, then hands the input to the dispatcher (which validates it and never throws).
 * ipcMain and the dispatcher are passed in, so the tests use fakes.
 */
import type { Envelope } from '../core/ipc/contract';

export interface SenderEvent {
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions {
  channels: readonly string[];
  /** True when the URL is the app's own page (see isAppUrl). */
  isAllowedSender: (url: string | undefined) => boolean;
  dispatch: (channel: string, input: unknown) => Promise<Envelope<unknown>>;
  /** Told about refused calls (logging); optional. */
  onRejected?: (channel: string, url: string | undefined) => void;
}

export const FORBIDDEN_ENVELOPE: Envelope<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN', message: '拒绝执行：请求不是来自本程序的界面' }),
}) as Envelope<never>;

/** The URL of the frame that sent an IPC message, or undefined when the frame is gone. */
export function senderUrl(event: SenderEvent): string | undefined {
  try {
    const url = event?.senderFrame?.url;
    return typeof url === 'string' ? url : undefined;
  } catch {
    // Accessing a destroyed frame throws.
    return undefined;
  }
}

/** Registers the handlers; returns a function that removes them again. */
export function registerIpc(ipcMain: IpcMainLike, opts: RegisterIpcOptions): () => void {
  const channels = [...new Set(opts.channels)];
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input) => {
      const url = senderUrl(event);
      if (!opts.isAllowedSender(url)) {
        opts.onRejected?.(channel, url);
        return FORBIDDEN_ENVELOPE;
      }
      return opts.dispatch(channel, input);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
