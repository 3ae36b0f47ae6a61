import { UsageError } from '../../core/errors.ts';
import type { EmailOptions } from './email.ts';

export const DEFAULT_MAIL_FROM = 'vigil@localhost';

/** How alert email is sent: the SMTP relay, its login and the sender. Recipients come with each delivery. */
export type SmtpSettings = Omit<EmailOptions, 'to' | 'clock'>;

/** `host:port` as `--smtp` and VIGIL_SMTP take it; `what` names the flag or variable in the error. */
export function parseSmtpServer(value: string, what: string): { host: string; port: number } {
  const m = /^([^:\s]+):(\d{1,5})$/.exec(value.trim());
  const port = Number(m?.[2]);
  if (!m || port < 1 || port > 65535) throw new UsageError(`${what}: expected host:port, got ${value}`, value);
  return { host: m[1], port };
}

/**
 * Recipients from repeated flags, comma-separated lists or both, in the order given and without repeats.
 * The delivery log names the recipient set by joining them with ", " (EmailNotifier's target), so the same
 * list in the same order is one target, whether `vigil watch` or a worker sends to it.
 */
export function parseRecipients(values: string | readonly string[], what: string): string[] {
  const out: string[] = [];
  for (const v of typeof values === 'string' ? [values] : values)
    for (const r of v.split(',').map((s) => s.trim())) {
      if (!r) continue;
      if (!r.includes('@')) throw new UsageError(`${what}: not an email address: ${r}`, r);
      if (!out.includes(r)) out.push(r);
    }
  return out;
}

/** The delivery-log target of a recipient set: what EmailNotifier calls its target. */
export function recipientsTarget(to: readonly string[]): string {
  return to.join(', ');
}

/**
 * SMTP settings from `server` (host:port) and the environment both `vigil watch` and the workers read:
 * VIGIL_SMTP_USER and VIGIL_SMTP_PASS log in when set. Port 465 speaks TLS from the start; any other port
 * upgrades with STARTTLS when the relay offers it.
 */
export function smtpSettings(server: string, what: string, from: string | undefined, env: NodeJS.ProcessEnv) {
  const { host, port } = parseSmtpServer(server, what);
  const auth = env.VIGIL_SMTP_USER ? { user: env.VIGIL_SMTP_USER, pass: env.VIGIL_SMTP_PASS ?? '' } : undefined;
  return { host, port, secure: port === 465, auth, from: from?.trim() || DEFAULT_MAIL_FROM } satisfies SmtpSettings;
}

/**
 * Alert email for `vigil watch --smtp host:port --mail-to a [--mail-to b] [--mail-from x]`: undefined when
 * --smtp is not given.
 */
export function watchEmailOptions(
  opts: { smtp?: string; mailFrom?: string; mailTo: readonly string[] },
  env: NodeJS.ProcessEnv,
): EmailOptions | undefined {
  if (!opts.smtp) return undefined;
  const to = parseRecipients(opts.mailTo, '--mail-to');
  if (to.length === 0) throw new UsageError('--smtp needs at least one --mail-to');
  return { ...smtpSettings(opts.smtp, '--smtp', opts.mailFrom, env), to };
}

/**
 * Alert email for the workers, from their environment: VIGIL_SMTP=host:port, VIGIL_MAIL_TO (comma-separated),
 * VIGIL_MAIL_FROM, VIGIL_SMTP_USER and VIGIL_SMTP_PASS. Undefined when neither VIGIL_SMTP nor VIGIL_MAIL_TO
 * is set; one without the other is a usage error.
 */
export function workerEmailOptions(env: NodeJS.ProcessEnv): EmailOptions | undefined {
  const server = env.VIGIL_SMTP?.trim();
  const to = parseRecipients(env.VIGIL_MAIL_TO ?? '', 'VIGIL_MAIL_TO');
  if (!server && to.length === 0) return undefined;
  if (!server) throw new UsageError('VIGIL_MAIL_TO is set but VIGIL_SMTP (host:port) is not');
  if (to.length === 0) throw new UsageError('VIGIL_SMTP is set but VIGIL_MAIL_TO (comma-separated addresses) is not');
  return { ...smtpSettings(server, 'VIGIL_SMTP', env.VIGIL_MAIL_FROM, env), to };
}
