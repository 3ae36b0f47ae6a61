/**
 * Per-host spacing: at most one request every `minIntervalMs` to a host, and none before a time the
 * host asked for (Retry-After). Slots are reserved in call order, so concurrent callers queue fairly.
 */
export class HostLimiter {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserve the next slot for `host`; returns how long to wait before using it. */
  reserve(host: string): number {
    const t = this.now();
    const at = Math.max(t, this.next.get(host) ?? 0);
    this.next.set(host, at + this.minIntervalMs);
    return at - t;
  }

  /** The host said: not before `at` (ms epoch). */
  blockUntil(host: string, at: number): void {
    if (at > (this.next.get(host) ?? 0)) this.next.set(host, at);
  }

  /** When `host` can next be asked (ms epoch), for health reports. */
  nextSlot(host: string): number {
    return Math.max(this.now(), this.next.get(host) ?? 0);
  }
}
