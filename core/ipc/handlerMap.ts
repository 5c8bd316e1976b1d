/**
 * The shape of a feature's handler map (core/<feature>/handlers.ts): for each channel of its contract, a
 * function from the parsed input to what the channel's output schema says. Checking each map with
 * `satisfies HandlerMap<typeof contract, typeof outputs>` makes a service whose result drifts from the output
 * schema fail `npm run typecheck` in the feature's own file. Types only.
 */
import type { z } from 'zod';
import type { AppContext } from '../platform/context';

export type HandlerMap<In extends Record<string, z.ZodType>, Out extends { [C in keyof In]: z.ZodType }> = {
  [C in keyof In]: (ctx: AppContext, input: z.output<In[C]>) => z.infer<Out[C]> | Promise<z.infer<Out[C]>>;
};
