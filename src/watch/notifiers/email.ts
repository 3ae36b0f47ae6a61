import nodemailer, { type Transporter } from 'nodemailer';
import type { Alert } from '../../core/alert.ts';
import { type Clock, systemClock } from '../clock.ts';
import { recipientsTarget } from './email-settings.ts';
import { alertText, type Delivery, type Notifier } from './notifier.ts';

export interface EmailOptions {
  host: string;
  port: number;
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** Allow plain SMTP (loopback relays, tests). */
  ignoreTLS?: boolean;
  from: string;
  to: string[];
  clock?: Clock;
}

export class EmailNotifier implements Notifier {
  readonly channel = 'email' as const;
  readonly target: string;
  private readonly transport: Transporter;
  private readonly clock: Clock;

  constructor(private readonly opts: EmailOptions) {
    this.target = recipientsTarget(opts.to);
    this.clock = opts.clock ?? systemClock;
    this.transport = nodemailer.createTransport({
      host: opts.host,
      port: opts.port,
      secure: opts.secure ?? false,
      auth: opts.auth,
      ignoreTLS: opts.ignoreTLS,
      // nodemailer waits up to 2 min to connect and 10 min on a silent socket; a watch tick should not.
      // An alert that times out is tried again on a later tick (src/watch/redelivery.ts).
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
  }

  async deliver(alert: Alert): Promise<Delivery> {
    const at = new Date(this.clock.now()).toISOString();
    try {
      const info = await this.transport.sendMail({
        from: this.opts.from,
        to: this.opts.to,
        subject: `[Vigil] ${alert.title}`,
        text: alertText(alert),
        headers: { 'X-Vigil-Alert-Id': alert.id },
        date: new Date(this.clock.now()),
      });
      const code = Number(/^(\d{3})/.exec(String(info.response ?? ''))?.[1]);
      return {
        alertId: alert.id,
        channel: 'email',
        target: this.target,
        ok: (info.rejected ?? []).length === 0,
        attempts: [{ at, ok: (info.rejected ?? []).length === 0, status: Number.isFinite(code) ? code : undefined }],
      };
    } catch (e) {
      return {
        alertId: alert.id,
        channel: 'email',
        target: this.target,
        ok: false,
        attempts: [{ at, ok: false, error: (e as Error).message }],
      };
    }
  }

  close(): void {
    this.transport.close();
  }
}
