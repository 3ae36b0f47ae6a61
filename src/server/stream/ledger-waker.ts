import type { Store } from '../../store/contract.ts';

type Listener = (headSeq: number) => void;

/**
 * Tells live-stream subscribers that the ledger grew. It polls the head (one indexed query) while
 * anyone listens, so appends by other processes (`vigil ingest`, `vigil watch`) show up too, and
 * `poke()` wakes it at once after this process appended.
 */
export class LedgerWaker {
  private listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private pending = false;
  private lastSeq = -1;

  constructor(
    private readonly store: Store,
    private readonly pollMs = 250,
  ) {}

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poke(), this.pollMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Check the head now; coalesces concurrent calls. */
  poke(): Promise<void> {
    if (this.checking) {
      this.pending = true;
      return this.checking;
    }
    this.checking = (async () => {
      try {
        do {
          this.pending = false;
          const { seq } = await this.store.ledgerHead();
          if (seq !== this.lastSeq) {
            this.lastSeq = seq;
            for (const fn of [...this.listeners]) fn(seq);
          }
        } while (this.pending);
      } catch {
        // The store may be closing; the next tick tries again.
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stop();
    this.listeners.clear();
  }
}
