/** IPC contract of the demo data: app:loadDemo (载入演示数据). */
import type { z } from 'zod';
import { empty, outputDebt } from '../ipc/primitives';

export const contract = {
  'app:loadDemo': empty,
} as const satisfies Record<string, z.ZodType>;

export const outputs = {
  'app:loadDemo': outputDebt(),
} satisfies { [C in keyof typeof contract]: z.ZodType };
