/**
 * What the preload exposes as window.api. Self-contained on purpose (no imports, no closures over module
 * state): the browser tests inject this very function's source so the bridge they test is the preload's.
 */
export function makeApi(
  invoke: (channel: string, input: unknown) => Promise<unknown>,
  channels: readonly string[],
): { invoke(channel: string, input?: unknown): Promise<unknown>; channels: readonly string[] } {
  const allowed = new Set(channels);
  return Object.freeze({
    channels: Object.freeze([...channels]),
    invoke(channel: string, input?: unknown) {
      if (typeof channel !== 'string' || !allowed.has(channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: `不支持的操作：${String(channel)}` },
        });
      }
      return invoke(channel, input === undefined ? {} : input);
    },
  });
}

export type WindowApi = ReturnType<typeof makeApi>;
