import type { StoredMessage } from '../store/contract.ts';
import type { ServerContext } from './context.ts';

/**
 * Triage results for a message (category, confidence, who confirmed it, figures, near-duplicates).
 * Filled from the analysis module's tables once they exist; null means "not analysed", never a guess.
 */
export async function messageAnnotations(_ctx: ServerContext, _m: StoredMessage) {
  return { analysis: null as unknown, nearDuplicates: [] as unknown[] };
}
