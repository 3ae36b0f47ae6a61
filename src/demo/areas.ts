/**
 * Neighbourhoods of the eastern Aleppo enclave as it stood around 10 December 2016. The names are
 * real places; everything that happens in them in the demo is invented.
 */
export interface Place {
  key: string;
  en: string;
  ar: string;
}

export const ENCLAVE: readonly Place[] = [
  { key: 'sukkari', en: 'al-Sukkari', ar: 'السكري' },
  { key: 'mashhad', en: 'al-Mashhad', ar: 'المشهد' },
  { key: 'kalasa', en: 'al-Kalasa', ar: 'الكلاسة' },
  { key: 'bustan-al-qasr', en: 'Bustan al-Qasr', ar: 'بستان القصر' },
  { key: 'ansari', en: 'al-Ansari', ar: 'الأنصاري' },
  { key: 'salah-al-din', en: 'Salah al-Din', ar: 'صلاح الدين' },
  { key: 'fardos', en: 'al-Fardos', ar: 'الفردوس' },
  { key: 'zebdiya', en: 'al-Zebdiya', ar: 'الزبدية' },
  { key: 'amiriya', en: 'al-Amiriya', ar: 'العامرية' },
];

/** Districts already lost before the scenario starts: people fled from them into the enclave. */
export const FALLEN: readonly Place[] = [
  { key: 'shaar', en: 'al-Shaar', ar: 'الشعار' },
  { key: 'hanano', en: 'Hanano', ar: 'هنانو' },
  { key: 'sakhour', en: 'al-Sakhour', ar: 'الصاخور' },
  { key: 'masaken-hanano', en: 'Masaken Hanano', ar: 'مساكن هنانو' },
  { key: 'tariq-al-bab', en: 'Tariq al-Bab', ar: 'طريق الباب' },
];

export function place(key: string): Place {
  const found = ENCLAVE.find((p) => p.key === key) ?? FALLEN.find((p) => p.key === key);
  if (!found) throw new RangeError(`unknown demo place ${key}`);
  return found;
}
