/** Vigil's triage categories (src/analysis/taxonomy.ts), with labels and colours for the desk. */
export const CATEGORIES: { id: string; en: string; ar: string; color: string }[] = [
  { id: 'request_for_help', en: 'Request for help', ar: 'طلب مساعدة', color: '#c0392b' },
  { id: 'farewell', en: 'Farewell', ar: 'وداع', color: '#6c3483' },
  { id: 'injured_or_dead', en: 'Injured or dead', ar: 'جرحى أو قتلى', color: '#922b21' },
  { id: 'infrastructure_damage', en: 'Damage and shelling', ar: 'دمار وقصف', color: '#d35400' },
  { id: 'evacuation_or_ceasefire', en: 'Evacuation or ceasefire', ar: 'إجلاء أو هدنة', color: '#1f618d' },
  { id: 'caution_and_advice', en: 'Caution and advice', ar: 'تحذير ونصيحة', color: '#b7950b' },
  { id: 'alive_and_safe', en: 'Alive and safe', ar: 'بخير وبأمان', color: '#1e8449' },
  { id: 'going_offline', en: 'Going offline', ar: 'انقطاع متوقع عن الاتصال', color: '#2e4053' },
  { id: 'sympathy_and_support', en: 'Sympathy and support', ar: 'تعاطف ودعم', color: '#7d6608' },
  { id: 'other_relevant', en: 'Other relevant', ar: 'معلومات أخرى', color: '#5d6d7e' },
  { id: 'not_relevant', en: 'Not relevant', ar: 'غير ذي صلة', color: '#aab7b8' },
];

export function categoryOf(id: string | null | undefined) {
  return CATEGORIES.find((c) => c.id === id);
}

export const LANGUAGES: { id: string; en: string; ar: string }[] = [
  { id: 'ar', en: 'Arabic', ar: 'العربية' },
  { id: 'en', en: 'English', ar: 'الإنجليزية' },
  { id: 'ku', en: 'Kurdish', ar: 'الكردية' },
  { id: 'tr', en: 'Turkish', ar: 'التركية' },
  { id: 'fr', en: 'French', ar: 'الفرنسية' },
  { id: 'und', en: 'Undetermined', ar: 'غير محددة' },
];
