import type { Explanation } from '../watch/explanation.ts';
import type { WatchEntry } from './digest-model.ts';
import { digits, utcTime } from './strings.ts';

const isolate = (s: string) => `\u2068${s}\u2069`;

function duration(ms: number): string {
  const h = ms / 3_600_000;
  if (h >= 48) return `${digits((h / 24).toFixed(1), 'ar')} يوم`;
  if (h >= 1) return `${digits(h < 10 ? h.toFixed(1) : Math.round(h), 'ar')} ساعة`;
  return `${digits(Math.round(ms / 60_000), 'ar')} دقيقة`;
}

function odds(p: number): string {
  if (p >= 0.1) return `${digits(Math.round(p * 100), 'ar')}٪`;
  const n = 1 / Math.max(p, 1e-300);
  if (n >= 1e9) return 'أقل من واحد في المليار';
  return `١ من ${digits(Math.max(10, Math.round(n)), 'ar')}`;
}

function rhythm(e: Explanation): string {
  const r = e.rhythm;
  if (!r) return '';
  const t = (iso: string) => isolate(utcTime(iso, 'ar'));
  const usual =
    r.usualGapMs === null ? 'المنشورات أقل من أن يُعرف منها نمط' : `المعتاد منشور كل ${duration(r.usualGapMs)}`;
  return `آخر منشور ${t(r.lastPostAt)}، قبل ${duration(r.currentGapMs)}؛ ${usual}؛ احتمال انقطاع بهذا الطول: ${odds(r.pGap)}`;
}

/** A watchlist line's reason in Arabic, from the board's explanation; the English reason when there is none. */
export function reasonAr(e: WatchEntry): string {
  const x = e.explanation;
  if (e.kind === 'going_offline') return 'أعلن أنه سينقطع عن الاتصال';
  if (!x) return e.reason;
  const t = (iso: string) => isolate(utcTime(iso, 'ar'));
  let text = rhythm(x);
  if (x.kind === 'farewell' && x.farewell) text = `رسالة وداع ${t(x.farewell.at)} ولا شيء بعدها. ${text}`;
  else if (x.kind === 'farewell_then_active' && x.farewell)
    text = `رسالة وداع ${t(x.farewell.at)}، تلاها ${digits(x.farewell.postsSince, 'ar')} منشورًا. ${text}`;
  else if (x.kind === 'alive_and_safe' && x.alive)
    text = `${x.alive.why === 'said_safe' ? 'قال إنه بأمان' : 'أكّد أنه حي بعد انقطاع غير معتاد'} ${t(x.alive.at)}. ${text}`;
  else if (x.kind === 'silent') text = `صمت غير معتاد: ${text}`;
  if (x.outage)
    text += `؛ يُرجَّح انقطاع الاتصالات في ${isolate(x.outage.areaAr ?? x.outage.area)} (${digits(x.outage.people, 'ar')} من ${digits(x.outage.of, 'ar')} توقفوا معًا)`;
  return text;
}

/** An area outage's reason in Arabic. */
export function outageReasonAr(o: { area: string; areaAr?: string; people: unknown[] }): string {
  return `يُرجَّح انقطاع الاتصالات في ${isolate(o.areaAr ?? o.area)}: توقّف ${digits(o.people.length, 'ar')} من المتابَعين هناك عن النشر معًا`;
}
