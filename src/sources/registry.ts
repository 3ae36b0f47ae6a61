import { UsageError } from '../core/errors.ts';
import { withInput } from './archive/open-input.ts';
import { blueskyCarSource } from './bluesky-car.ts';
import { csvSource } from './csv.ts';
import { jsonlSource } from './jsonl.ts';
import { mastodonOutboxSource } from './mastodon-outbox.ts';
import { signalSource } from './signal.ts';
import type { ImportInput, Source } from './source.ts';
import { telegramExportSource } from './telegram-export.ts';
import { twitterArchiveSource } from './twitter-archive.ts';
import { whatsappSource } from './whatsapp/whatsapp-source.ts';

/** Every source, most specific first: detection takes the first that recognizes the input. */
export const sources: Source[] = [
  twitterArchiveSource,
  telegramExportSource,
  mastodonOutboxSource,
  blueskyCarSource,
  signalSource,
  whatsappSource,
  jsonlSource,
  csvSource,
];

/** Short names people type for --format. */
const ALIASES: Record<string, string> = {
  twitter: 'twitter-archive',
  x: 'twitter-archive',
  telegram: 'telegram-export',
  mastodon: 'mastodon-outbox',
  bluesky: 'bluesky-car',
  bsky: 'bluesky-car',
  car: 'bluesky-car',
};

export function sourceByName(name: string): Source {
  const wanted = ALIASES[name.toLowerCase()] ?? name.toLowerCase();
  const s = sources.find((x) => x.name === wanted);
  if (!s) throw new UsageError(`unknown format "${name}"; known: ${sources.map((x) => x.name).join(', ')}`, name);
  return s;
}

/**
 * The first source that recognises the input. An input that cannot even be opened (a truncated zip,
 * a `.zip` that is not one) throws its ImportError here, rather than ending as "format not recognized".
 */
export async function detectSource(input: ImportInput): Promise<Source | undefined> {
  if (!input.isDirectory) await withInput(input, async () => undefined);
  for (const s of sources) if (await s.detect(input)) return s;
  return undefined;
}
