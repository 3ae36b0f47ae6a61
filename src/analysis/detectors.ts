import { normalizeArabic } from '../core/arabic-normalize.ts';

/** Rule detectors for what the public training sets lack. Patterns run over normalizeArabic(text). */

export interface DetectorHits {
  farewell: number;
  aliveSafe: number;
  plea: number;
  ceasefire: number;
  /** Damage to buildings, roads, power, water; shelling damage; hospitals hit. */
  damage: number;
  /** Victim words without a figure ("the wounded", "الضحايا"). */
  victims: number;
  firstPerson: boolean;
  presence: boolean;
  immediacy: boolean;
}

const rx = (parts: string[]) => new RegExp(parts.join('|'), 'u');

// Arabic in normalized form (ة→ه, أإآ→ا, ى→ي, no tashkeel).
const FAREWELL = rx([
  String.raw`\b(this|it) (may|might|could) be (my|our) last\b`,
  String.raw`\b(my|our) last (message|tweet|video|words|post)\b`,
  String.raw`\bgood ?bye\b`,
  String.raw`\bfarewell\b`,
  String.raw`\bif (i|we) (die|don'?t make it|do not make it|am killed|are killed)\b`,
  String.raw`\b(we|i) (are|am) going to die\b`,
  String.raw`\bremember (us|me)\b`,
  String.raw`\bforgive (us|me)\b`,
  // "last" + a chance to write: "this might be the last time we can write" (issue 12's own example)
  String.raw`\blast time (i|we) (can|will be able to|am able to|are able to) (write|post|tweet|talk|speak)\b`,
  'اخر رساله',
  'رسالتي الاخيره',
  'رسالتنا الاخيره',
  'اخر تغريده',
  'تغريدتي الاخيره',
  'وداعا',
  'الوداع',
  'نودعكم',
  'اودعكم',
  'سامحونا',
  'سامحوني',
  'حللونا',
  'اذكرونا',
  'لا تنسونا',
  'ربما لن (نراكم|اراكم|نلتقي)',
  'اذا (مت|متنا|استشهدت|استشهدنا)',
  'سامحيني',
  // the same in Arabic: «قد تكون هذه آخر مرة نستطيع فيها الكتابة», «آخر مرة منقدر نحكي»
  String.raw`اخر مره (\S+ ){0,2}(نكتب|اكتب|الكتابه|نحكي|احكي|نتكلم|اتكلم|نتواصل|اتواصل)(\s|$)`,
  // Arabizi spellings of the same (7 = ح, 5 = خ, 3 = ع): Levantine posters write them in Latin letters
  String.raw`\bsam(e)?7(o|ou|oo|u)(na|ni|ne)\b`,
  String.raw`\bsam(e)?7(i|ee)(ni|ne)\b`,
  String.raw`\b7all?(e|i)l(o|ou|oo|u)(na|ni)\b`,
  String.raw`\b(a5er|akher|a5ir|akhir) (risale|risala|resale|resala|rsale|tweet|tagride)\b`,
  String.raw`\b(wada3an|wada3a|wadaan)\b`,
  String.raw`\b(la|ma) (tensona|tensouna|tinsona|tinsuna|tensoona|tinsoona)\b`,
]);

const ALIVE = rx([
  String.raw`\b(i am|i'm|im|we are|we're|were|still) (still )?(alive|safe|ok|okay|fine|unharmed)\b`,
  String.raw`\b(we|i) (survived|made it out|got out)\b`,
  String.raw`\b(is|are) (alive|safe) and well\b`,
  String.raw`\bfound (him|her|them) alive\b`,
  'انا بخير',
  'نحن بخير',
  'احنا بخير',
  'كلنا بخير',
  'ما (زلنا|زلت|زال|زالوا) (احياء|حيا|حي|على قيد الحياه)',
  'مازلنا (احياء|على قيد الحياه)',
  'مازلت (حيا|حي|على قيد الحياه)',
  'لا نزال احياء',
  'نحن احياء',
  'انا حي',
  'نجونا',
  'نجوت',
  'طمنوا',
  'اطمئنوا',
  'سالمين',
  'بخير والحمد لله',
  'بخير الحمد لله',
]);

const PLEA = rx([
  String.raw`\b(please|pls|plz) (help|save|send|evacuate)\b`,
  String.raw`\bhelp (us|me|them)\b`,
  String.raw`\bsave (us|me|them|our)\b`,
  String.raw`\bsos\b`,
  String.raw`\b(trapped|stuck) (under|in|inside)\b`,
  String.raw`\bunder the rubble\b`,
  String.raw`\b(we|i) need (help|a doctor|doctors|an ambulance|ambulances|medicine|water|food|blood|rescue)\b`,
  String.raw`\bneed(s)? (urgent|immediate) (help|medical)\b`,
  String.raw`\bwe are (besieged|surrounded|starving)\b`,
  'ساعدونا',
  'ساعدوني',
  'انقذونا',
  'انقذوا',
  'انقذوني',
  'اغيثونا',
  'النجده',
  'استغاثه',
  'نداء عاجل',
  'تحت الانقاض',
  'تحت الركام',
  'عالقين',
  'محاصرين',
  'نحتاج (الى )?(مساعده|اسعاف|طبيب|دواء|دم|ماء|طعام)',
  'بحاجه (الى )?(مساعده|اسعاف|طبيب|دواء|دم|ماء|طعام|اخلاء)',
  'لا يوجد (اسعاف|اطباء|دواء)',
]);

const CEASEFIRE = rx([
  String.raw`\bcease-?fire\b`,
  String.raw`\btruce\b`,
  String.raw`\bhumanitarian (corridor|pause)\b`,
  String.raw`\bevacuation (deal|agreement|convoy|buses)\b`,
  String.raw`\bgreen buses\b`,
  'هدنه',
  'وقف (اطلاق|اطلق) النار',
  'اتفاق (الاجلاء|اخلاء|التهجير)',
  'الباصات الخضر',
  'ممر (انساني|امن|آمن)',
  'قافله (الاجلاء|المهجرين)',
  'تهجير',
  'اجلاء (المدنيين|الجرحي)',
]);

const DAMAGE = rx([
  String.raw`\b(destroyed|destruction|collapsed?|demolished|razed|rubble|debris|damaged|damage to|flattened|burned down|in ruins)\b`,
  String.raw`\b(hospital|school|bakery|bridge|power station|water station|building)s? (was |were )?(hit|struck|bombed|shelled|destroyed|out of service)\b`,
  String.raw`\b(power|electricity|water|internet) (cut|outage|is out|went out)\b`,
  '(^|\\s)(دمار|الدمار|تدمير|تدمر|مدمر|مدمره|انهيار|انهار|انهارت|تضرر|تضررت|اضرار|الاضرار|حطام|ركام|خراب|احتراق|احترق|حريق|الحريق)(\\s|$)',
  '(خروج|خرج|خرجت) .{0,20}عن الخدمه',
  '(قصف|استهداف|استهدف|غاره علي) (مستشفي|مشفي|مدرسه|فرن|مخبز|محطه)',
  '(انقطاع|انقطع|قطع) (الكهرباء|الماء|المياه|الانترنت|الاتصالات)',
  'زجاج (النوافذ|المنازل|المباني)',
]);
const VICTIMS = rx([
  String.raw`\b(the (dead|wounded|injured|victims|bodies)|casualties|death toll|killed|injured|wounded|martyrs)\b`,
  '(^|\\s)(ال|و|وال|لل|ب)?(ضحايا|جرحي|الجرحي|مصابين|المصابين|المصابون|قتلي|شهداء|الشهداء|مفقودين|المفقودين|جثث|الجثث|جثامين|شهيد|قتيل|جريح|اصابات|الاصابات|وفيات|الوفيات)(\\s|$)',
  'التبرع بالدم|حصيله',
]);

const FIRST_PERSON = rx([
  String.raw`\b(i|i'm|im|we|we're|my|our|us|me)\b`,
  '(^|\\s)(انا|نحن|احنا|بيتي|بيتنا|منزلي|منزلنا|عندنا|حولنا|فوقنا|علينا|حينا|شارعنا)(\\s|$)',
  'نا(\\s|$)',
]);
const PRESENCE = rx([
  String.raw`\b(here|right now|outside|near (me|us)|next to (me|us)|my (house|home|street|building|neighbo(u)?rhood)|our (house|home|street|building|neighbo(u)?rhood)|i (can )?(see|hear)|we (can )?(see|hear)|just (hit|fell|landed|exploded))\b`,
  'الان',
  'هنا',
  'اسمع',
  'نسمع',
  'اشاهد',
  'نشاهد',
  'اري',
  'امامي',
  'فوق رؤوسنا',
  'حينا',
  'بيتنا',
]);
const IMMEDIACY = rx([
  String.raw`\b(urgent|urgently|now|immediately|asap|right now|hurry|dying|bleeding)\b`,
  'عاجل',
  'الان',
  'فورا',
  'بسرعه',
  'ينزف',
  'يموت',
]);

export function detect(text: string): DetectorHits {
  const t = normalizeArabic(text);
  return {
    farewell: FAREWELL.test(t) ? 1 : 0,
    aliveSafe: ALIVE.test(t) ? 1 : 0,
    plea: PLEA.test(t) ? 1 : 0,
    ceasefire: CEASEFIRE.test(t) ? 1 : 0,
    damage: DAMAGE.test(t) ? 1 : 0,
    victims: VICTIMS.test(t) ? 1 : 0,
    firstPerson: FIRST_PERSON.test(t),
    presence: PRESENCE.test(t),
    immediacy: IMMEDIACY.test(t),
  };
}
