import { z } from 'zod';
import { Analysis } from './analysis.ts';
import { Category } from './category.ts';
import { Sha256Hex } from './message.ts';

/** A message's triage result, with the model version that produced it. */
export const MESSAGE_ANALYZED = 'message.analyzed';
export const MessageAnalyzedPayload = z.object({ messageId: Sha256Hex, contentHash: Sha256Hex, analysis: Analysis });
export type MessageAnalyzedPayload = z.infer<typeof MessageAnalyzedPayload>;

/** A person confirmed or corrected a message's category; it outranks the model. */
export const LABEL_CONFIRMED = 'label.confirmed';
export const LabelConfirmedPayload = z.object({
  messageId: Sha256Hex,
  category: Category,
  /** The category shown when the person decided (model or an earlier label). */
  previous: Category.optional(),
  note: z.string().optional(),
});
export type LabelConfirmedPayload = z.infer<typeof LabelConfirmedPayload>;

/**
 * A person's decision on near-duplicates: `merged` puts the messages in one group (the first is the
 * representative), `split` takes them out of any group. Machine clusters are only suggestions.
 */
export const DUPLICATES_MERGED = 'duplicates.merged';
export const DUPLICATES_SPLIT = 'duplicates.split';
export const DuplicatesPayload = z.object({ messageIds: z.array(Sha256Hex).min(1), note: z.string().optional() });
export type DuplicatesPayload = z.infer<typeof DuplicatesPayload>;
