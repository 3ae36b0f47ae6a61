import type { Store } from '../store/contract.ts';
import { type ReplayClockSetting, readReplayClock, setReplayClock } from '../watch/replay-clock.ts';

/**
 * The demo is December 2016: judged at real now, all twenty people would be ten years silent. Loading it
 * turns the replay clock on at the scenario's end, unless this data folder already has a replay clock
 * setting (an admin's choice, even "off", stands).
 */
export async function replayDemoAt(store: Store, end: string, by: string): Promise<ReplayClockSetting> {
  const current = await readReplayClock(store.db);
  if (current.updatedAt !== undefined) return current;
  return setReplayClock(store, { mode: 'at', at: end }, by);
}
