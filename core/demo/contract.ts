/** IPC contract of the demo data: app:loadDemo (载入演示数据). */
import type { z } from 'zod';
import { empty } from '../ipc/primitives';
import { demoOutputs } from './outputs';

export const contract = {
  'app:loadDemo': empty,
} as const satisfies Record<string, z.ZodType>;

export const outputs = {
  ...demoOutputs,
} satisfies { [C in keyof typeof contract]: z.ZodType };
