// The benchmark corpus: tweet-sized messages in the minimal JSONL shape, half Arabic and half
// English, from many authors over six months, streamed to disk. Committed as code, never as data.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { CAST } from '../src/demo/cast.ts';
import { ordinaryText } from '../src/demo/compose.ts';
import { createRng, type Rng } from '../src/demo/prng.ts';
import { arabicIndicDigits } from '../src/demo/texts.ts';
import { formatWithOffset } from '../src/demo/time.ts';
import { AR_WORDS, EN_WORDS, HASHTAGS, RARE_WORDS } from './corpus-vocabulary.ts';

export const CORPUS_AUTHORS = 20_000;
export const CORPUS_START = '2016-07-01T00:00:00+03:00';
export const CORPUS_END = '2016-12-31T00:00:00+02:00';
/** Syria left summer time (UTC+3) for UTC+2 on 28 October 2016. */
const WINTER_FROM = Date.parse('2016-10-28T00:00:00+03:00');
const TWITTER_EPOCH = 1288834974657n;

export interface CorpusQuery {
  text: string;
  terms: 1 | 2;
  lang: 'ar' | 'en';
  frequency: 'common' | 'rarer';
}

/** Queries for the search benchmark; each has hits in a corpus of any size above ~100k. */
export const CORPUS_QUERIES: readonly CorpusQuery[] = [
  { text: 'aleppo', terms: 1, lang: 'en', frequency: 'common' },
  { text: 'people', terms: 1, lang: 'en', frequency: 'common' },
  { text: 'حلب', terms: 1, lang: 'ar', frequency: 'common' },
  { text: 'الناس', terms: 1, lang: 'ar', frequency: 'common' },
  { text: 'ramouseh', terms: 1, lang: 'en', frequency: 'rarer' },
  { text: 'dialysis', terms: 1, lang: 'en', frequency: 'rarer' },
  { text: 'hospital', terms: 1, lang: 'en', frequency: 'rarer' },
  { text: 'الحاضنات', terms: 1, lang: 'ar', frequency: 'rarer' },
  { text: 'مستشفى', terms: 1, lang: 'ar', frequency: 'rarer' },
  { text: 'الانقاض', terms: 1, lang: 'ar', frequency: 'rarer' },
  { text: 'children killed', terms: 2, lang: 'en', frequency: 'common' },
  { text: 'aleppo hospital', terms: 2, lang: 'en', frequency: 'common' },
  { text: 'safe corridor', terms: 2, lang: 'en', frequency: 'rarer' },
  { text: 'قصف الاطفال', terms: 2, lang: 'ar', frequency: 'common' },
  { text: 'حلب مستشفى', terms: 2, lang: 'ar', frequency: 'common' },
  { text: 'ممر آمن', terms: 2, lang: 'ar', frequency: 'rarer' },
];

export const ONE_TERM_QUERIES = CORPUS_QUERIES.filter((q) => q.terms === 1).map((q) => q.text);
export const TWO_TERM_QUERIES = CORPUS_QUERIES.filter((q) => q.terms === 2).map((q) => q.text);

const PLATFORMS: readonly (readonly [string, number])[] = [
  ['twitter', 60],
  ['telegram', 20],
  ['facebook', 10],
  ['mastodon', 5],
  ['whatsapp', 5],
];
const SYLLABLES =
  'ba da fa ha ja ka la ma na ra sa ta wa ya za bi di hi ki li mi ni ri si ti zi bu du hu ku lu mu nu ru su tu zu al el om ab'.split(
    ' ',
  );

/** A lookup table turning a uniform 16-bit draw into a Zipf(1)-distributed word. */
function zipfTable(words: readonly string[]): string[] {
  const weights = words.map((_, r) => 1 / (r + 2));
  const total = weights.reduce((a, b) => a + b, 0);
  const table: string[] = [];
  let acc = 0;
  for (let r = 0; r < words.length; r++) {
    acc += weights[r];
    while (table.length < Math.round((acc / total) * 65536)) table.push(words[r]);
  }
  while (table.length < 65536) table.push(words[words.length - 1]);
  return table;
}

function makeAuthors(rng: Rng, n: number): { handle: string; json: string }[] {
  const out: { handle: string; json: string }[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.pick(SYLLABLES) + rng.pick(SYLLABLES);
    const b = rng.pick(SYLLABLES) + rng.pick(SYLLABLES) + rng.pick(SYLLABLES);
    const handle = `${a}${b}_${i.toString(36)}`;
    const displayName = `${a[0].toUpperCase()}${a.slice(1)} ${b[0].toUpperCase()}${b.slice(1)}`;
    out.push({ handle, json: JSON.stringify({ id: handle, handle, displayName }) });
  }
  return out;
}

const POOL = 4096;
/** Chance out of 65536 that a number follows a word (about 2%). */
const NUMBER_AFTER_WORD = 1311;

/** Sentences written by the demo's templates, drawn once and reused so the hot loop only picks. */
function sentencePool(rng: Rng, start: number): Record<'ar' | 'en', string[]> {
  const pool: Record<'ar' | 'en', string[]> = { ar: [], en: [] };
  for (const lang of ['ar', 'en'] as const) {
    for (let i = 0; i < POOL; i++) {
      const member = CAST[rng.int(0, CAST.length - 1)];
      pool[lang].push(ordinaryText(rng, member, start + rng.int(0, 5 * 86_400) * 1000, lang, 'twitter'));
    }
  }
  return pool;
}

/** A tweet-sized length: 40–280 characters, skewed towards the short end as real posts are. */
function targetLength(rng: Rng): number {
  return 40 + Math.floor(240 * rng.next() ** 1.6);
}

/**
 * Streams `count` JSONL messages to `path`, deterministically for a seed, with backpressure so that
 * memory stays flat at any size. Resolves with the number of bytes written.
 */
export async function generateCorpus(path: string, count = 1_000_000, seed = 2016): Promise<number> {
  const rng = createRng(seed);
  const authors = makeAuthors(rng.fork('authors'), CORPUS_AUTHORS);
  const en = zipfTable(EN_WORDS);
  const ar = zipfTable(AR_WORDS);
  const start = Date.parse(CORPUS_START);
  const span = Date.parse(CORPUS_END) - start;
  const sentences = sentencePool(rng.fork('sentences'), start);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const counters = new Map<string, number>();
  let bytes = 0;
  let chunk: string[] = [];
  const flush = async () => {
    const buf = Buffer.from(chunk.join(''), 'utf8');
    chunk = [];
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };

  for (let i = 0; i < count; i++) {
    const lang = rng.chance(0.5) ? 'ar' : 'en';
    const words = lang === 'ar' ? ar : en;
    const want = targetLength(rng);
    const parts: string[] = [];
    let length = -1;
    if (rng.chance(0.35)) {
      const sentence = sentences[lang][rng.int(0, POOL - 1)];
      parts.push(sentence);
      length = sentence.length;
    }
    while (length < want) {
      const bits = rng.u32();
      const word = words[bits & 0xffff];
      parts.push(word);
      length += word.length + 1;
      if (bits >>> 16 < NUMBER_AFTER_WORD) {
        const n = rng.int(2, 300);
        const num = lang === 'ar' && rng.chance(0.5) ? arabicIndicDigits(n) : String(n);
        parts.push(num);
        length += num.length + 1;
      }
    }
    if (rng.chance(0.0025)) parts.push(rng.pick(RARE_WORDS[lang]));
    if (rng.chance(0.2)) parts.push(rng.pick(HASHTAGS[lang]));
    let text = parts.join(' ');
    if (text.length > 280) text = text.slice(0, text.lastIndexOf(' ', 280));

    const ms = start + Math.min(span - 1000, Math.max(0, Math.floor((span * i) / count) + rng.int(-1800, 1800) * 1000));
    const platform = rng.weighted(PLATFORMS);
    const author = authors[Math.floor(CORPUS_AUTHORS * rng.next() ** 3)];
    let id: string;
    if (platform === 'twitter') id = ((BigInt(ms) - TWITTER_EPOCH) * 4194304n + BigInt(i)).toString();
    else {
      const key = `${platform}:${author.handle}`;
      const next = (counters.get(key) ?? rng.int(1, 5000)) + 1;
      counters.set(key, next);
      id = String(next);
    }
    const postedAt = formatWithOffset(ms, ms >= WINTER_FROM ? 120 : 180);
    // Same bytes as JSON.stringify of {platform, id, author, postedAt, text, lang}, without re-encoding the fixed parts.
    chunk.push(
      `{"platform":"${platform}","id":"${id}","author":${author.json},"postedAt":"${postedAt}","text":${JSON.stringify(text)},"lang":"${lang}"}\n`,
    );
    if (chunk.length >= 2000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path = 'bench/corpus/messages.jsonl', n = '1000000', seed = '2016'] = process.argv.slice(2);
  const started = performance.now();
  const bytes = await generateCorpus(path, Number(n), Number(seed));
  process.stderr.write(
    `${n} messages, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s → ${path}\n`,
  );
}
