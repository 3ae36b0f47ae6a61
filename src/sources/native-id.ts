import { sha256Hex } from '../core/hash.ts';

/**
 * Ids for formats without message ids (WhatsApp, Signal, some Telegram exports): a hash of what
 * identifies the line, plus an occurrence number so two identical lines in the same minute stay two
 * messages. Re-importing the same or a longer export gives the same ids.
 */
export class DerivedIds {
  private readonly seen = new Map<string, number>();
  private window: string | undefined;
  /**
   * `window` (e.g. the message's timestamp) bounds memory: repeats are only counted within one
   * window, which is where identical lines occur, so a huge chat does not grow this map.
   */
  next(parts: readonly string[], window?: string): string {
    if (window !== undefined && window !== this.window) {
      this.seen.clear();
      this.window = window;
    }
    const key = sha256Hex(parts.join('\u001f')).slice(0, 24);
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n === 1 ? `h-${key}` : `h-${key}-${n}`;
  }
}
