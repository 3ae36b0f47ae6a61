import { UsageError } from '../core/errors.ts';

/** The first line of stdin, without its line ending: `printf '%s\n' "$PW" | vigil users add ...`. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  if (!password) throw new UsageError('--password-stdin: stdin was empty');
  return password;
}
