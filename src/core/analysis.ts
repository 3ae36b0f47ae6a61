import { z } from 'zod';
import { Category } from './category.ts';

export const CasualtyFigure = z.object({
  kind: z.enum(['killed', 'injured', 'missing']),
  count: z.number().int().nonnegative(),
  group: z.enum(['children', 'women', 'civilians', 'people']).optional(),
});

export const PlaceRef = z.object({ name: z.string(), lat: z.number(), lon: z.number() });

export const DateRef = z.object({ text: z.string(), start: z.string(), end: z.string().optional() });

/** What `vigil analyze --json` prints per message, and the payload of a message.analyzed event. */
export const Analysis = z.object({
  language: z.string(),
  category: Category,
  confidence: z.number().min(0).max(1),
  flags: z.object({ eyewitness: z.boolean(), urgency: z.number().min(0).max(1) }),
  casualties: z.array(CasualtyFigure),
  places: z.array(PlaceRef),
  dates: z.array(DateRef),
  modelVersion: z.string(),
});
export type Analysis = z.infer<typeof Analysis>;
