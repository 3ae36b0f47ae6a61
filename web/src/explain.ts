import { isolate, isolateNames } from './bidi.ts';
import type { Formatters } from './format.ts';
import type { Lang } from './i18n.tsx';

/**
 * Reasons in the page's language, from the structured explanation the API sends next to the English
 * `reason` (src/watch/explanation.ts). English pages show the server's English words as they are; Arabic
 * pages get Arabic sentences built from the numbers. Alerts raised before explanations existed have none
 * and keep their English text.
 */

// The explanation's shape is the server's own (type-only import: nothing from src/ is bundled).
export type {
  Explanation,
  OutageFacts,
  PersonName,
  RhythmFacts,
  WideSilenceFacts,
} from '../../src/watch/explanation.ts';

import type {
  Explanation,
  OutageFacts,
  PersonName,
  RhythmFacts,
  WideSilenceFacts,
} from '../../src/watch/explanation.ts';

export interface Replay {
  mode: 'newest' | 'at';
  at: string;
}

export interface Rendered {
  text: string;
  lang: Lang;
  dir: 'rtl' | 'ltr';
}

/** Keeps a Latin name, a place or a time from reordering the Arabic around it (FSI … PDI, balanced). */
const iso = isolate;

/** The names an explanation mentions: on English pages they are isolated inside the recorded words. */
function namesIn(e: Explanation | null | undefined): string[] {
  if (!e) return [];
  const people = [...(e.person ? [e.person] : []), ...(e.members ?? [])];
  return [...people.map((p) => p.name), ...(e.outage ? [e.outage.area] : [])];
}

const nameOf = (p: PersonName) => p.nameAr ?? p.name;

function rhythmAr(r: RhythmFacts, liveness: Explanation['liveness'], f: Formatters): string {
  const last = `آخر منشور في ${iso(f.fmtTime(r.lastPostAt))}، قبل ${f.fmtDuration(r.currentGapMs, 'gen')}`;
  const basis =
    r.gaps === 0
      ? 'تقدير مبدئي لقلة المنشورات'
      : `وسيط ${f.fmtCount(r.gaps, 'gap', 'gen')}${r.prior ? '، وهذا عدد لا يكفي للجزم' : ''}`;
  const usual =
    r.usualGapMs === null
      ? 'المنشورات أقل من أن يُعرف منها نمط معتاد'
      : `المعتاد منشور كل ${f.fmtDuration(r.usualGapMs, 'gen')} (${basis})`;
  const odds = `احتمال انقطاع بهذا الطول وفق النمط المعتاد: ${f.fmtOdds(r.pGap)}، مع مراعاة ساعات النشر المعتادة`;
  if (liveness === 'silent') return `صمت غير معتاد: ${last}؛ ${usual}؛ ${odds}.`;
  if (liveness === 'quiet') return `أهدأ من المعتاد: ${last}؛ ${usual}؛ ${odds}.`;
  return `${last}؛ ${usual}.`;
}

function outageAr(o: OutageFacts, f: Formatters): string {
  return `يُرجَّح انقطاع الاتصالات في ${iso(o.areaAr ?? o.area)}: توقّف عن النشر معًا ${f.fmtNumber(o.people)} من أصل ${f.fmtNumber(o.of)} من المتابَعين هناك`;
}

/** An area outage in full: who, when, how unlikely by chance. */
export function outageReasonAr(o: OutageFacts, members: readonly PersonName[], f: Formatters): string {
  const who = members.length ? ` الأشخاص: ${members.map((m) => iso(nameOf(m))).join('، ')}.` : '';
  const g = o.areaGap;
  if (g) {
    const usual = g.usualGapMs === null ? '' : `؛ المعتاد أن ينشروا مجتمعين كل ${f.fmtDuration(g.usualGapMs, 'gen')}`;
    return (
      `يُرجَّح انقطاع الاتصالات في ${iso(o.areaAr ?? o.area)}: لم ينشر أحد من المتابَعين هناك (${f.fmtNumber(o.of)}) منذ ${iso(f.fmtTime(g.lastPostAt))}${usual}، ` +
      `واحتمال توقّف بهذا الطول لهم مجتمعين: ${f.fmtOdds(g.pGap)} (توقّف معًا ${f.fmtNumber(o.people)} منهم).${who}`
    );
  }
  const when = `(آخر منشوراتهم بين ${iso(f.fmtTime(o.from))} و${iso(f.fmtTime(o.to))})`;
  const odds = `احتمال اجتماع هذه الفواصل كلها مصادفةً: ${f.fmtOdds(o.jointP)}`;
  return `${outageAr(o, f)} ${when}؛ ${odds}.${who}`;
}

/**
 * The whole watchlist silent at once, in full: since when, how unusual for everyone together, and what to
 * check first. With members (on the alert), who had been posting just before it.
 */
export function wideSilenceReasonAr(w: WideSilenceFacts, members: readonly PersonName[], f: Formatters): string {
  const usual = w.usualGapMs === null ? '' : `؛ المعتاد أن ينشروا مجتمعين كل ${f.fmtDuration(w.usualGapMs, 'gen')}`;
  const who = members.length ? ` كان ينشر قُبيل ذلك: ${members.map((m) => iso(nameOf(m))).join('، ')}.` : '';
  return (
    `لم ينشر أحد من قائمة المتابعة (${f.fmtCount(w.of, 'person')}) منذ ${iso(f.fmtTime(w.lastPostAt))} (قبل ${f.fmtDuration(w.currentGapMs, 'gen')})${usual}، ` +
    `واحتمال توقّف بهذا الطول لهم مجتمعين: ${f.fmtOdds(w.pGap)}. ` +
    'تحقّق من أن جمع المنشورات ما زال يعمل (ربما توقّف مصدر أو أداة استيراد)؛ وإلا فالأرجح انقطاع أوسع من منطقة واحدة.' +
    who
  );
}

/** On a person's reason: the silence is everyone's, not only theirs. */
function wideAr(w: WideSilenceFacts, f: Formatters): string {
  return `ولم ينشر أحد من قائمة المتابعة منذ ${iso(f.fmtTime(w.lastPostAt))}: ربما توقّف جمع المنشورات، أو أن الانقطاع أوسع من منطقة واحدة.`;
}

/** Live collection of their accounts stopped: the sources, with the error as recorded (English). */
function collectionAr(e: Explanation, f: Formatters): string {
  const sources = (e.collection ?? [])
    .map(
      (c) =>
        `${iso(c.source)} (${iso(c.error ?? c.state)}${c.lastSuccessAt ? `، آخر نجاح ${iso(f.fmtTime(c.lastSuccessAt))}` : ''})`,
    )
    .join('، ');
  const who = e.members?.length ? ` لا نرى منذ ذلك: ${e.members.map((m) => iso(nameOf(m))).join('، ')}.` : '';
  return `تعطّل جمع المنشورات من ${sources}؛ لا يدلّ هدوؤهم على شيء إلى أن يعود الجمع.${who}`;
}

/** A person's state, or an alert about them, in Arabic. */
export function explainAr(e: Explanation, f: Formatters): string {
  if (e.kind === 'collection_failing' && e.collection) return collectionAr(e, f);
  if (e.kind === 'wide_silence' && e.wide) return wideSilenceReasonAr(e.wide, e.members ?? [], f);
  if (e.kind === 'outage' && e.outage) return outageReasonAr(e.outage, e.members ?? [], f);
  if (e.kind === 'no_posts')
    return 'لا منشورات مسجّلة بعد من الحسابات المتابَعة: تحقّق من أسماء الحسابات ومن أن منصّاتها تُجمع.';
  if (!e.rhythm) return 'لا منشورات مسجّلة بعد من الحسابات المتابَعة.';
  const rhythm = rhythmAr(e.rhythm, e.liveness, f);
  const farewellAt = e.farewell ? iso(f.fmtTime(e.farewell.at)) : '';
  const since = e.farewell ? f.fmtCount(e.farewell.postsSince, 'post') : '';
  let text: string;
  if (e.kind === 'farewell' && e.farewell) text = `نُشرت رسالة وداع في ${farewellAt}، ولم يُنشر شيء بعدها. ${rhythm}`;
  else if (e.kind === 'farewell_then_active' && e.farewell)
    text = `نُشرت رسالة وداع في ${farewellAt}، وتلاها ${since}؛ آخر منشور في ${iso(f.fmtTime(e.rhythm.lastPostAt))}.`;
  else if (e.kind === 'alive_and_safe' && e.alive) {
    const at = iso(f.fmtTime(e.alive.at));
    const what =
      e.alive.why === 'said_safe'
        ? `منشور في ${at} يفيد بالسلامة.`
        : `منشور في ${at} يؤكد البقاء على قيد الحياة بعد انقطاع غير معتاد.`;
    text = `${what} ${rhythm}`;
  } else if (e.kind === 'offline_announced' && e.offline)
    text = `أعلن انقطاعه عن الاتصال في ${iso(f.fmtTime(e.offline.at))}، فالصمت بعده متوقَّع. ${rhythm}`;
  else if (e.offline) text = `${rhythm} وكان قد أعلن انقطاعه عن الاتصال في ${iso(f.fmtTime(e.offline.at))}.`;
  else if (e.farewell) text = `${rhythm} وكانت رسالة وداع قد نُشرت في ${farewellAt}، وتلاها ${since}.`;
  else text = rhythm;
  if (e.outage) text = `${text} ${outageAr(e.outage, f)}.`;
  return e.wide ? `${text} ${wideAr(e.wide, f)}` : text;
}

/** The reason to show: Arabic from the explanation on Arabic pages, else the English words as recorded. */
export function renderReason(
  reason: string,
  explanation: Explanation | null | undefined,
  lang: Lang,
  f: Formatters,
): Rendered {
  if (lang === 'ar' && explanation) return { text: explainAr(explanation, f), lang: 'ar', dir: 'rtl' };
  return { text: isolateNames(reason, namesIn(explanation)), lang: 'en', dir: 'ltr' };
}

export interface AlertLike {
  kind: string;
  title: string;
  area?: string;
  evidence?: { lastPostAt?: string };
  explanation?: Explanation;
}

/** An alert's title in the page's language; English as recorded when the Arabic would lack the name or time. */
export function renderAlertTitle(a: AlertLike, lang: Lang, f: Formatters): Rendered {
  const names = [...namesIn(a.explanation), ...(a.area ? [a.area] : [])];
  const en: Rendered = { text: isolateNames(a.title, names), lang: 'en', dir: 'ltr' };
  if (lang !== 'ar') return en;
  const ar = (text: string): Rendered => ({ text, lang: 'ar', dir: 'rtl' });
  const area = a.explanation?.outage?.areaAr ?? a.explanation?.outage?.area ?? a.area;
  if (a.kind === 'area.outage' && area) return ar(`انقطاع محتمل للاتصالات في ${iso(area)}`);
  const lastPostAt = a.explanation?.wide?.lastPostAt ?? a.evidence?.lastPostAt;
  if (a.kind === 'watchlist.silent' && lastPostAt)
    return ar(`لم ينشر أحد من قائمة المتابعة منذ ${iso(f.fmtTime(lastPostAt))}`);
  const sources = a.explanation?.collection ?? [];
  if (a.kind === 'collection.failing' && sources.length)
    return ar(
      `تعطّل جمع المنشورات من ${iso(sources.length === 1 ? sources[0].source : `${sources[0].source.split(':')[0]} (${sources.length})`)}`,
    );
  const who = a.explanation?.person;
  if (!who) return en;
  if (a.kind === 'person.silent') return ar(`انقطاع ${iso(nameOf(who))} عن النشر`);
  if (a.kind === 'person.farewell') return ar(`رسالة وداع من ${iso(nameOf(who))}`);
  return en;
}

/** The replay banner: plainly, the board is judged at T and not now. */
export function replayBanner(r: Replay, lang: Lang, f: Formatters): string {
  const at = f.fmtTime(r.at);
  if (lang === 'ar') {
    const when = r.mode === 'newest' ? `وقت أحدث رسالة (${iso(at)})` : iso(at);
    return `إعادة عرض: تُقيَّم هذه اللوحة عند ${when}، لا في الوقت الحالي، فلا يظهر فيها من انقطع عن النشر بعد تلك اللحظة.`;
  }
  const when = r.mode === 'newest' ? `the newest message (${at})` : at;
  return `Replay: this board is judged at ${when}, not now. Anyone who went silent after that moment does not show here.`;
}
