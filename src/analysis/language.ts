/** Below this confidence the language is reported as `und`. */
export const LANGUAGE_THRESHOLD = 0.6;

export interface LanguageGuess {
  /** ISO 639-1 where one exists (en, ar, fa), else 639-3 (ckb, kmr); `und` when unsure. */
  lang: string;
  confidence: number;
  via: 'script' | 'fasttext' | 'none';
}

interface Predictor {
  /** An embind vector on the wasm heap: the caller frees it with delete(). */
  predict(
    text: string,
    k: number,
    threshold: number,
  ): { size(): number; get(i: number): [number, string]; delete?(): void };
}

let model: Predictor | undefined;
let loading: Promise<void> | undefined;

/** Load fastText's lid.176 model that ships inside fasttext.wasm.js (no network). Idempotent. */
export function loadLanguageModel(): Promise<void> {
  loading ??= (async () => {
    // loaded on first use: the wasm module is heavy and most commands never need it
    const { getLIDModel } = await import('fasttext.wasm.js');
    const lid = await getLIDModel();
    model = (await lid.load()) as unknown as Predictor;
  })();
  return loading;
}

export function languageModelLoaded(): boolean {
  return model !== undefined;
}

const SORANI = /[\u06CE\u06C6\u06B5\u0695\u06D5\u06A4]/; // ێ ۆ ڵ ڕ ە ڤ
const PERSIAN_URDU = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2]/; // پ چ ژ گ ک ی ٹ ڈ ڑ ں ھ ہ ے
const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3]/g;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;
const KURMANJI = /[êîûçş]/gi;
const KURMANJI_CIRC = /[êîû]/i;
const NON_ASCII = /[^\p{ASCII}]/u;
const EN_FUNCTION = new Set(
  'the a an and or of to in on at is are was were we i you he she they it this that for with from by be been have has had not no our my your their there please help still'.split(
    ' ',
  ),
);
const FASTTEXT_FIX: Record<string, string> = { ku: 'kmr', ckb: 'ckb', arz: 'ar', ary: 'ar', azb: 'az' };

function count(re: RegExp, s: string): number {
  re.lastIndex = 0;
  return s.match(re)?.length ?? 0;
}

/** Cheap rules that are safe on their own; undefined when fastText should decide. */
function byScript(text: string): LanguageGuess | undefined {
  const ar = count(ARABIC_LETTER, text);
  const lat = count(LATIN_LETTER, text);
  if (ar >= 3 && ar > lat * 2) {
    if (SORANI.test(text)) return { lang: 'ckb', confidence: ar >= 8 ? 0.95 : 0.8, via: 'script' };
    // fastText is unreliable on a few Arabic-script words; without Persian/Urdu letters it is Arabic
    if (!PERSIAN_URDU.test(text)) return { lang: 'ar', confidence: ar >= 8 ? 0.95 : 0.8, via: 'script' };
    return undefined;
  }
  if (lat >= 12 && !NON_ASCII.test(text)) {
    const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
    const fn = words.filter((w) => EN_FUNCTION.has(w)).length;
    if (words.length >= 4 && fn >= 2 && fn / words.length >= 0.2) return { lang: 'en', confidence: 0.9, via: 'script' };
  }
  return undefined;
}

/** Identify the language of a text: script rules first, then fastText lid.176, `und` if unsure. */
export function detectLanguage(text: string): LanguageGuess {
  const t = text.replace(/https?:\/\/\S+|[@#]\w+/g, ' ').trim();
  const quick = byScript(t);
  if (quick) return quick;
  if (!t || !model) return { lang: 'und', confidence: 0, via: 'none' };
  const v = model.predict(t.replace(/\n/g, ' '), 1, 0);
  // embind does not free the vector when it is garbage-collected: without delete() each call kept ~70 bytes
  const top = v.size() === 0 ? undefined : v.get(0);
  v.delete?.();
  if (!top) return { lang: 'und', confidence: 0, via: 'fasttext' };
  const [p, label] = top;
  let lang = label.replace('__label__', '');
  lang = FASTTEXT_FIX[lang] ?? lang;
  // Kurmanji written in Latin script is often taken for Turkish
  if ((lang === 'tr' || p < LANGUAGE_THRESHOLD) && KURMANJI_CIRC.test(t) && count(KURMANJI, t) >= 2)
    return { lang: 'kmr', confidence: Math.max(p, 0.6), via: 'script' };
  if (p < LANGUAGE_THRESHOLD) return { lang: 'und', confidence: p, via: 'fasttext' };
  return { lang, confidence: p, via: 'fasttext' };
}
