import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VigilError } from '../core/errors.ts';
import type { DigestQuote } from './digest-model.ts';

export class TranslateError extends VigilError {}

/** A machine translation service. Only LibreTranslate's API is spoken. */
export interface Translator {
  engine: string;
  /** What the cache is keyed by besides the message: the server and its model. */
  model: string;
  translate(text: string, source: string, target: string): Promise<string>;
}

/**
 * LibreTranslate's POST /translate ({q, source, target, format} → {translatedText}). `url` is the server's
 * base address (VIGIL_TRANSLATE_URL); an API key, when the server wants one, comes from VIGIL_TRANSLATE_KEY.
 */
export function libreTranslate(
  url: string,
  opts: { model?: string; apiKey?: string; timeoutMs?: number } = {},
): Translator {
  const endpoint = new URL('translate', url.endsWith('/') ? url : `${url}/`).toString();
  return {
    engine: 'LibreTranslate',
    model: opts.model ?? `libretranslate@${new URL(endpoint).host}`,
    async translate(text, source, target) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          q: text,
          source,
          target,
          format: 'text',
          ...(opts.apiKey ? { api_key: opts.apiKey } : {}),
        }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      const body = (await res.json().catch(() => undefined)) as
        | { translatedText?: unknown; error?: unknown }
        | undefined;
      if (!res.ok || typeof body?.translatedText !== 'string')
        throw new TranslateError(
          `${endpoint}: ${res.status} ${typeof body?.error === 'string' ? body.error : 'no translatedText in the answer'}`,
          res.status,
        );
      return body.translatedText;
    },
  };
}

/** The translator the environment asks for, or none: without VIGIL_TRANSLATE_URL nothing is sent anywhere. */
export function translatorFromEnv(env: NodeJS.ProcessEnv = process.env): Translator | undefined {
  const url = env.VIGIL_TRANSLATE_URL?.trim();
  if (!url) return undefined;
  return libreTranslate(url, {
    model: env.VIGIL_TRANSLATE_MODEL || undefined,
    apiKey: env.VIGIL_TRANSLATE_KEY || undefined,
  });
}

interface CacheLine {
  messageId: string;
  model: string;
  target: string;
  text: string;
  at: string;
}

/**
 * Translations already made, one JSON line each in a file of the data folder (DIR/cache/translations.jsonl),
 * keyed by message id, model and target language. A cache, not evidence: deleting the file only costs
 * requests. It is a file rather than a store table so that the sealed ledger never holds machine output
 * from a third-party service, and PostgreSQL and SQLite installs share the same behaviour.
 */
export class TranslationCache {
  private readonly map = new Map<string, string>();
  private loaded = false;
  constructor(readonly path: string) {}

  private static key(messageId: string, model: string, target: string) {
    return `${messageId}\n${model}\n${target}`;
  }

  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const c = JSON.parse(line) as CacheLine;
        this.map.set(TranslationCache.key(c.messageId, c.model, c.target), c.text);
      } catch {
        // A torn last line (a crash mid-write) is only a lost cache entry.
      }
    }
  }

  get(messageId: string, model: string, target: string): string | undefined {
    return this.map.get(TranslationCache.key(messageId, model, target));
  }

  async put(messageId: string, model: string, target: string, text: string): Promise<void> {
    this.map.set(TranslationCache.key(messageId, model, target), text);
    await mkdir(dirname(this.path), { recursive: true });
    const line: CacheLine = { messageId, model, target, text, at: new Date().toISOString() };
    await appendFile(this.path, `${JSON.stringify(line)}\n`);
  }
}

/** A quote needs a translation when its language is known and is not the digest's. */
export function needsTranslation(q: DigestQuote, target: string): boolean {
  return !!q.lang && q.lang !== 'und' && q.lang !== target && q.text.trim() !== '';
}

/**
 * Put a machine translation beneath every quote in the other language. Each message is translated once
 * (cache first); a failure leaves that quote untranslated and is counted, never fatal.
 */
export async function translateQuotes(
  quotes: readonly DigestQuote[],
  target: string,
  translator: Translator,
  cache: TranslationCache,
): Promise<{ translated: number; requested: number; failed: number; lastError?: string }> {
  await cache.load();
  let requested = 0;
  let failed = 0;
  let translated = 0;
  let lastError: string | undefined;
  const done = new Map<string, string | null>();
  for (const q of quotes) {
    if (!needsTranslation(q, target)) continue;
    let text = done.get(q.messageId);
    if (text === undefined) {
      text = cache.get(q.messageId, translator.model, target) ?? null;
      if (text === null) {
        requested += 1;
        try {
          text = await translator.translate(q.text, q.lang as string, target);
          await cache.put(q.messageId, translator.model, target, text);
        } catch (e) {
          failed += 1;
          lastError = (e as Error).message;
        }
      }
      done.set(q.messageId, text);
    }
    if (text === null) continue;
    q.translation = { text, source: q.lang as string, target, engine: translator.engine, model: translator.model };
    translated += 1;
  }
  return { translated, requested, failed, ...(lastError ? { lastError } : {}) };
}
