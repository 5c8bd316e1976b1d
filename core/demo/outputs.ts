/** Output shape of app:loadDemo: how many records of each kind the demo filled in. */
import { z } from 'zod';
import type { Channel } from '../ipc/contract';

const count = z.number().int();

export const demoOutputs = {
  'app:loadDemo': z.object({
    units: count,
    notices: count,
    pledges: count,
    scans: count,
    returns: count,
    hazards: count,
  }),
} satisfies { [C in Channel]?: z.ZodType };
