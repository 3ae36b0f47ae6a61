/** Number words in English and (normalized) Arabic, and a parser over token runs. */

const EN_UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
};

// Keys are normalized Arabic (normalizeArabic: ة→ه, أإآ→ا, ى→ي).
const AR_UNITS: Record<string, number> = {
  واحد: 1,
  واحده: 1,
  اثنان: 2,
  اثنين: 2,
  اثنتين: 2,
  اثنتان: 2,
  اثنا: 2,
  اثني: 2,
  ثلاث: 3,
  ثلاثه: 3,
  اربع: 4,
  اربعه: 4,
  خمس: 5,
  خمسه: 5,
  ست: 6,
  سته: 6,
  سبع: 7,
  سبعه: 7,
  ثمان: 8,
  ثماني: 8,
  ثمانيه: 8,
  تسع: 9,
  تسعه: 9,
  عشر: 10,
  عشره: 10,
  عشرون: 20,
  عشرين: 20,
  ثلاثون: 30,
  ثلاثين: 30,
  اربعون: 40,
  اربعين: 40,
  خمسون: 50,
  خمسين: 50,
  ستون: 60,
  ستين: 60,
  سبعون: 70,
  سبعين: 70,
  ثمانون: 80,
  ثمانين: 80,
  تسعون: 90,
  تسعين: 90,
  احد: 1,
  احدي: 1,
};
const MULTIPLIERS: Record<string, number> = {
  hundred: 100,
  thousand: 1000,
  hundreds: 100,
  thousands: 1000,
  مئه: 100,
  مائه: 100,
  مئات: 100,
  الف: 1000,
  الاف: 1000,
  آلاف: 1000,
};
const AR_COMPOUND: Record<string, number> = {
  مئتان: 200,
  مئتين: 200,
  مائتين: 200,
  مائتان: 200,
  الفين: 2000,
  الفان: 2000,
};

function stripWaw(t: string): string {
  return t.length > 3 && t.startsWith('و') ? t.slice(1) : t;
}

/** Value of a single number word (with Arabic و conjunction allowed), or undefined. */
export function wordValue(t: string): { value: number; mult: boolean } | undefined {
  if (t in EN_UNITS) return { value: EN_UNITS[t], mult: false };
  const a = t in AR_UNITS || t in MULTIPLIERS || t in AR_COMPOUND ? t : stripWaw(t);
  if (a in AR_UNITS) return { value: AR_UNITS[a], mult: false };
  if (a in AR_COMPOUND) return { value: AR_COMPOUND[a], mult: false };
  if (a in MULTIPLIERS) return { value: MULTIPLIERS[a], mult: true };
  // ثلاثمئه, خمسمائه
  const m = /^(ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(مئه|مائه)$/.exec(a);
  if (m) return { value: AR_UNITS[m[1]] * 100, mult: false };
  return undefined;
}

const DIGITS = /^\d{1,3}(,\d{3})+$|^\d+$/;

/**
 * Parse a number starting at tokens[i]: digits ("1,200") or a run of number words
 * ("twenty five", "three hundred", "خمسه وعشرين", "ثلاث مئه"). Returns value and tokens consumed.
 */
export function parseNumberAt(tokens: string[], i: number): { value: number; length: number } | undefined {
  const t = tokens[i];
  if (DIGITS.test(t)) {
    let value = Number(t.replace(/,/g, ''));
    let length = 1;
    const next = tokens[i + 1] ? wordValue(tokens[i + 1]) : undefined;
    if (next?.mult && tokens[i + 1] !== 'hundreds' && tokens[i + 1] !== 'thousands') {
      value *= next.value;
      length++;
    }
    return { value, length };
  }
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  while (j < tokens.length) {
    const tok = tokens[j];
    if ((tok === 'and' || tok === 'و') && any && wordValue(tokens[j + 1] ?? '')) {
      j++;
      continue;
    }
    const w = wordValue(tok);
    if (!w) break;
    if (tok === 'dozen' && !any) break; // "a dozen" is handled by the caller
    if (w.mult && !any) break; // "hundreds of", "العشرات": vague, not a figure
    if (w.mult) {
      current = (current || 1) * w.value;
      if (w.value >= 1000) {
        total += current;
        current = 0;
      }
    } else current += w.value;
    any = true;
    j++;
  }
  if (!any) return undefined;
  return { value: total + current, length: j - i };
}
