import type { Lang } from './i18n.tsx';

/**
 * Numbers, times, durations and odds in the page's language. Arabic uses Arabic-Indic digits
 * (ar-SY-u-nu-arab) and counts nouns the Arabic way: ساعة واحدة، ساعتان، ٣ ساعات، ١١ ساعة، ٧٫٥ ساعة.
 */

/** Nominative (a value on its own) or genitive (after كل، قبل، من): only the dual differs (ساعتان / ساعتين). */
export type Case = 'nom' | 'gen';

export type Noun = 'minute' | 'hour' | 'day' | 'gap' | 'post' | 'person';

interface ArabicNoun {
  one: string;
  /** After كل or قبل: "كل ساعة", not "كل ساعة واحدة". */
  oneGen: string;
  two: string;
  twoGen: string;
  /** 3 to 10 */
  few: string;
  /** 11 to 99 (tamyiz, accusative) */
  many: string;
  /** 100 and up, fractions */
  other: string;
}

const AR: Record<Noun, ArabicNoun> = {
  minute: {
    one: 'دقيقة واحدة',
    oneGen: 'دقيقة',
    two: 'دقيقتان',
    twoGen: 'دقيقتين',
    few: 'دقائق',
    many: 'دقيقة',
    other: 'دقيقة',
  },
  hour: {
    one: 'ساعة واحدة',
    oneGen: 'ساعة',
    two: 'ساعتان',
    twoGen: 'ساعتين',
    few: 'ساعات',
    many: 'ساعة',
    other: 'ساعة',
  },
  day: { one: 'يوم واحد', oneGen: 'يوم', two: 'يومان', twoGen: 'يومين', few: 'أيام', many: 'يومًا', other: 'يوم' },
  gap: {
    one: 'فاصل واحد',
    oneGen: 'فاصل واحد',
    two: 'فاصلان',
    twoGen: 'فاصلين',
    few: 'فواصل',
    many: 'فاصلًا',
    other: 'فاصل',
  },
  post: {
    one: 'منشور واحد',
    oneGen: 'منشور واحد',
    two: 'منشوران',
    twoGen: 'منشورين',
    few: 'منشورات',
    many: 'منشورًا',
    other: 'منشور',
  },
  person: {
    one: 'شخص واحد',
    oneGen: 'شخص واحد',
    two: 'شخصان',
    twoGen: 'شخصين',
    few: 'أشخاص',
    many: 'شخصًا',
    other: 'شخص',
  },
};

const EN: Record<Noun, [string, string]> = {
  minute: ['minute', 'minutes'],
  hour: ['hour', 'hours'],
  day: ['day', 'days'],
  gap: ['gap', 'gaps'],
  post: ['post', 'posts'],
  person: ['person', 'people'],
};

export interface Formatters {
  fmtTime(iso: string | null | undefined): string;
  fmtNumber(n: number): string;
  /** Compact for tables: "7.5 h" / "٧٫٥ ساعة", "3 d" / "٣ أيام". */
  fmtDuration(ms: number | null | undefined, grammaticalCase?: Case): string;
  /** A probability as a percentage, or as 1 / N when it is small. */
  fmtChance(p: number | null | undefined): string;
  /** How unlikely, for a sentence: "12%", "1 in 250" / "١ من ٢٥٠". */
  fmtOdds(p: number): string;
  /** A counted noun: "40 gaps" / "٤٠ فاصلًا", "2 posts" / "منشوران". */
  fmtCount(n: number, noun: Noun, grammaticalCase?: Case): string;
}

function roundTo(n: number, digits: number): number {
  if (n === 0) return 0;
  const f = 10 ** (digits - Math.ceil(Math.log10(Math.abs(n))));
  return Math.round(n * f) / f;
}

export function formatters(lang: Lang): Formatters {
  const locale = lang === 'ar' ? 'ar-SY-u-nu-arab' : 'en-GB';
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const nf = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const pct1 = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const plural = new Intl.PluralRules(lang);

  function fmtCount(n: number, noun: Noun, grammaticalCase: Case = 'nom'): string {
    if (lang === 'en') return `${nf.format(n)} ${EN[noun][n === 1 ? 0 : 1]}`;
    const forms = AR[noun];
    const rule = Number.isInteger(n) ? plural.select(n) : 'other';
    if (rule === 'one') return grammaticalCase === 'gen' ? forms.oneGen : forms.one;
    if (rule === 'two') return grammaticalCase === 'gen' ? forms.twoGen : forms.two;
    const word = rule === 'few' ? forms.few : rule === 'many' ? forms.many : forms.other;
    return `${nf.format(n)} ${word}`;
  }

  return {
    fmtTime: (iso) => (iso ? `${dt.format(new Date(iso))} UTC` : '—'),
    fmtNumber: (n) => nf.format(n),
    fmtChance(p) {
      if (p == null || !Number.isFinite(p)) return '—';
      if (p > 0 && p < 0.01) {
        const n = 1 / p;
        // A whole watchlist silent for years has odds with twenty digits: past a billion, say so.
        if (n >= 1e9) return lang === 'ar' ? `أقل من ${nf.format(1)} / ${nf.format(1e9)}` : `< 1 / ${nf.format(1e9)}`;
        return `${nf.format(1)} / ${nf.format(n >= 1e6 ? roundTo(n, 2) : Math.round(n))}`;
      }
      return pct1.format(p);
    },
    fmtOdds(p) {
      if (p >= 0.1) return pct.format(p);
      const n = 1 / Math.max(p, 1e-300);
      if (n >= 1e9) return lang === 'ar' ? 'أقل من واحد في المليار' : 'less than 1 in a billion';
      const of = nf.format(n >= 1e6 ? roundTo(n, 2) : Math.max(10, Math.round(n)));
      return lang === 'ar' ? `${nf.format(1)} من ${of}` : `1 in ${of}`;
    },
    fmtCount,
    fmtDuration(ms, grammaticalCase = 'nom') {
      if (ms == null || !Number.isFinite(ms)) return '—';
      const h = ms / 3_600_000;
      const [n, noun, short]: [number, Noun, string] =
        h >= 48 ? [h / 24, 'day', 'd'] : h >= 1 ? [h, 'hour', 'h'] : [ms / 60_000, 'minute', 'min'];
      const rounded = Math.round(n * 10) / 10;
      return lang === 'ar' ? fmtCount(rounded, noun, grammaticalCase) : `${nf.format(rounded)} ${short}`;
    },
  };
}
