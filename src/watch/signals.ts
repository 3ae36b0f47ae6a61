import { normalizeArabic } from '../core/arabic-normalize.ts';

/**
 * The message categories the watchlist reacts to. Triage (the model) writes them; the patterns below
 * are only the fallback for a message that has no analysis yet.
 */
export type LifeSignal = 'farewell' | 'alive_and_safe' | 'going_offline';

const LIFE_SIGNALS: ReadonlySet<string> = new Set<LifeSignal>(['farewell', 'alive_and_safe', 'going_offline']);

const FAREWELL = [
  /\bgood ?bye\b/i,
  /\bfarewell\b/i,
  /\b(this|these) (may|might|could) be my last\b/i,
  /\bmy last (message|tweet|post|words)\b/i,
  /\bpray for (us|me)\b.*\blast\b/i,
  /\bforgive (us|me)\b/i,
  /وداع/,
  /سامحون/,
  /اخر رساله/,
  /اخر تغريده/,
];
const ALIVE = [
  /\b(i am|i'm|we are|we're) (still )?(alive|safe|ok|okay|fine)\b/i,
  /\bstill alive\b/i,
  /\bsafe and sound\b/i,
  /(انا|نحن|احنا) (بخير|سالم|احياء|علي قيد الحياه)/,
  /ما زلت حي/,
  /مازلنا احياء/,
];
const OFFLINE = [
  /\b(going|will be|i'?ll be|we'?ll be|am|i'?m|we'?re) (going )?offline\b/i,
  /\b(battery|phone) (is )?(dying|almost dead|at \d+ ?%)/i,
  /\bno (more )?(internet|signal|connection|network)\b/i,
  /(ساقطع|سننقطع|سنغيب|ساغيب|رح (اغيب|انقطع|نغيب|ننقطع))/,
  /(البطاريه|الشحن) (علي وشك|رح|ستنفد|تنفد|خلص)/,
  /(لا|ما في|مافي) (انترنت|نت|اتصال|تغطيه)/,
];

/** Keyword fallback when no triage category exists for a message. Deliberately narrow. */
export function detectLifeSignal(text: string): LifeSignal | undefined {
  const ar = normalizeArabic(text);
  const any = (rs: RegExp[]) => rs.some((r) => r.test(text) || r.test(ar));
  if (any(FAREWELL)) return 'farewell';
  if (any(OFFLINE)) return 'going_offline';
  if (any(ALIVE)) return 'alive_and_safe';
  return undefined;
}

/** The model's category when the message was analyzed (whatever it is); the fallback only when it was not. */
export function lifeSignal(category: string | undefined, text: string | undefined): LifeSignal | undefined {
  if (category !== undefined) return LIFE_SIGNALS.has(category) ? (category as LifeSignal) : undefined;
  return text ? detectLifeSignal(text) : undefined;
}

/** Words that say they reached safety: these always make the post a safety statement. */
const SAFE_PLACE_WORDS = [
  /\b(safe|safety|safer|out of (aleppo|the city|the siege)|made it out|got out|reached)\b/i,
  /(بامان|امان|وصلنا|طلعنا|خرجنا)/,
];
/** "Fine", "unharmed": a safety statement unless the post is the routine kind (below). */
const SAFE_WORDS = [
  /\b(fine|ok|okay|unharmed|unhurt)\b/i,
  /(بخير|سالم|سالمين|منيح|مناح|تمام|نجونا|نجوت)/,
  /\b(bkhair|bkheir|mni7|mnee7|tamam|salmin|salmeen)\b/i,
];
/** The everyday siege update: one more night survived, fine "so far", "for now". */
const ROUTINE = [
  /\b(so far|for now|another night|survived (the|another|one more) night|still (alive|here|breathing))\b/i,
  /(حتي الان|ليله اخري|ليله طويله|ما زلنا|مازلنا|ما زلت|مازلت|لسا)/,
];
const ALIVE_ONLY = [
  /\b(still (alive|here|breathing)|alive)\b/i,
  /(احياء|حي|عايشين|عايش|لسا|ما زلنا|مازلنا|ما زلت|مازلت)/,
  /\b(3ayshin|3aysheen|a7ya2)\b/i,
];

/**
 * The model called it alive_and_safe; is it more than the everyday "still alive" of a siege? A post
 * that says they reached safety (safe, safer, out, reached) says they are safe. "Fine" or "unharmed"
 * does too, unless the post is the routine update ("still alive", "so far", "another night"). A post
 * that only says they are alive is routine; anything else the model called alive/safe says they are safe.
 */
export function statesSafety(text: string | undefined): boolean {
  if (!text) return false;
  const ar = normalizeArabic(text);
  const any = (rs: RegExp[]) => rs.some((r) => r.test(text) || r.test(ar));
  if (any(SAFE_PLACE_WORDS)) return true;
  // "we are all fine" after "still alive, a long night of shelling" is the routine update, not news
  if (any(SAFE_WORDS)) return !any(ROUTINE);
  return !any(ALIVE_ONLY) && !any(ROUTINE);
}
