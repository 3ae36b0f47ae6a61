// A corpus as dense as a week of a real crisis: every message of a generated corpus (six months) re-timed
// into the 167 hours before its last message (so `hours=168` covers all of them), in the same order, the
// spacing scaled down. Same ids and texts.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

const HOUR = 3600_000;
/** 167 hours, so the 168 hourly buckets before the last message hold all of them. */
const SPAN = 7 * 24 * HOUR - HOUR;

async function* lines(file: string) {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY }))
    if (line.trim()) yield line;
}

/** Writes `to`: `from`'s messages with postedAt mapped linearly from [first, last] onto [last - 167 h, last]. */
export async function denseCorpus(from: string, to: string): Promise<void> {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for await (const line of lines(from)) {
    const t = Date.parse((JSON.parse(line) as { postedAt: string }).postedAt);
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const scale = last > first ? SPAN / (last - first) : 0;
  const out = createWriteStream(to);
  for await (const line of lines(from)) {
    const m = JSON.parse(line) as { postedAt: string };
    m.postedAt = new Date(Math.round(last - SPAN + (Date.parse(m.postedAt) - first) * scale)).toISOString();
    if (!out.write(`${JSON.stringify(m)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
