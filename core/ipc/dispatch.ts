import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { toAppError } from '../platform/errors';
import { contract, type Channel, type Envelope } from './contract';
import { handlers } from './handlers';
import { fieldLabel } from './fieldLabel';

z.config(z.locales.zhCN());

/** Turns zod issues into one Chinese sentence per problem. */
export function describeZodError(err: z.ZodError, schema: z.ZodType): string {
  return err.issues
    .slice(0, 5)
    .map((i) => {
      if (i.code === 'unrecognized_keys') {
        const where = fieldLabel(schema, i.path);
        return `${where ? `${where}中` : ''}不认识的字段：${i.keys.join('、')}`;
      }
      return `${fieldLabel(schema, i.path) || '输入'}：${i.message}`;
    })
    .join('；');
}

function isChannel(c: unknown): c is Channel {
  return typeof c === 'string' && Object.prototype.hasOwnProperty.call(contract, c);
}

/**
 * The single entry point for every IPC call: checks the channel, validates the input, runs the handler and
 * wraps the result or the error in an envelope. Never throws.
 */
export async function dispatch(ctx: AppContext, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `不支持的操作：${String(channel).slice(0, 60)}` } };
  }
  const parsed = contract[channel].safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'VALIDATION', message: `输入有误：${describeZodError(parsed.error, contract[channel])}` },
    };
  }
  try {
    const handler = handlers[channel] as (ctx: AppContext, input: unknown) => unknown;
    const data = await handler(ctx, parsed.data);
    return { ok: true, data: data === undefined ? null : data };
  } catch (e) {
    const err = toAppError(e, { dataDir: ctx.dataDir });
    if (err.code === 'INTERNAL') console.error(`[ipc] ${channel} failed`, e);
    return { ok: false, error: { code: err.code, message: err.message } };
  }
}
