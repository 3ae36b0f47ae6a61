/**
 * Levantine Arabic in Arabic script to Arabizi (the Latin "chat alphabet": 7 for ح, 3 for ع, 2 for ء/ق,
 * 5 for خ), for training data: the team's Levantine messages rendered as Arabizi teach the classifier
 * the categories it has too few Arabizi examples of. Arabic script leaves short vowels out, so common
 * words come from a small lexicon of usual chat spellings and the rest from a letter map that puts a
 * vowel after the first consonant; spelling choices vary with a seeded generator, as people's do.
 */

/** Usual chat spellings of frequent words (normalized: alef, ya, ta marbuta folded as normalizeArabic does). */
const LEXICON: Record<string, string[]> = {
  انا: ['ana'],
  نحنا: ['ne7na', 'n7na', 'na7na'],
  نحن: ['ne7na', 'n7na', 'na7no'],
  احنا: ['e7na'],
  انت: ['enta', 'inta', 'ente'],
  انتو: ['ento', 'intu'],
  انتم: ['ento', 'entom'],
  هو: ['huwe', 'hwe'],
  هي: ['hiye', 'hye'],
  هنن: ['henne', 'hinne'],
  هم: ['hom', 'henne'],
  كلنا: ['kelna', 'kollna', 'kella'],
  كل: ['kel', 'kil', 'kol'],
  شي: ['shi'],
  في: ['fi', 'fe'],
  ما: ['ma'],
  مافي: ['mafi', 'ma fi'],
  مو: ['mu', 'mo'],
  لا: ['la'],
  ايه: ['eh', 'ee'],
  اي: ['ee', 'ay'],
  بس: ['bas', 'bs'],
  هلق: ['hala2', 'halla2', 'hl2'],
  هلا: ['hala', 'halla2'],
  هون: ['hon', 'hown'],
  هنيك: ['hnik', 'hnek'],
  وين: ['wen', 'wein'],
  شو: ['shu', 'sho'],
  ليش: ['lesh', 'leish'],
  كيف: ['kif', 'keef'],
  قديش: ['2addesh', 'addeh'],
  مين: ['min', 'meen'],
  عم: ['3am', '3m'],
  رح: ['ra7', 'r7'],
  راح: ['ra7'],
  كان: ['kan'],
  كانت: ['kanet'],
  صار: ['sar', '9ar'],
  صارت: ['saret'],
  بدنا: ['badna', 'bdna'],
  بدي: ['baddi', 'bdi'],
  بدو: ['baddo', 'bdo'],
  يعني: ['ya3ni', 'y3ni'],
  كتير: ['ktir', 'kteer'],
  شوي: ['shway', 'shwayye'],
  هيك: ['heik', 'hek'],
  هاد: ['hada', 'had'],
  هاي: ['hay', 'hai'],
  هدا: ['hada'],
  هذا: ['hada', 'haza'],
  هذه: ['hayde', 'hathihi'],
  هيدا: ['hayda'],
  هيدي: ['haydi'],
  يلي: ['yalli', 'elli'],
  اللي: ['elli', 'illi'],
  الي: ['elli'],
  مع: ['ma3'],
  معنا: ['ma3na'],
  معكن: ['ma3kon', 'm3kon'],
  معكم: ['ma3kom', 'm3kon'],
  عليكن: ['3alaykon', '3lekon'],
  على: ['3ala', '3a'],
  علي: ['3ala', '3a'],
  عن: ['3an'],
  من: ['men', 'mn', 'min'],
  لعند: ['la3end'],
  عند: ['3end', '3and'],
  عندي: ['3ndi', '3andi'],
  عنا: ['3anna', '3na'],
  بعد: ['ba3d', 'b3d'],
  قبل: ['2abl', '2bl'],
  لسا: ['lessa', 'lissa'],
  لسه: ['lessa'],
  ابدا: ['abadan', 'abadan'],
  الله: ['allah', 'alla'],
  الحمدلله: ['el7amdella', 'l7amdlla', 'el 7amdulillah'],
  الحمد: ['el7amd'],
  لله: ['lilla', 'lellah'],
  يا: ['ya'],
  يارب: ['yarab', 'ya rab'],
  ان: ['en', 'inno'],
  انو: ['enno', 'inno'],
  اذا: ['eza', 'iza'],
  ازا: ['eza', 'iza'],
  لانو: ['la2anno', 'l2nno'],
  لان: ['la2an'],
  حلب: ['7alab', '7lb'],
  حمص: ['7oms'],
  الشام: ['el sham', 'elsham'],
  سوريا: ['souria', 'syria'],
  ماي: ['may', 'mai'],
  مي: ['may', 'mai'],
  مية: ['mayye'],
  خبز: ['5obez', 'khebez'],
  اكل: ['akl', 'akel'],
  كهربا: ['kahraba', 'kahrba'],
  نت: ['net'],
  النت: ['el net', 'lnet'],
  شبكه: ['shabake', 'shabkeh'],
  موبايل: ['mobile', 'mobail'],
  بطاريه: ['battery', 'batariye'],
  شحن: ['sha7en', 'sh7n'],
  قصف: ['2asf', 'qasf'],
  طيران: ['tayaran', '6ayaran'],
  طياره: ['tayyara', 'tiyara'],
  براميل: ['baramil'],
  برميل: ['barmil'],
  صاروخ: ['sarou5', 'sarookh'],
  شهيد: ['shahid', 'shaheed'],
  شهدا: ['shohada', 'shuhada'],
  جرحى: ['jar7a'],
  جريح: ['jari7'],
  مصاب: ['msab', 'musab'],
  مستشفى: ['mustashfa', 'mshfa'],
  دكتور: ['doctor', 'daktor'],
  ولاد: ['wlad', 'wled'],
  الولاد: ['el wlad', 'lwlad'],
  اطفال: ['atfal', 'a6fal'],
  بيت: ['beit', 'bet'],
  البيت: ['el beit', 'lbet'],
  بناء: ['bina', 'bineye'],
  بنايه: ['bineye', 'binaye'],
  شارع: ['share3', 'shari3'],
  حي: ['7ay', '7ai'],
  ناس: ['nas', 'nass'],
  الناس: ['el nas', 'lnas'],
  العالم: ['el 3alam', 'l3alam'],
  عالم: ['3alam'],
  ساعدونا: ['sa3dona', 'sa3edouna'],
  ساعدوا: ['sa3do', 'sa3edo'],
  ادعولنا: ['ed3oulna', 'ed3olna'],
  سامحوني: ['sam7ouni', 'sam7ona'],
  سامحونا: ['sam7ona', 'sam7ouna'],
  اخر: ['a5er', 'akher', 'a5r'],
  مره: ['marra', 'mara'],
  رساله: ['risale', 'rsale'],
  بخير: ['bkhair', 'b5er', 'bi5eir'],
  منيح: ['mni7', 'mnee7'],
  مناح: ['mna7'],
  تمام: ['tamam'],
  سالمين: ['salmin', 'saleemin'],
  عايشين: ['3aysheen', '3ayshin'],
  طيبين: ['tayybin', '6aybeen'],
  وصلنا: ['wselna', 'we9elna', 'wsolna'],
  طلعنا: ['tele3na', 'tl3na', '6le3na'],
  ممر: ['mamar', 'mamarr'],
  هدنه: ['hudne', 'hodne'],
  باصات: ['basat', 'ba9at'],
  الباصات: ['el basat'],
  حصار: ['7isar', '7sar'],
  جوع: ['jou3', 'ju3'],
  برد: ['bard'],
  خايف: ['5ayef', 'khayef'],
  خايفين: ['5aifin', 'khayfeen'],
  دير: ['dir'],
  بالكن: ['balkon', 'balkom'],
  انتبهوا: ['entebho', 'ntebho'],
  ديروا: ['diro', 'deero'],
  حدا: ['7ada', '7ad'],
  حدن: ['7adan'],
  اليوم: ['el yom', 'lyom', 'elyoum'],
  بكرا: ['bokra', 'bukra'],
  امبارح: ['embare7', 'mbere7'],
  الليل: ['el leil', 'lleil'],
  الصبح: ['el sob7', 'sob7'],
  ساعه: ['sa3a'],
  ساعات: ['sa3at'],
  يوم: ['yom', 'youm'],
  ايام: ['ayyam'],
  شكرا: ['shukran', 'merci', 'shokran'],
  قلبي: ['2albi', 'albi'],
  اخي: ['a5i', 'akhi'],
  اخوي: ['a5ooy', 'khayyi'],
  خيي: ['5ayyi'],
  امي: ['emmi', 'imi'],
  ابي: ['abi', 'bayyi'],
  بيي: ['bayyi'],
  بنتي: ['benti', 'binti'],
  ابني: ['ebni', 'ibni'],
  مرتي: ['marti'],
  جوزي: ['jozi'],
  رفقاتي: ['rfe2ti'],
  الدفاع: ['el defa3'],
  المدني: ['el madani'],
  صحفي: ['sa7afi'],
};

/** Proclitics as Arabizi spells them, longest first; the rest of the word keeps at least 2 letters. */
const PREFIXES: [string, string[]][] = [
  ['وال', ['w el ', 'wel ', 'wl']],
  ['بال', ['bel ', 'bl', 'b el ']],
  ['فال', ['fel ', 'fl']],
  ['لل', ['lal ', 'lel ', 'll']],
  ['عال', ['3al ', '3l']],
  ['ال', ['el ', 'l', 'al ', 'el']],
  ['و', ['w ', 'w', 'o ']],
  ['ب', ['b ', 'b', 'bi']],
  ['ف', ['f', 'fa ']],
  ['ل', ['la ', 'l', 'le']],
];

const LETTERS: Record<string, string[]> = {
  ا: ['a'],
  ب: ['b'],
  ت: ['t'],
  ث: ['th', 's', 't'],
  ج: ['j', 'g'],
  ح: ['7', '7', 'h'],
  خ: ['5', 'kh', '5'],
  د: ['d'],
  ذ: ['z', 'th', 'd'],
  ر: ['r'],
  ز: ['z'],
  س: ['s'],
  ش: ['sh', 'sh', 'ch'],
  ص: ['s', '9', 's'],
  ض: ['d', 'D', 'd'],
  ط: ['t', '6', 't'],
  ظ: ['z', 'Z', 'z'],
  ع: ['3', '3', 'a'],
  غ: ['gh', '8', 'gh'],
  ف: ['f'],
  ق: ['2', '2', 'q', 'a'],
  ك: ['k'],
  ل: ['l'],
  م: ['m'],
  ن: ['n'],
  ه: ['h', 'e'],
  و: ['w', 'o', 'ou'],
  ي: ['y', 'i', 'e', 'ee'],
  ء: ['2', "'", ''],
  ئ: ['2', 'e'],
  ؤ: ['2', 'o'],
};

const VOWEL_LETTERS = new Set(['ا', 'و', 'ي', 'ه']);
const AR_PUNCT: Record<string, string> = { '،': ',', '؛': ';', '؟': '?' };

const pick = <T>(xs: T[], rand: () => number): T => xs[Math.floor(rand() * xs.length)];

/** Normalized the way the classifier sees Arabic (alef, alef maqsura, ta marbuta folded; no tashkeel). */
function fold(w: string): string {
  return w
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[آأإٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه');
}

/** One Arabic word (no proclitic handling) by the letter map, a vowel after the first consonant. */
function spellLetters(w: string, rand: () => number): string {
  let out = '';
  const cs = [...w];
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    const last = i === cs.length - 1;
    if (c === 'ا' && i === 0) out += pick(['a', 'e', 'i'], rand);
    else if (c === 'ه' && last) out += i > 0 ? pick(['e', 'a', 'eh', 'o'], rand) : 'h';
    else if (c === 'ي' && last) out += pick(['i', 'e', 'y'], rand);
    else if (c === 'و' && last) out += pick(['o', 'ou', 'u'], rand);
    else out += pick(LETTERS[c] ?? [c], rand);
    // short vowel after the first consonant when a consonant follows
    if (i === 0 && !VOWEL_LETTERS.has(c) && cs.length > 2 && !VOWEL_LETTERS.has(cs[1]))
      out += pick(['a', 'e', 'a', 'o'], rand);
  }
  return out;
}

function spellWord(raw: string, rand: () => number): string {
  const w = fold(raw);
  if (!/^[\u0621-\u064A]+$/.test(w)) return raw.replace(/[،؛؟]/g, (c) => AR_PUNCT[c]);
  const lex = LEXICON[w];
  if (lex) return pick(lex, rand);
  for (const [p, spellings] of PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 2) {
      const rest = w.slice(p.length);
      const r = LEXICON[rest] ? pick(LEXICON[rest], rand) : spellLetters(rest, rand);
      return pick(spellings, rand) + r;
    }
  }
  return spellLetters(w, rand);
}

/** The text with every Arabic word in Arabizi; Latin words, digits, emoji and punctuation kept. */
export function toArabizi(text: string, rand: () => number): string {
  const t = text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  return t
    .replace(/[\u0621-\u064A\u064B-\u065F\u0670\u0640\u0671]+/g, (w) => spellWord(w, rand))
    .replace(/[،؛؟]/g, (c) => AR_PUNCT[c]);
}
