export type DateOrder = 'DMY' | 'MDY' | 'YMD' | 'YDM';

export interface OrderDecision {
  order: DateOrder;
  /** why, for the warning when it was a guess */
  note?: string;
}

export interface DateTriple {
  a: number;
  b: number;
  c: number;
  aLen: number;
  /** an era name stood before the first part, so it is the year (令和4/3/18) */
  yearFirst?: boolean;
}

/** The date parts in that order, the year as written (two digits, or in its own calendar's count). */
export function toYmd(t: DateTriple, order: DateOrder): { year: number; month: number; day: number } {
  switch (order) {
    case 'DMY':
      return { year: t.c, month: t.b, day: t.a };
    case 'MDY':
      return { year: t.c, month: t.a, day: t.b };
    case 'YMD':
      return { year: t.a, month: t.b, day: t.c };
    case 'YDM':
      return { year: t.a, month: t.c, day: t.b };
  }
}

function valid(ts: DateTriple[], order: DateOrder): boolean {
  return ts.every((t) => {
    const d = toYmd(t, order);
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31;
  });
}

function backwardSteps(ts: DateTriple[], order: DateOrder): number {
  let n = 0;
  let prev = -1;
  for (const t of ts) {
    const d = toYmd(t, order);
    const v = d.year * 10000 + d.month * 100 + d.day;
    if (v < prev) n++;
    prev = v;
  }
  return n;
}

/**
 * Day-first or month-first, decided once for the whole file. A day above 12 settles it; if no
 * date does, the order in which dates advance through the file decides, and if that is a tie too the
 * caller's `daysFirst` (or day-first by default) is used and the decision is flagged.
 */
export function decideDateOrder(dates: DateTriple[], daysFirst: boolean | undefined): OrderDecision {
  if (dates.length === 0) return { order: daysFirst === false ? 'MDY' : 'DMY' };
  if (dates.some((t) => t.aLen === 4 || t.yearFirst))
    return { order: valid(dates, 'YMD') || !valid(dates, 'YDM') ? 'YMD' : 'YDM' };
  const dmy = valid(dates, 'DMY');
  const mdy = valid(dates, 'MDY');
  if (dmy && !mdy) return { order: 'DMY' };
  if (mdy && !dmy) return { order: 'MDY' };
  if (!dmy && !mdy) {
    if (valid(dates, 'YMD')) return { order: 'YMD' };
    return {
      order: daysFirst === false ? 'MDY' : 'DMY',
      note: 'dates fit neither day-first nor month-first everywhere; lines with impossible dates are rejected',
    };
  }
  if (dates.every((t) => t.a === t.b)) return { order: 'DMY' };
  if (daysFirst !== undefined) return { order: daysFirst ? 'DMY' : 'MDY' };
  const bd = backwardSteps(dates, 'DMY');
  const bm = backwardSteps(dates, 'MDY');
  if (bd < bm)
    return {
      order: 'DMY',
      note: 'no day above 12: read as day-first because dates then advance in order; pass --opt daysFirst=false if wrong',
    };
  if (bm < bd)
    return {
      order: 'MDY',
      note: 'no day above 12: read as month-first because dates then advance in order; pass --opt daysFirst=true if wrong',
    };
  return {
    order: 'DMY',
    note: 'ambiguous: no day above 12 and the order of dates does not tell; read as day-first. Pass --opt daysFirst=true or false',
  };
}
