/** How a 12-hour clock time is placed in the day: AM/PM, or Android's spelled-out day periods. */
export type DayPeriod = 'am' | 'pm' | 'noon' | 'night';

/**
 * Day-period words WhatsApp writes after (or, in East Asian locales, before) a 12-hour time, as the
 * phone's locale spells them (CLDR's "a" and "B" fields). Matching ignores case and spacing.
 * "at night" / "de la noche" / "da noite" cover about 9 PM to 6 AM, so they need the hour to resolve.
 */
export const DAY_PERIODS: Record<string, DayPeriod> = {
  AM: 'am',
  'a. m.': 'am',
  'a.m.': 'am',
  PM: 'pm',
  'p. m.': 'pm',
  'p.m.': 'pm',
  // ar
  ص: 'am',
  م: 'pm',
  // fa
  'ق.ظ.': 'am',
  'ب.ظ.': 'pm',
  'ق.ظ': 'am',
  'ب.ظ': 'pm',
  // ja
  午前: 'am',
  午後: 'pm',
  // zh
  上午: 'am',
  下午: 'pm',
  凌晨: 'am',
  早上: 'am',
  中午: 'noon',
  晚上: 'pm',
  // ko
  오전: 'am',
  오후: 'pm',
  // de
  'vorm.': 'am',
  'nachm.': 'pm',
  // tr
  ÖÖ: 'am',
  ÖS: 'pm',
  // el
  'π.μ.': 'am',
  'μ.μ.': 'pm',
  // hi
  पूर्वाह्न: 'am',
  अपराह्न: 'pm',
  // th
  ก่อนเที่ยง: 'am',
  หลังเที่ยง: 'pm',
  // vi
  SA: 'am',
  CH: 'pm',
  // cs
  'dop.': 'am',
  'odp.': 'pm',
  // ru, uk
  ДП: 'am',
  ПП: 'pm',
  // he
  'לפנה״צ': 'am',
  'אחה״צ': 'pm',
  // Android's day periods (en, es, pt, fr, it)
  'in the morning': 'am',
  'in the afternoon': 'pm',
  'in the evening': 'pm',
  'at night': 'night',
  noon: 'noon',
  'de la mañana': 'am',
  'de la madrugada': 'am',
  'de la tarde': 'pm',
  'de la noche': 'night',
  'da manhã': 'am',
  'da madrugada': 'am',
  'da tarde': 'pm',
  'da noite': 'night',
  'du matin': 'am',
  "de l'après-midi": 'pm',
  'du soir': 'pm',
  'di mattina': 'am',
  'del pomeriggio': 'pm',
  'di sera': 'pm',
  'di notte': 'night',
};
