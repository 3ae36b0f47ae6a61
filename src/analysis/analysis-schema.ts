import { z } from 'zod';

/** What `vigil analyze` reads; the Analysis it prints is a ledger payload, in src/core/analysis.ts. */
export const AnalyzeInput = z.object({
  text: z.string(),
  lang: z.string().optional(),
  postedAt: z.string().optional(),
});
export type AnalyzeInput = z.infer<typeof AnalyzeInput>;
