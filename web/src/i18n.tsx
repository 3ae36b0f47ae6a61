import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { type Formatters, formatters } from './format.ts';

export type Lang = 'en' | 'ar';

const STRINGS = {
  appName: { en: 'Vigil', ar: 'فيجيل' },
  tagline: { en: 'Newsroom desk', ar: 'مكتب التحرير' },
  navFeed: { en: 'Live feed', ar: 'البث المباشر' },
  navWatchlist: { en: 'Watchlist', ar: 'قائمة المتابعة' },
  navSearch: { en: 'Search', ar: 'بحث' },
  navAlerts: { en: 'Alerts', ar: 'التنبيهات' },
  navOverview: { en: 'Overview', ar: 'نظرة عامة' },
  navAudit: { en: 'Audit log', ar: 'سجل التدقيق' },
  navSources: { en: 'Sources', ar: 'المصادر' },
  navJobs: { en: 'Jobs', ar: 'المهام' },
  jobsInProcess: {
    en: 'SQLite: jobs run inside the process that starts them; there is no shared queue to watch.',
    ar: 'SQLite: تعمل المهام داخل العملية التي تبدؤها؛ لا توجد قائمة انتظار مشتركة لمراقبتها.',
  },
  jobsPgBoss: {
    en: 'PostgreSQL: every vigil worker shares these queues (pg-boss).',
    ar: 'PostgreSQL: يتشارك كل vigil worker هذه القوائم (pg-boss).',
  },
  jobsQueue: { en: 'Queue', ar: 'القائمة' },
  jobsReady: { en: 'Ready', ar: 'جاهزة' },
  jobsLater: { en: 'Later', ar: 'لاحقاً' },
  jobsActive: { en: 'Running', ar: 'قيد التشغيل' },
  jobsDone: { en: 'Done', ar: 'منجزة' },
  jobsFailed: { en: 'Failed', ar: 'فشلت' },
  jobsRetrying: { en: 'Waiting to retry', ar: 'بانتظار إعادة المحاولة' },
  jobsCancelled: { en: 'Cancelled', ar: 'أُلغيت' },
  jobsState: { en: 'State', ar: 'الحالة' },
  jobsTries: { en: 'Tries', ar: 'المحاولات' },
  jobsCreated: { en: 'Queued at', ar: 'وقت الإدراج' },
  jobsError: { en: 'Error', ar: 'الخطأ' },
  jobsRetry: { en: 'Retry', ar: 'إعادة المحاولة' },
  jobsCancel: { en: 'Cancel', ar: 'إلغاء' },
  jobsNoProblems: { en: 'No failed or cancelled jobs.', ar: 'لا توجد مهام فاشلة أو ملغاة.' },
  sourcesNone: {
    en: 'Nothing followed yet. Follow an account with: vigil follow add mastodon:user@instance',
    ar: 'لا حسابات متابَعة بعد. تابِع حساباً بالأمر: vigil follow add mastodon:user@instance',
  },
  sourcesPlatform: { en: 'Platform', ar: 'المنصة' },
  sourcesAccount: { en: 'Account or feed', ar: 'الحساب أو الخلاصة' },
  sourcesState: { en: 'State', ar: 'الحالة' },
  sourcesLastSuccess: { en: 'Last success', ar: 'آخر نجاح' },
  sourcesNextTry: { en: 'Next try', ar: 'المحاولة التالية' },
  sourcesLastError: { en: 'Last error', ar: 'آخر خطأ' },
  sourcesItems: { en: 'Items: last hour / day', ar: 'المواد: آخر ساعة / يوم' },
  sourcesFollowed: { en: 'Followed', ar: 'المتابَع' },
  never: { en: 'never', ar: 'أبداً' },
  navUsers: { en: 'Users', ar: 'المستخدمون' },
  role: { en: 'Role', ar: 'الدور' },
  role_viewer: { en: 'Viewer (read only)', ar: 'مُطّلع (قراءة فقط)' },
  role_analyst: { en: 'Analyst', ar: 'محلل' },
  role_admin: { en: 'Admin', ar: 'مدير' },
  createdAt: { en: 'Added', ar: 'أُضيف' },
  addUser: { en: 'Add a user', ar: 'أضف مستخدماً' },
  newToken: { en: 'New API token', ar: 'رمز واجهة برمجية جديد' },
  tokenOnce: {
    en: 'Copy it now, it is shown only once. API token for',
    ar: 'انسخه الآن، فهو يظهر مرة واحدة فقط. رمز الواجهة البرمجية لـ',
  },
  disable: { en: 'Disable', ar: 'تعطيل' },
  enable: { en: 'Enable', ar: 'تفعيل' },
  switchLang: { en: 'العربية', ar: 'English' },
  signOut: { en: 'Sign out', ar: 'تسجيل الخروج' },
  signIn: { en: 'Sign in', ar: 'تسجيل الدخول' },
  username: { en: 'Username', ar: 'اسم المستخدم' },
  password: { en: 'Password', ar: 'كلمة المرور' },
  wrongLogin: { en: 'Wrong username or password.', ar: 'اسم المستخدم أو كلمة المرور غير صحيحة.' },
  tooMany: { en: 'Too many attempts. Wait a minute and try again.', ar: 'محاولات كثيرة. انتظر دقيقة ثم حاول مجدداً.' },
  setupTitle: { en: 'First run: create the admin', ar: 'التشغيل الأول: إنشاء حساب المدير' },
  setupToken: { en: 'One-time setup token (printed by the server)', ar: 'رمز الإعداد لمرة واحدة (يطبعه الخادم)' },
  setupHint: {
    en: 'No users exist yet. Enter the setup token the server printed when it started.',
    ar: 'لا يوجد مستخدمون بعد. أدخل رمز الإعداد الذي طبعه الخادم عند تشغيله.',
  },
  create: { en: 'Create', ar: 'إنشاء' },
  passwordRule: { en: 'At least 10 characters.', ar: '١٠ أحرف على الأقل.' },
  live: { en: 'live', ar: 'مباشر' },
  offline: { en: 'reconnecting…', ar: 'جارٍ إعادة الاتصال…' },
  newMessages: { en: 'new messages', ar: 'رسائل جديدة' },
  allCategories: { en: 'All categories', ar: 'كل الفئات' },
  allLanguages: { en: 'All languages', ar: 'كل اللغات' },
  place: { en: 'Place', ar: 'المكان' },
  person: { en: 'Person', ar: 'الشخص' },
  anyone: { en: 'Anyone', ar: 'الجميع' },
  loadMore: { en: 'Load more', ar: 'تحميل المزيد' },
  noMessages: { en: 'No messages match.', ar: 'لا توجد رسائل مطابقة.' },
  plea: { en: 'Plea', ar: 'نداء استغاثة' },
  farewell: { en: 'Farewell', ar: 'رسالة وداع' },
  farewellWarning: {
    en: 'Content warning: a farewell message from someone in danger.',
    ar: 'تنبيه بشأن المحتوى: رسالة وداع من شخص في خطر.',
  },
  showMessage: { en: 'Show message', ar: 'اعرض الرسالة' },
  graphicMedia: { en: 'Graphic media: click to show', ar: 'صور قاسية: انقر للعرض' },
  media: { en: 'Media', ar: 'وسائط' },
  openOriginal: { en: 'Open', ar: 'فتح' },
  searchPlaceholder: { en: 'Search in Arabic or English…', ar: 'ابحث بالعربية أو الإنجليزية…' },
  platform: { en: 'Platform', ar: 'المنصة' },
  author: { en: 'Author', ar: 'الكاتب' },
  since: { en: 'From', ar: 'من' },
  until: { en: 'To', ar: 'إلى' },
  order: { en: 'Order', ar: 'الترتيب' },
  newest: { en: 'Newest first', ar: 'الأحدث أولاً' },
  relevance: { en: 'Most relevant', ar: 'الأكثر صلة' },
  results: { en: 'results', ar: 'نتيجة' },
  moreResults: { en: 'More results', ar: 'مزيد من النتائج' },
  exportJsonl: { en: 'Export JSONL (audited)', ar: 'تصدير JSONL (يُسجَّل)' },
  exportPfif: { en: 'Export PFIF 1.4 (audited)', ar: 'تصدير PFIF 1.4 (يُسجَّل)' },
  message: { en: 'Message', ar: 'الرسالة' },
  category: { en: 'Category', ar: 'الفئة' },
  confidence: { en: 'confidence', ar: 'الثقة' },
  confirmedBy: { en: 'confirmed by', ar: 'أكّدها' },
  suggestedBy: { en: 'suggested by model', ar: 'اقتراح النموذج' },
  keywordGuess: { en: 'keyword match, not yet triaged', ar: 'مطابقة كلمات، لم تُصنّف بعد' },
  notAnalysed: { en: 'Not analysed yet', ar: 'لم يُحلَّل بعد' },
  confirm: { en: 'Confirm', ar: 'تأكيد' },
  correctTo: { en: 'Correct to…', ar: 'تصحيح إلى…' },
  save: { en: 'Save', ar: 'حفظ' },
  figures: { en: 'Extracted figures', ar: 'الأرقام المستخرجة' },
  noFigures: { en: 'No figures extracted.', ar: 'لا أرقام مستخرجة.' },
  nearDuplicates: { en: 'Near-duplicates', ar: 'رسائل شبه مكررة' },
  none: { en: 'None.', ar: 'لا شيء.' },
  provenance: { en: 'Provenance', ar: 'المصدر والأصالة' },
  originalBlob: { en: 'Original (sealed)', ar: 'الأصل (مختوم)' },
  downloadOriginal: { en: 'Download original (audited)', ar: 'تنزيل الأصل (يُسجَّل)' },
  identityHash: { en: 'Identity hash', ar: 'بصمة الهوية' },
  contentHash: { en: 'Content hash', ar: 'بصمة المحتوى' },
  ledgerPosition: { en: 'Ledger position', ar: 'الموقع في السجل' },
  capturedAt: { en: 'Captured', ar: 'وقت الالتقاط' },
  postedAt: { en: 'Posted', ar: 'وقت النشر' },
  source: { en: 'Source', ar: 'المصدر' },
  versions: { en: 'Versions', ar: 'النسخ' },
  verify: { en: 'Verify', ar: 'تحقّق' },
  verifying: { en: 'Verifying…', ar: 'جارٍ التحقق…' },
  verified: { en: 'Verified: every hash matches', ar: 'تم التحقق: كل البصمات متطابقة' },
  verifyFailed: { en: 'Verification FAILED', ar: 'فشل التحقق' },
  captures: { en: 'Captured evidence', ar: 'الأدلة المحفوظة' },
  capture_pending: { en: 'waiting', ar: 'في الانتظار' },
  capture_done: { en: 'captured', ar: 'محفوظ' },
  capture_failed: { en: 'failed', ar: 'فشل' },
  nextTry: { en: 'next try', ar: 'المحاولة التالية' },
  downloadWacz: { en: 'Download WACZ (opens in ReplayWeb.page)', ar: 'تنزيل WACZ (يُفتح في ReplayWeb.page)' },
  clickToShow: { en: 'Blurred: click to show', ar: 'مموّهة: انقر للعرض' },
  downloadVideo: { en: 'Download the video', ar: 'تنزيل الفيديو' },
  revealByDefault: {
    en: 'Show graphic media without a click (each view is still audited)',
    ar: 'اعرض الوسائط الصادمة دون نقر (يُسجَّل كل عرض في سجل التدقيق)',
  },
  duration: { en: 'duration', ar: 'المدة' },
  finalUrl: { en: 'ended at', ar: 'انتهى عند' },
  back: { en: 'Back', ar: 'رجوع' },
  state: { en: 'State', ar: 'الحالة' },
  lastSeen: { en: 'Last seen', ar: 'آخر ظهور' },
  usualGap: { en: 'Usual gap', ar: 'الفاصل المعتاد' },
  currentGap: { en: 'Current gap', ar: 'الفاصل الحالي' },
  posts14: { en: 'Posts, last 14 days', ar: 'المنشورات، آخر ١٤ يوماً' },
  notes: { en: 'Notes', ar: 'الملاحظات' },
  addNote: { en: 'Add a note', ar: 'أضف ملاحظة' },
  noteText: { en: 'What do you know?', ar: 'ماذا تعرف؟' },
  status: { en: 'Status', ar: 'الحالة' },
  noStatus: { en: '(no status)', ar: '(بلا حالة)' },
  madeContact: { en: 'I heard from them directly', ar: 'تواصلت معهم مباشرة' },
  noteAdded: { en: 'Note added.', ar: 'أُضيفت الملاحظة.' },
  outageBanner: { en: 'Likely connectivity loss in', ar: 'انقطاع محتمل للاتصالات في' },
  wideSilenceBanner: { en: 'The whole watchlist has gone silent', ar: 'صمتت قائمة المتابعة كلها' },
  wideSilenceNote: {
    en: 'Whole watchlist silent: collection may have stopped',
    ar: 'قائمة المتابعة كلها صامتة: ربما توقّف جمع المنشورات',
  },
  replayAdminHint: {
    en: 'Admins: vigil replay-clock off (or PUT /api/settings/replay-clock) judges it at now.',
    ar: 'للمدير: الأمر vigil replay-clock off يعيد تقييمها عند الوقت الحالي.',
  },
  noPeople: { en: 'Nobody is on the watchlist yet.', ar: 'لا أحد في قائمة المتابعة بعد.' },
  openAlerts: { en: 'Open', ar: 'مفتوحة' },
  acknowledged: { en: 'Acknowledged', ar: 'تم الاطلاع' },
  acknowledge: { en: 'Acknowledge', ar: 'تأكيد الاطلاع' },
  ackComment: { en: 'Comment (optional)', ar: 'تعليق (اختياري)' },
  noAlerts: { en: 'No alerts.', ar: 'لا تنبيهات.' },
  sentTo: { en: 'Sent', ar: 'الإرسال' },
  channel_webhook: { en: 'webhook', ar: 'خطاف ويب' },
  channel_email: { en: 'email', ar: 'بريد إلكتروني' },
  notSentYet: { en: 'not delivered yet', ar: 'لم يصل بعد' },
  // A label before the number ("attempts: 1"), so no plural form is needed in either language.
  tries: { en: 'attempts', ar: 'المحاولات' },
  noDelivery: {
    en: 'Not sent to any webhook or email (the dashboard only).',
    ar: 'لم يُرسل إلى أي عنوان ويب أو بريد (لوحة المتابعة فقط).',
  },
  lastMessages: { en: 'Last messages', ar: 'آخر الرسائل' },
  by: { en: 'by', ar: 'بواسطة' },
  perHour: { en: 'Messages per hour by category', ar: 'الرسائل في الساعة حسب الفئة' },
  casualties: { en: 'Casualty figures reported', ar: 'أرقام الضحايا المُبلَّغ عنها' },
  noCasualties: { en: 'No casualty figures extracted yet.', ar: 'لم تُستخرج أرقام ضحايا بعد.' },
  map: { en: 'Places mentioned', ar: 'الأماكن المذكورة' },
  mapNote: {
    en: 'Governorates (Natural Earth, public domain) and Aleppo neighbourhoods from the gazetteer. No map tiles are loaded.',
    ar: 'المحافظات (Natural Earth، ملكية عامة) وأحياء حلب من المعجم الجغرافي. لا تُحمَّل أي بلاطات خرائط.',
  },
  messages: { en: 'Messages', ar: 'الرسائل' },
  viewSyria: { en: 'Syria', ar: 'سوريا' },
  viewAleppo: { en: 'Aleppo', ar: 'حلب' },
  authors: { en: 'Accounts', ar: 'الحسابات' },
  ledgerEvents: { en: 'Ledger events', ar: 'أحداث السجل' },
  actor: { en: 'Who', ar: 'من' },
  what: { en: 'What', ar: 'ماذا' },
  when: { en: 'When', ar: 'متى' },
  details: { en: 'Details', ar: 'التفاصيل' },
  adminOnly: { en: 'Admins only.', ar: 'للمدراء فقط.' },
  notAvailable: { en: 'Not available in this build yet.', ar: 'غير متاح في هذا الإصدار بعد.' },
  error: { en: 'Something went wrong', ar: 'حدث خطأ' },
  loading: { en: 'Loading…', ar: 'جارٍ التحميل…' },
  reason: { en: 'Reason', ar: 'السبب' },
  pGap: { en: 'chance of so long a gap', ar: 'احتمال فاصل بهذا الطول' },
  filters: { en: 'Filters', ar: 'عوامل التصفية' },
  navDigest: { en: 'Digest', ar: 'الموجز' },
  digestTitle: { en: 'Sourced digest', ar: 'موجز موثّق المصادر' },
  digestHint: {
    en: 'Every line is quoted from its post, with its time, place, link, message id and ledger seq. Each digest made is recorded in the ledger.',
    ar: 'كل سطر مقتبس من منشوره، مع الوقت والمكان والرابط ورقم الرسالة وتسلسل السجل. كل موجز يُعدّ يُسجَّل في السجل.',
  },
  people: { en: 'People', ar: 'الأشخاص' },
  peopleAll: { en: 'Everyone', ar: 'الجميع' },
  peopleWatchlist: { en: 'Watched people only', ar: 'المتابَعون فقط' },
  digestLang: { en: 'Digest language', ar: 'لغة الموجز' },
  makeDigest: { en: 'Make digest', ar: 'أعدّ الموجز' },
  downloadPdf: { en: 'Download PDF', ar: 'تنزيل PDF' },
  copyMarkdown: { en: 'Copy as Markdown', ar: 'انسخ بصيغة Markdown' },
  copied: { en: 'Copied.', ar: 'نُسخ.' },
  recordedAt: { en: 'Recorded in the ledger, seq', ar: 'سُجّل في السجل، التسلسل' },
  analystsOnly: { en: 'Digests are exports: analysts and admins only.', ar: 'الموجزات تصدير: للمحللين والمدراء فقط.' },
  generatedDemo: {
    en: 'Demo data: generated, fictional people.',
    ar: 'بيانات تجريبية: أشخاص خياليون مولَّدون.',
  },
} as const;

export type StringId = keyof typeof STRINGS;

export const STATE_LABELS: Record<string, { en: string; ar: string }> = {
  active: { en: 'Active', ar: 'نشط' },
  quiet: { en: 'Quiet', ar: 'هادئ' },
  silent: { en: 'Silent', ar: 'صامت' },
  farewell: { en: 'Farewell posted', ar: 'نشر رسالة وداع' },
  farewell_then_active: { en: 'Farewell, then active', ar: 'ودّع ثم عاد للنشاط' },
  alive_and_safe: { en: 'Alive and safe', ar: 'حيّ وبأمان' },
  offline_announced: { en: 'Announced going offline', ar: 'أعلن انقطاعه عن الاتصال' },
  no_posts_yet: { en: 'No posts yet', ar: 'لا منشورات بعد' },
  collection_failing: { en: 'Collection failing', ar: 'تعطّل الجمع' },
};

export const SOURCE_STATE_LABELS: Record<string, { en: string; ar: string }> = {
  ok: { en: 'OK', ar: 'يعمل' },
  degraded: { en: 'Degraded', ar: 'متعثّر' },
  failing: { en: 'Failing', ar: 'متعطّل' },
  auth_needed: { en: 'Needs credentials', ar: 'يحتاج بيانات اعتماد' },
  rate_limited: { en: 'Rate limited', ar: 'تجاوز حدّ الطلبات' },
  never_tried: { en: 'Not tried yet', ar: 'لم يُجرَّب بعد' },
};

export const PFIF_LABELS: Record<string, { en: string; ar: string }> = {
  information_sought: { en: 'Information sought', ar: 'مطلوب معلومات' },
  is_note_author: { en: 'I am this person', ar: 'أنا هذا الشخص' },
  believed_alive: { en: 'Believed alive', ar: 'يُعتقد أنه حي' },
  believed_missing: { en: 'Believed missing', ar: 'يُعتقد أنه مفقود' },
  believed_dead: { en: 'Believed dead', ar: 'يُعتقد أنه متوفى' },
};

export const CASUALTY_LABELS: Record<string, { en: string; ar: string }> = {
  killed: { en: 'killed', ar: 'قتيل' },
  injured: { en: 'injured', ar: 'جريح' },
  missing: { en: 'missing', ar: 'مفقود' },
  children: { en: 'children', ar: 'أطفال' },
  women: { en: 'women', ar: 'نساء' },
  civilians: { en: 'civilians', ar: 'مدنيون' },
  people: { en: 'people', ar: 'أشخاص' },
};

export const ALERT_KIND_LABELS: Record<string, { en: string; ar: string }> = {
  'person.silent': { en: 'Gone silent', ar: 'انقطع عن النشر' },
  'person.farewell': { en: 'Farewell', ar: 'رسالة وداع' },
  'area.outage': { en: 'Area outage', ar: 'انقطاع في منطقة' },
  'watchlist.silent': { en: 'Watchlist silent', ar: 'صمت قائمة المتابعة كلها' },
};

export const AUDIT_LABELS: Record<string, { en: string; ar: string }> = {
  'audit.person_viewed': { en: 'Read person record', ar: 'اطّلاع على سجل شخص' },
  'audit.export': { en: 'Export', ar: 'تصدير' },
  'audit.original_viewed': { en: 'Viewed sealed original', ar: 'عرض أصل مختوم' },
  'audit.media_revealed': { en: 'Graphic media revealed', ar: 'كشف وسائط صادمة' },
  'user.added': { en: 'User added', ar: 'إضافة مستخدم' },
  'user.changed': { en: 'User changed', ar: 'تعديل مستخدم' },
  'token.created': { en: 'API token created', ar: 'إنشاء رمز واجهة برمجية' },
  'token.revoked': { en: 'API token revoked', ar: 'إلغاء رمز واجهة برمجية' },
  'auth.login': { en: 'Signed in', ar: 'تسجيل دخول' },
  'setting.changed': { en: 'Setting changed', ar: 'تغيير إعداد' },
};

interface I18n extends Formatters {
  lang: Lang;
  setLang(l: Lang): void;
  t(id: StringId): string;
  pick(v: { en: string; ar: string } | undefined, fallback?: string): string;
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem('vigil.lang');
  if (saved === 'ar' || saved === 'en') return saved;
  return navigator.language?.startsWith('ar') ? 'ar' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    document.title = lang === 'ar' ? 'فيجيل' : 'Vigil';
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang(l) {
        localStorage.setItem('vigil.lang', l);
        setLangState(l);
      },
      t: (id) => STRINGS[id][lang],
      pick: (v, fallback = '') => (v ? v[lang] : fallback),
      ...formatters(lang),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
