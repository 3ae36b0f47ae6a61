import { normalizeArabic } from '../../core/arabic-normalize.ts';
import type { Category } from '../taxonomy.ts';

/**
 * Weak supervision: labelling functions written as a small grammar. Each nonterminal is a closed class
 * (pronouns, communication nouns, verbs of posting, ...) and each rule is a sequence of them, so
 * "our last message", "my final tweet", "this could be the last video" and "آخر رسالة منا" all come
 * from one production instead of a list of phrases. Rules run over normalizeArabic(text) lowercased.
 */

const alt = (...xs: string[]) => `(?:${xs.join('|')})`;
const opt = (x: string) => `(?:${x})?`;
const seq = (...xs: string[]) => xs.join('\\s+');
/** Up to n filler words between two parts. */
const gap = (n: number) => `(?:\\S+\\s+){0,${n}}`;
const b = (x: string) => `\\b${x}\\b`;

// English closed classes
const WE = alt('i', 'we', "i'm", 'im', "we're");
const POSS = alt('my', 'our', 'this', 'the');
const LAST = alt('last', 'final');
const COMM_NOUN = alt(
  'message',
  'messages',
  'tweet',
  'tweets',
  'post',
  'posts',
  'words',
  'video',
  'update',
  'report',
  'broadcast',
  'dispatch',
  'selfie',
  'upload',
  'voice note',
);
const MODAL = alt('may', 'might', 'could', 'will', 'wo', 'would');
const NEG = alt('not', "n't", 'never');
const POST_VERB = alt('post', 'write', 'tweet', 'talk', 'speak', 'send', 'upload', 'reach you', 'see you');
const AGAIN = alt('again', 'anymore', 'after (?:this|tonight|today)');
const TIME_UNIT = alt('hours?', 'minutes?', 'days?', 'a street', 'streets', 'metres', 'meters');
const KILL = alt('killing us', 'kill us', 'killing everyone', 'the end', 'death', 'dying');
const STATE_OK = alt('safe', 'fine', 'ok', 'okay', 'alright', 'unharmed', 'unhurt', 'alive');
const ALL = alt('all', 'all of us', 'everyone', 'everybody', 'the (?:kids|children|family)');
const DEVICE = alt('battery', 'phone', 'batt', 'power bank', 'charge');
const DYING = alt('dying', 'almost (?:dead|gone|finished)', 'at \\d+ ?%', 'about to die', 'going', 'low');
const NET = alt('internet', 'network', 'signal', 'connection', 'coverage', 'net', 'reception', 'electricity', 'power');
const PLEA_VERB = alt('help', 'save', 'rescue', 'evacuate', 'protect');
const WORLD = alt('the world', 'world', 'humanity', 'the un', 'everyone', 'anyone', 'somebody', 'someone');
const ACT = alt('act', 'do something', 'stop (?:this|the \\S+|them)', 'intervene', 'wake up');
const NUM = '\\d+';
const VICTIM = alt('people', 'civilians', 'children', 'women', 'persons', 'men', 'kids');
const KILLED = alt('killed', 'dead', 'died', 'martyred', 'wounded', 'injured');

// Arabic closed classes (normalized: ة→ه, أإآ→ا, ى→ي)
const AR_LAST = alt('اخر', 'الاخيره', 'الاخير');
const AR_COMM = alt('رساله', 'رسالتي', 'رسالتنا', 'تغريده', 'تغريدتي', 'منشور', 'كلمات', 'كلماتي', 'فيديو');
const AR_WE = alt('نحن', 'احنا', 'انا', 'كلنا');
const AR_OK = alt('بخير', 'بامان', 'سالمين', 'منيح', 'مناح', 'احياء', 'عايشين', 'طيبين');
const AR_NET = alt(
  'انترنت',
  'الانترنت',
  'النت',
  'نت',
  'شبكه',
  'الشبكه',
  'تغطيه',
  'اتصال',
  'الاتصال',
  'كهرباء',
  'الكهرباء',
);
const AR_DEVICE = alt('البطاريه', 'بطاريه', 'الشحن', 'الموبايل', 'الجوال', 'التلفون');
const AR_PLEA = alt('ساعدونا', 'انقذونا', 'انقذوا', 'اغيثونا', 'النجده', 'ساعدوني', 'انجدونا');
const AR_WORLD = alt('يا عالم', 'ايها العالم', 'العالم', 'المجتمع الدولي', 'الامم المتحده');

interface Rule {
  category: Category;
  name: string;
  re: RegExp;
}

const rule = (category: Category, name: string, src: string): Rule => ({ category, name, re: new RegExp(src, 'u') });

export const LABELLING_RULES: readonly Rule[] = [
  // farewell
  rule('farewell', 'last+comm', b(seq(POSS, LAST, COMM_NOUN))),
  rule('farewell', 'last-time-we-write', seq(LAST, 'time', WE, opt(alt('can', 'will', 'could') + '\\s+') + POST_VERB)),
  rule('farewell', 'may-be-last', seq(alt('this', 'it', 'these'), MODAL, 'be', alt('my', 'our', 'the'), LAST)),
  rule('farewell', 'not-able-again', seq(WE, `${gap(2)}${MODAL}\\s*${NEG}`, gap(3) + POST_VERB, gap(3) + AGAIN)),
  rule('farewell', 'hours-from-death', seq(alt(TIME_UNIT, 'hours'), alt('away from', 'from'), KILL)),
  rule('farewell', 'never-forget-you', seq(WE, gap(1) + 'will', 'never', 'forget', alt('you', 'u'))),
  rule('farewell', 'remember-us', seq(alt("don't", 'do not', 'never', 'please'), gap(1) + 'forget', alt('us', 'me'))),
  rule('farewell', 'ar-last-comm', alt(seq(AR_LAST, AR_COMM), seq(AR_COMM, AR_LAST))),
  rule('farewell', 'ar-forgive', alt('سامحونا', 'سامحوني', 'حللونا', 'لا تنسونا', 'وداعا')),
  // going offline
  rule('going_offline', 'device-dying', seq(opt(alt('my', 'the', 'our') + '\\s+') + DEVICE, opt('is\\s+') + DYING)),
  rule(
    'going_offline',
    'going-offline',
    seq(opt(`${WE}\\s+`) + alt('going', 'will be', "i'll be", "we'll be", 'be'), 'offline'),
  ),
  rule('going_offline', 'no-net', seq(alt('no', 'no more', 'lost', 'losing', 'without'), opt('the\\s+') + NET)),
  rule('going_offline', 'ar-no-net', seq(alt('لا', 'ما في', 'مافي', 'بدون', 'انقطع', 'انقطاع', 'قطعوا'), AR_NET)),
  rule('going_offline', 'ar-device', seq(AR_DEVICE, alt('رح', 'علي وشك', 'تنفد', 'ستنفد', 'خلصت', 'عم تموت', 'ضعيفه'))),
  // alive and safe
  rule(
    'alive_and_safe',
    'we-are-ok',
    seq(opt(`${ALL}\\s+`) + WE, opt('are\\s+') + opt('all\\s+') + opt('still\\s+') + STATE_OK),
  ),
  rule('alive_and_safe', 'we-made-it', seq(WE, alt('made it out', 'got out', 'survived', 'reached', 'crossed'))),
  rule('alive_and_safe', 'all-of-us-ok', seq(ALL, alt('are', 'is'), opt('all\\s+') + STATE_OK)),
  rule('alive_and_safe', 'ar-we-ok', seq(AR_WE, opt('كلنا\\s+') + AR_OK)),
  // request for help
  rule(
    'request_for_help',
    'plea-verb-us',
    seq(opt(alt('please', 'pls', 'plz') + '\\s+') + PLEA_VERB, alt('us', 'me', 'them', 'the children', 'aleppo')),
  ),
  rule('request_for_help', 'world-must-act', seq(WORLD, alt('must', 'should', 'needs? to', 'has to', 'please'), ACT)),
  rule('request_for_help', 'ar-plea', AR_PLEA),
  rule(
    'request_for_help',
    'ar-world',
    seq(AR_WORLD, gap(2) + alt('تحرك', 'تحركوا', 'اوقفوا', 'ساعدونا', 'انقذوا', 'اين')),
  ),
  // injured or dead (news prose: FA-KES)
  rule(
    'injured_or_dead',
    'num-victims-killed',
    seq(NUM, opt(`${VICTIM}\\s+`) + gap(3) + opt(alt('were', 'have been', 'was') + '\\s+') + KILLED),
  ),
  rule('injured_or_dead', 'killed-num', seq(KILLED, alt('at least', 'some', 'about', 'more than'), NUM)),
];

/** The rules that fire on a text, in LABELLING_RULES order. */
export function labellingHits(text: string): Rule[] {
  const t = normalizeArabic(text).toLowerCase();
  return LABELLING_RULES.filter((r) => r.re.test(t));
}

const PRIORITY: readonly Category[] = [
  'request_for_help',
  'farewell',
  'going_offline',
  'alive_and_safe',
  'injured_or_dead',
];

/** The weak label of a text: the highest-priority category any rule gives, or undefined. */
export function weakLabel(text: string): { category: Category; rules: string[] } | undefined {
  const hits = labellingHits(text);
  if (!hits.length) return undefined;
  const category = PRIORITY.find((c) => hits.some((h) => h.category === c)) as Category;
  return { category, rules: hits.map((h) => h.name) };
}
