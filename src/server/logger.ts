import pino, { type DestinationStream, type Logger } from 'pino';

/** Every place a secret could reach a log line; pino replaces them before anything is written. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  'token',
  'secret',
  'csrf',
  '*.password',
  '*.token',
  '*.secret',
  '*.csrf',
  'body.password',
  'body.token',
];

export interface LogOptions {
  level?: string;
  stream?: DestinationStream;
}

export function serverLogger(opts: LogOptions = {}): Logger {
  return pino(
    {
      name: 'vigil-server',
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    opts.stream ?? pino.destination(2),
  );
}
