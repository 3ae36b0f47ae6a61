import { normalizeArabic } from '../core/arabic-normalize.ts';

/** The two message categories the watchlist reacts to; triage writes them, this is only a fallback. */
export type LifeSignal = 'farewell' | 'alive_and_safe';

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

/** Keyword fallback when no triage category exists for a message. Deliberately narrow. */
export function detectLifeSignal(text: string): LifeSignal | undefined {
  const ar = normalizeArabic(text);
  if (FAREWELL.some((r) => r.test(text) || r.test(ar))) return 'farewell';
  if (ALIVE.some((r) => r.test(text) || r.test(ar))) return 'alive_and_safe';
  return undefined;
}

/** Category from triage when it is one of ours, else the fallback on the text. */
export function lifeSignal(category: string | undefined, text: string | undefined): LifeSignal | undefined {
  if (category === 'farewell' || category === 'alive_and_safe') return category;
  if (category !== undefined) return undefined;
  return text ? detectLifeSignal(text) : undefined;
}

const SAFETY = [
  /\b(alive and safe|safe and sound|(we are|we're|i am|i'm|we are all|all of us are) (now )?safe)\b/i,
  /\breached (a )?safer?\b/i,
  /بامان/,
  /سالمين/,
  /(مكان|ملجا) (اكثر )?امان/,
];

/** The text says they are safe, not only alive ("still alive" is the everyday news of a siege). */
export function statesSafety(text: string | undefined): boolean {
  if (!text) return false;
  const ar = normalizeArabic(text);
  return SAFETY.some((r) => r.test(text) || r.test(ar));
}
