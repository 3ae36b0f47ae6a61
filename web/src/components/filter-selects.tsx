import { CATEGORIES, LANGUAGES } from '../categories.ts';
import { useI18n } from '../i18n.tsx';

interface SelectProps {
  value: string;
  onChange: (e: { target: { value: string } }) => void;
}

/** Category filter shared by the live feed and search. */
export function CategorySelect({ value, onChange }: SelectProps) {
  const { t, lang } = useI18n();
  return (
    <select value={value} onChange={onChange} aria-label={t('category')}>
      <option value="">{t('allCategories')}</option>
      {CATEGORIES.map((c) => (
        <option key={c.id} value={c.id}>
          {c[lang]}
        </option>
      ))}
    </select>
  );
}

/** Language filter shared by the live feed and search. */
export function LanguageSelect({ value, onChange }: SelectProps) {
  const { t, lang } = useI18n();
  return (
    <select value={value} onChange={onChange} aria-label={t('allLanguages')}>
      <option value="">{t('allLanguages')}</option>
      {LANGUAGES.map((l) => (
        <option key={l.id} value={l.id}>
          {l[lang]}
        </option>
      ))}
    </select>
  );
}
