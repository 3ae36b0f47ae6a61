/** Time, injectable: tests run on a simulated clock and never sleep for real. */
export interface Clock {
  now(): number;
}

export type Sleeper = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

export const realSleep: Sleeper = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', done);
      clearTimeout(t);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** A clock that only moves when told to; its sleeper advances it instead of waiting. */
export class SimulatedClock implements Clock {
  readonly slept: number[] = [];
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(t: number): void {
    this.t = t;
  }
  readonly sleep: Sleeper = async (ms) => {
    this.slept.push(ms);
    this.t += ms;
  };
}
