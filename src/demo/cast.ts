/**
 * The twenty fictional people of the demo. Names are invented; any likeness to a real person is
 * accidental. Each has a posting rhythm the generator follows.
 */
export type Role =
  | 'teacher'
  | 'doctor'
  | 'nurse'
  | 'rescuer'
  | 'journalist'
  | 'parent'
  | 'pharmacist'
  | 'student'
  | 'engineer';

export interface Rhythm {
  /** Mean minutes between posts while awake. */
  meanGapMin: number;
  /** Local hours [from, to) during which the person sleeps; null posts round the clock. */
  sleep: readonly [number, number] | null;
  /** Once-a-day posters: the local hour they usually post at. */
  dailyAt?: number;
}

export interface CastMember {
  key: string;
  name: string;
  nameAr: string;
  role: Role;
  area: string;
  /** platform → handle, with a weight for how often that platform is used. */
  accounts: readonly { platform: string; handle: string; weight: number }[];
  /** Probability that a post is in Arabic. */
  arabic: number;
  /** Probability that a post is copied to a second account a few minutes later. */
  crossPost: number;
  rhythm: Rhythm;
  extraTags?: readonly string[];
}

export const CAST: readonly CastMember[] = [
  // al-Sukkari: the outage area.
  {
    key: 'yasmin-kanaan',
    name: 'Yasmin Kanaan',
    nameAr: 'ياسمين كنعان',
    role: 'teacher',
    area: 'sukkari',
    accounts: [
      { platform: 'twitter', handle: 'yasmin_kanaan_alp', weight: 3 },
      { platform: 'telegram', handle: 'yasmin_kanaan', weight: 2 },
      { platform: 'whatsapp', handle: 'yasmin-kanaan', weight: 1 },
    ],
    arabic: 0.7,
    crossPost: 0.15,
    rhythm: { meanGapMin: 110, sleep: [1, 7] },
  },
  {
    key: 'omar-haddad',
    name: 'Omar Haddad',
    nameAr: 'عمر حداد',
    role: 'rescuer',
    area: 'sukkari',
    accounts: [
      { platform: 'telegram', handle: 'omar_haddad_cd', weight: 3 },
      { platform: 'twitter', handle: 'OmarHaddadCD', weight: 2 },
    ],
    arabic: 0.85,
    crossPost: 0.2,
    rhythm: { meanGapMin: 55, sleep: [3, 6] },
  },
  {
    key: 'khaled-darwish',
    name: 'Khaled Darwish',
    nameAr: 'خالد درويش',
    role: 'journalist',
    area: 'sukkari',
    accounts: [
      { platform: 'twitter', handle: 'KhaledDarwishAlp', weight: 4 },
      { platform: 'facebook', handle: 'khaled.darwish.aleppo', weight: 1 },
      { platform: 'mastodon', handle: 'khaled@mastodon.social', weight: 1 },
    ],
    arabic: 0.4,
    crossPost: 0.25,
    rhythm: { meanGapMin: 50, sleep: [2, 7] },
  },
  {
    key: 'huda-sabbagh',
    name: 'Huda Sabbagh',
    nameAr: 'هدى صباغ',
    role: 'parent',
    area: 'sukkari',
    accounts: [
      { platform: 'whatsapp', handle: 'huda-sabbagh', weight: 2 },
      { platform: 'facebook', handle: 'huda.sabbagh.2016', weight: 2 },
      { platform: 'telegram', handle: 'huda_sabbagh', weight: 1 },
    ],
    arabic: 0.95,
    crossPost: 0.1,
    rhythm: { meanGapMin: 150, sleep: [0, 8] },
    extraTags: ['mother'],
  },
  // al-Mashhad
  {
    key: 'lamis-haj-ali',
    name: 'Lamis Haj Ali',
    nameAr: 'لميس حاج علي',
    role: 'teacher',
    area: 'mashhad',
    accounts: [
      { platform: 'twitter', handle: 'LamisHajAli', weight: 2 },
      { platform: 'facebook', handle: 'lamis.hajali', weight: 2 },
      { platform: 'whatsapp', handle: 'lamis-haj-ali', weight: 1 },
    ],
    arabic: 0.75,
    crossPost: 0.15,
    rhythm: { meanGapMin: 120, sleep: [0, 7] },
  },
  {
    key: 'tarek-maarri',
    name: 'Dr. Tarek al-Maarri',
    nameAr: 'د. طارق المعري',
    role: 'doctor',
    area: 'mashhad',
    accounts: [
      { platform: 'twitter', handle: 'DrTarekMaarri', weight: 3 },
      { platform: 'telegram', handle: 'dr_tarek_maarri', weight: 1 },
      { platform: 'whatsapp', handle: 'dr-tarek', weight: 1 },
    ],
    arabic: 0.5,
    crossPost: 0.2,
    rhythm: { meanGapMin: 170, sleep: [3, 8] },
  },
  {
    key: 'salma-idlibi',
    name: 'Salma Idlibi',
    nameAr: 'سلمى إدلبي',
    role: 'nurse',
    area: 'mashhad',
    accounts: [
      { platform: 'facebook', handle: 'salma.idlibi', weight: 2 },
      { platform: 'whatsapp', handle: 'salma-idlibi', weight: 2 },
      { platform: 'telegram', handle: 'salma_idlibi', weight: 1 },
    ],
    arabic: 0.8,
    crossPost: 0.1,
    rhythm: { meanGapMin: 200, sleep: [1, 8] },
  },
  // al-Kalasa
  {
    key: 'ahmad-qassem',
    name: 'Ahmad Qassem',
    nameAr: 'أحمد قاسم',
    role: 'journalist',
    area: 'kalasa',
    accounts: [
      { platform: 'twitter', handle: 'AhmadQassemAlp', weight: 4 },
      { platform: 'periscope', handle: 'AhmadQassemAlp', weight: 1 },
      { platform: 'mastodon', handle: 'ahmadq@mastodon.social', weight: 1 },
    ],
    arabic: 0.45,
    crossPost: 0.2,
    rhythm: { meanGapMin: 55, sleep: [3, 7] },
    extraTags: ['photographer'],
  },
  {
    key: 'bilal-sharif',
    name: 'Bilal Sharif',
    nameAr: 'بلال شريف',
    role: 'rescuer',
    area: 'kalasa',
    accounts: [
      { platform: 'telegram', handle: 'bilal_sharif_cd', weight: 3 },
      { platform: 'twitter', handle: 'BilalSharifCD', weight: 1 },
    ],
    arabic: 0.9,
    crossPost: 0.15,
    rhythm: { meanGapMin: 85, sleep: [2, 6] },
  },
  {
    key: 'rima-nasser',
    name: 'Rima Nasser',
    nameAr: 'ريما ناصر',
    role: 'teacher',
    area: 'kalasa',
    accounts: [
      { platform: 'twitter', handle: 'RimaTeachesEN', weight: 2 },
      { platform: 'bluesky', handle: 'rimanasser.bsky.social', weight: 1 },
      { platform: 'mastodon', handle: 'rima@mastodon.social', weight: 1 },
    ],
    arabic: 0.3,
    crossPost: 0.3,
    rhythm: { meanGapMin: 260, sleep: [23, 8] },
    extraTags: ['english-teacher'],
  },
  // Bustan al-Qasr
  {
    key: 'mahmoud-abu-zeid',
    name: 'Mahmoud Abu Zeid',
    nameAr: 'محمود أبو زيد',
    role: 'parent',
    area: 'bustan-al-qasr',
    accounts: [
      { platform: 'facebook', handle: 'abu.zeid.mahmoud', weight: 2 },
      { platform: 'whatsapp', handle: 'abu-zeid', weight: 1 },
    ],
    arabic: 1,
    crossPost: 0.3,
    rhythm: { meanGapMin: 1440, sleep: null, dailyAt: 19 },
    extraTags: ['father', 'baker'],
  },
  {
    key: 'nadia-halwani',
    name: 'Nadia Halwani',
    nameAr: 'نادية حلواني',
    role: 'pharmacist',
    area: 'bustan-al-qasr',
    accounts: [
      { platform: 'facebook', handle: 'nadia.halwani.pharma', weight: 2 },
      { platform: 'twitter', handle: 'NadiaHalwani', weight: 2 },
    ],
    arabic: 0.7,
    crossPost: 0.2,
    rhythm: { meanGapMin: 220, sleep: [0, 8] },
  },
  {
    key: 'zaid-khatib',
    name: 'Zaid al-Khatib',
    nameAr: 'زيد الخطيب',
    role: 'student',
    area: 'bustan-al-qasr',
    accounts: [
      { platform: 'twitter', handle: 'ZaidKhatib_ALP', weight: 3 },
      { platform: 'telegram', handle: 'zaid_khatib', weight: 1 },
      { platform: 'bluesky', handle: 'zaidkhatib.bsky.social', weight: 1 },
    ],
    arabic: 0.55,
    crossPost: 0.2,
    rhythm: { meanGapMin: 70, sleep: [4, 9] },
    extraTags: ['activist'],
  },
  // al-Ansari
  {
    key: 'fatima-othman',
    name: 'Fatima Othman',
    nameAr: 'فاطمة عثمان',
    role: 'parent',
    area: 'ansari',
    accounts: [
      { platform: 'whatsapp', handle: 'umm-yahya', weight: 2 },
      { platform: 'facebook', handle: 'fatima.othman.alp', weight: 2 },
      { platform: 'twitter', handle: 'FatimaOthmanAlp', weight: 1 },
    ],
    arabic: 0.9,
    crossPost: 0.2,
    rhythm: { meanGapMin: 180, sleep: [0, 7] },
    extraTags: ['mother'],
  },
  {
    key: 'hassan-rifai',
    name: 'Dr. Hassan Rifai',
    nameAr: 'د. حسن الرفاعي',
    role: 'doctor',
    area: 'ansari',
    accounts: [
      { platform: 'twitter', handle: 'DrHassanRifai', weight: 2 },
      { platform: 'telegram', handle: 'dr_hassan_rifai', weight: 1 },
    ],
    arabic: 0.5,
    crossPost: 0.2,
    rhythm: { meanGapMin: 160, sleep: [2, 7] },
    extraTags: ['surgeon'],
  },
  {
    key: 'mustafa-jabri',
    name: 'Mustafa Jabri',
    nameAr: 'مصطفى جابري',
    role: 'engineer',
    area: 'ansari',
    accounts: [
      { platform: 'facebook', handle: 'mustafa.jabri.eng', weight: 2 },
      { platform: 'telegram', handle: 'mustafa_jabri', weight: 1 },
    ],
    arabic: 0.85,
    crossPost: 0.15,
    rhythm: { meanGapMin: 280, sleep: [23, 7] },
    extraTags: ['water-station'],
  },
  // Salah al-Din
  {
    key: 'leila-sayed',
    name: 'Leila Sayed',
    nameAr: 'ليلى السيد',
    role: 'teacher',
    area: 'salah-al-din',
    accounts: [
      { platform: 'twitter', handle: 'LeilaSayedALP', weight: 2 },
      { platform: 'telegram', handle: 'leila_sayed', weight: 1 },
      { platform: 'mastodon', handle: 'leila@mastodon.social', weight: 1 },
    ],
    arabic: 0.6,
    crossPost: 0.2,
    rhythm: { meanGapMin: 190, sleep: [0, 8] },
  },
  {
    key: 'anas-hamwi',
    name: 'Anas Hamwi',
    nameAr: 'أنس الحموي',
    role: 'rescuer',
    area: 'salah-al-din',
    accounts: [
      { platform: 'twitter', handle: 'AnasHamwiCD', weight: 2 },
      { platform: 'telegram', handle: 'anas_hamwi', weight: 2 },
    ],
    arabic: 0.8,
    crossPost: 0.15,
    rhythm: { meanGapMin: 95, sleep: [2, 6] },
  },
  // al-Fardos
  {
    key: 'mariam-bakour',
    name: 'Mariam Bakour',
    nameAr: 'مريم بكور',
    role: 'parent',
    area: 'fardos',
    accounts: [
      { platform: 'whatsapp', handle: 'mariam-bakour', weight: 2 },
      { platform: 'facebook', handle: 'mariam.bakour', weight: 1 },
    ],
    arabic: 0.95,
    crossPost: 0.2,
    rhythm: { meanGapMin: 330, sleep: [23, 8] },
    extraTags: ['mother', 'volunteer'],
  },
  {
    key: 'yousef-tayyar',
    name: 'Yousef Tayyar',
    nameAr: 'يوسف طيار',
    role: 'journalist',
    area: 'fardos',
    accounts: [
      { platform: 'twitter', handle: 'YousefTayyar', weight: 3 },
      { platform: 'mastodon', handle: 'yousef@mastodon.social', weight: 1 },
      { platform: 'bluesky', handle: 'yousef-tayyar.bsky.social', weight: 1 },
      { platform: 'telegram', handle: 'yousef_tayyar', weight: 1 },
    ],
    arabic: 0.35,
    crossPost: 0.25,
    rhythm: { meanGapMin: 65, sleep: [3, 7] },
  },
];
