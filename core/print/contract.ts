/** IPC contract of the print preview's 打印 / 另存为… (print:*). */
import { z } from 'zod';
import { named, savedFile } from '../ipc/primitives';

const printToken = z.string().regex(/^[0-9a-f]{32}$/, '打印预览已过期，请重新点击“打印”');

export const contract = {
  /** 打印 / 另存为… of what the print preview shows (the token from the channel that made the preview). */
  'print:pdf': z.object({ token: named('打印预览', printToken) }).strict(),
  'print:save': z.object({ token: named('打印预览', printToken) }).strict(),
} as const satisfies Record<string, z.ZodType>;

export const outputs = {
  'print:pdf': z.object({ printed: z.boolean() }),
  'print:save': savedFile,
} satisfies { [C in keyof typeof contract]: z.ZodType };
