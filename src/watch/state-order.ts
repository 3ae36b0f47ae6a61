import type { PersonState } from './state.ts';

/** How a board is listed, most urgent first; the CLI and the dashboard both sort by it. */
export const STATE_ORDER: readonly PersonState[] = [
  'silent',
  'farewell',
  'collection_failing',
  'quiet',
  'no_posts_yet',
  'offline_announced',
  'farewell_then_active',
  'alive_and_safe',
  'active',
];

/** Rank in STATE_ORDER; a state missing from it sorts last. */
export function stateRank(state: string): number {
  const i = (STATE_ORDER as readonly string[]).indexOf(state);
  return i === -1 ? STATE_ORDER.length : i;
}
