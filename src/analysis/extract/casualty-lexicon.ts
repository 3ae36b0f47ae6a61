/** Words the casualty extractor looks for. Arabic entries are in normalizeArabic form, after light stemming. */

export type CasualtyKind = 'killed' | 'injured' | 'missing';
export type VictimGroup = 'children' | 'women' | 'civilians' | 'people';

export const GROUP_WORDS: Record<string, VictimGroup> = {
  child: 'children', children: 'children', kids: 'children', kid: 'children', boys: 'children', girls: 'children',
  boy: 'children', girl: 'children', infants: 'children', babies: 'children', minors: 'children', toddlers: 'children',
  woman: 'women', women: 'women', mothers: 'women',
  civilian: 'civilians', civilians: 'civilians',
  people: 'people', persons: 'people', person: 'people', individuals: 'people', residents: 'people', villagers: 'people',
  others: 'people', men: 'people', man: 'people', victims: 'people', inhabitants: 'people',
  // Arabic (stemmed)
  طفل: 'children', طفله: 'children', اطفال: 'children', طفلا: 'children', اطفالا: 'children', رضيع: 'children', رضع: 'children', قاصرين: 'children',
  امراه: 'women', نساء: 'women', سيده: 'women', سيدات: 'women', نسوه: 'women', امراتين: 'women', سيدتين: 'women',
  مدني: 'civilians', مدنيا: 'civilians', مدنيين: 'civilians', مدنيون: 'civilians', مدنيه: 'civilians',
  شخص: 'people', شخصا: 'people', اشخاص: 'people', مواطن: 'people', مواطنا: 'people', مواطنين: 'people', مواطنون: 'people',
  افراد: 'people', فردا: 'people', اخرين: 'people', اخرون: 'people', رجل: 'people', رجال: 'people', شخصين: 'people', مواطنين_: 'people',
};

/** Arabic dual forms: the word alone means two. */
export const DUAL_WORDS: Record<string, { group?: VictimGroup; kind?: CasualtyKind }> = {
  طفلين: { group: 'children' }, طفلان: { group: 'children' }, طفلتين: { group: 'children' },
  امراتين: { group: 'women' }, امراتان: { group: 'women' }, سيدتين: { group: 'women' },
  شخصين: { group: 'people' }, شخصان: { group: 'people' }, مدنيين_: { group: 'civilians' },
  شهيدين: { kind: 'killed' }, شهيدان: { kind: 'killed' }, قتيلين: { kind: 'killed' }, قتيلان: { kind: 'killed' },
  جريحين: { kind: 'injured' }, جريحان: { kind: 'injured' }, مفقودين_: { kind: 'missing' },
};

/** Nouns/participles that name the kind and can follow a number ("82 dead", "٣٠ شهيدا"). */
export const KIND_NOUNS: Record<string, CasualtyKind> = {
  dead: 'killed', killed: 'killed', deaths: 'killed', fatalities: 'killed', bodies: 'killed', martyrs: 'killed', casualties: 'killed',
  wounded: 'injured', injured: 'injured', injuries: 'injured', hurt: 'injured',
  missing: 'missing', unaccounted: 'missing', trapped: 'missing',
  قتيل: 'killed', قتيلا: 'killed', قتلي: 'killed', شهيد: 'killed', شهيدا: 'killed', شهداء: 'killed', ضحيه: 'killed', ضحايا: 'killed',
  جثه: 'killed', جثث: 'killed', وفاه: 'killed', وفيات: 'killed', متوفين: 'killed',
  جريح: 'injured', جريحا: 'injured', جرحي: 'injured', مصاب: 'injured', مصابا: 'injured', مصابين: 'injured', مصابون: 'injured',
  اصابه: 'injured', اصابات: 'injured',
  مفقود: 'missing', مفقودا: 'missing', مفقودين: 'missing', مفقودون: 'missing',
};

/** Verbs and nouns around the figure that give the kind ("killing", "were wounded", "استشهاد"). */
export const KIND_TRIGGERS: Record<string, CasualtyKind> = {
  ...KIND_NOUNS,
  kill: 'killed', kills: 'killed', killing: 'killed', died: 'killed', die: 'killed', death: 'killed', toll: 'killed',
  perished: 'killed', massacred: 'killed', executed: 'killed', lives: 'killed', slain: 'killed', murdered: 'killed', dying: 'killed',
  wounding: 'injured', injuring: 'injured', wounds: 'injured', injury: 'injured',
  disappeared: 'missing', kidnapped: 'missing', abducted: 'missing',
  استشهاد: 'killed', استشهد: 'killed', استشهدوا: 'killed', استشهدت: 'killed', مقتل: 'killed', قتل: 'killed', قتلت: 'killed', قتلوا: 'killed',
  مصرع: 'killed', حتفهم: 'killed', حتفه: 'killed', ارتقاء: 'killed', ارتقي: 'killed', توفي: 'killed', حصيله: 'killed', سقوط: 'killed',
  اصيب: 'injured', اصيبوا: 'injured', اصابه_: 'injured', جرح: 'injured', جرحت: 'injured', اصابتهم: 'injured',
  فقدان: 'missing', فقد: 'missing', اختفاء: 'missing', انقاض: 'missing',
};

/** Words that put a figure inside the previous one ("including 11 women", "بينهم ٧ أطفال"). */
export const INCLUDING = new Set(['including', 'includes', 'include', 'among', 'whom', 'بينهم', 'منهم', 'بينها', 'بينهن', 'منهن', 'غالبيتهم']);

/** Words allowed between a number and its noun ("11 more civilians", "5 other people"). */
export const FILLERS = new Set([
  'more', 'other', 'innocent', 'civilian', 'young', 'of', 'them', 'were', 'are', 'have', 'been', 'was', 'syrian', 'the', 'least',
  'اخرين', 'اخرون', 'علي', 'الاقل', 'من', 'ابرياء',
]);

export const NOT_CASUALTY_NEXT = new Set([
  'years', 'year', 'km', 'kilometers', 'miles', 'meters', 'am', 'pm', 'hours', 'days', 'minutes', 'percent', 'airstrikes', 'strikes', 'raids',
  'rockets', 'missiles', 'barrel', 'shells', 'million', 'billion', 'dollars', 'عاما', 'سنه', 'سنوات', 'ساعه', 'يوم', 'ايام', 'غاره', 'غارات',
  'صاروخ', 'صواريخ', 'برميل', 'براميل', 'قذيفه', 'قذائف', 'كم', 'مليون', 'دولار',
]);

/** Verbs of other fates: a figure next to them is not a casualty count ("displaced 100000 civilians"). */
export const OTHER_FATES = new Set([
  'displaced', 'displacing', 'fled', 'flee', 'fleeing', 'evacuated', 'evacuating', 'rescued', 'arrested', 'detained', 'freed',
  'released', 'returned', 'sheltering', 'homeless', 'besieged', 'stranded', 'refugees', 'hosted', 'treated', 'saved',
  'نزوح', 'نزح', 'نازح', 'نازحين', 'تهجير', 'مهجرين', 'اجلاء', 'اعتقال', 'اعتقل', 'معتقلين', 'انقاذ', 'انقذ', 'محاصرين', 'لاجئين', 'اسعاف', 'علاج',
]);

/** Combatants: figures about them are left out (Vigil counts civilian harm). */
export const COMBATANT_WORDS = new Set([
  'soldiers', 'soldier', 'fighters', 'fighter', 'troops', 'militants', 'rebels', 'jihadists', 'gunmen', 'forces', 'officers',
  'personnel', 'combatants', 'militiamen', 'loyalists', 'jihadis', 'insurgents', 'terrorists', 'servicemen',
  'جندي', 'جنود', 'عنصر', 'عناصر', 'مقاتل', 'مقاتلين', 'مقاتلا', 'مسلحين', 'مسلحا', 'ارهابيين', 'ارهابيا', 'عسكريين', 'عسكريا',
]);

export const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'يناير', 'فبراير', 'مارس', 'ابريل', 'مايو', 'يونيو', 'يوليو', 'اغسطس', 'سبتمبر', 'اكتوبر', 'نوفمبر', 'ديسمبر',
  'كانون', 'شباط', 'اذار', 'نيسان', 'ايار', 'حزيران', 'تموز', 'اب', 'ايلول', 'تشرين',
]);
