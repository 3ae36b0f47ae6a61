import type { Place } from './areas.ts';
import type { Role } from './cast.ts';

/** What a generated post is about; the generator picks a kind, then a template of that kind. */
export type Kind = 'shelling' | 'plea_evacuation' | 'plea_medical' | 'alive' | 'life' | 'role' | 'news' | 'viral';

/** Scripted posts placed at fixed moments of the scenario. */
export type ScriptedKind =
  | 'farewell'
  | 'after_farewell'
  | 'alive_and_safe'
  | 'back_online'
  | 'last_words'
  | 'asking_after'
  | 'outage_noticed'
  | 'going_offline';

export type Lang = 'ar' | 'en';

/** Where the siege story stands; news posts change with it. */
export type Phase = 'siege' | 'deal' | 'collapse';

export interface Slots {
  role: Role;
  phase: Phase;
  /** Local hour of the post, 0–23: templates about the morning or the night return '' at other hours. */
  hour: number;
  home: Place;
  area: Place;
  area2: Place;
  fled: Place;
  weapon: { en: string; ar: string };
  /** Killed, 11–60 (so Arabic takes the singular accusative: ٢٣ شهيداً). */
  n: number;
  /** Wounded, 15–90. */
  m: number;
  /** A small count, 3–9 (Arabic plural: ٥ أطفال). */
  k: number;
  hours: number;
  days: number;
  /** Degrees below zero, 3–6. */
  temp: number;
  thousands: number;
  blood: string;
  /** Name of another person, for posts asking after them. */
  other: { en: string; ar: string };
  /** Renders a number in the digit script chosen for this message (Arabic-Indic or ASCII). */
  num(n: number): string;
}

export type Template = (s: Slots) => string;

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

export function arabicIndicDigits(n: number): string {
  return String(n).replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]);
}
