import { EventEmitter, on } from 'node:events';
import type { Alert } from '../../core/alert.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Delivery, Notifier } from './notifier.ts';

/** In-process alert stream; the dashboard's server-sent events read from `subscribe`. */
export class AlertStream implements Notifier {
  readonly channel = 'stream' as const;
  readonly target = 'in-process';
  private readonly emitter = new EventEmitter();

  constructor(private readonly clock: Clock = systemClock) {
    this.emitter.setMaxListeners(0);
  }

  publish(alert: Alert): void {
    this.emitter.emit('alert', alert);
  }

  /** Alerts published from now on, until the signal aborts. */
  async *subscribe(signal?: AbortSignal): AsyncGenerator<Alert> {
    try {
      for await (const [alert] of on(this.emitter, 'alert', { signal })) yield alert as Alert;
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e;
    }
  }

  listenerCount(): number {
    return this.emitter.listenerCount('alert');
  }

  async deliver(alert: Alert): Promise<Delivery> {
    this.publish(alert);
    return {
      alertId: alert.id,
      channel: 'stream',
      target: this.target,
      ok: true,
      attempts: [{ at: new Date(this.clock.now()).toISOString(), ok: true }],
    };
  }
}
