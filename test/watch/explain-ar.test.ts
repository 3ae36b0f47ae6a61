/**
 * The dashboard's Arabic reasons (web/src/explain.ts, web/src/format.ts), rendered in Node from the
 * explanations src/watch produces: Arabic sentences, Arabic-Indic digits, Arabic counting of nouns.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidateAlerts } from '../../src/watch/alerts.ts';
import { areaNameAr } from '../../src/watch/area.ts';
import { evaluateBoard } from '../../src/watch/board.ts';
import { personStatus } from '../../src/watch/state.ts';
import { DAY_MS } from '../../src/watch/time-of-day.ts';
import { type Explanation, explainAr, renderAlertTitle, renderReason, replayBanner } from '../../web/src/explain.ts';
import { formatters } from '../../web/src/format.ts';
import { H, jitter, MIN, person, posts, regular, T0 } from './helpers.ts';

const ar = formatters('ar');
const en = formatters('en');
/** Without the bidi isolates around names, places and times. */
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('Arabic numbers and durations', () => {
  it('counts hours, days and minutes the Arabic way, with Arabic-Indic digits', () => {
    assert.equal(ar.fmtDuration(7.5 * H), '٧٫٥ ساعة');
    assert.equal(ar.fmtDuration(3 * DAY_MS), '٣ أيام');
    assert.equal(ar.fmtDuration(2 * DAY_MS), 'يومان');
    assert.equal(ar.fmtDuration(2 * DAY_MS, 'gen'), 'يومين');
    assert.equal(ar.fmtDuration(11 * DAY_MS), '١١ يومًا');
    assert.equal(ar.fmtDuration(3.2 * DAY_MS), '٣٫٢ يوم');
    assert.equal(ar.fmtDuration(H), 'ساعة واحدة');
    assert.equal(ar.fmtDuration(H, 'gen'), 'ساعة');
    assert.equal(ar.fmtDuration(2 * H, 'gen'), 'ساعتين');
    assert.equal(ar.fmtDuration(30 * H), '٣٠ ساعة');
    assert.equal(ar.fmtDuration(45 * MIN), '٤٥ دقيقة');
    assert.equal(ar.fmtDuration(5 * MIN), '٥ دقائق');
    assert.equal(en.fmtDuration(7.5 * H), '7.5 h');
    assert.equal(en.fmtDuration(3 * DAY_MS), '3 d');
  });

  it('odds in words', () => {
    assert.equal(ar.fmtOdds(1 / 250), '١ من ٢٥٠');
    assert.equal(en.fmtOdds(1 / 250), '1 in 250');
    assert.equal(ar.fmtOdds(0.12), '١٢٪؜');
    assert.equal(ar.fmtOdds(1e-12), 'أقل من واحد في المليار');
    assert.equal(ar.fmtChance(1 / 250), '١ / ٢٥٠');
    assert.equal(ar.fmtChance(0.274), '٢٧٫٤٪؜');
    assert.equal(en.fmtChance(0.274), '27.4%');
    assert.equal(ar.fmtCount(40, 'gap', 'gen'), '٤٠ فاصلًا');
    assert.equal(ar.fmtCount(2, 'post'), 'منشوران');
    assert.equal(ar.fmtCount(5, 'post'), '٥ منشورات');
  });
});

const RHYTHM = {
  lastPostAt: '2016-12-13T07:41:00.000Z',
  currentGapMs: 3 * DAY_MS,
  usualGapMs: 7.5 * H,
  gaps: 40,
  pGap: 1 / 250,
  prior: false,
};

describe('Arabic reasons', () => {
  it('a silence: words and every number', () => {
    const text = plain(explainAr({ kind: 'silent', liveness: 'silent', rhythm: RHYTHM }, ar));
    assert.equal(
      text,
      'صمت غير معتاد: آخر منشور في ١٣‏/١٢‏/٢٠١٦، ٧:٤١ ص UTC، قبل ٣ أيام؛ المعتاد منشور كل ٧٫٥ ساعة (وسيط ٤٠ فاصلًا)؛ ' +
        'احتمال انقطاع بهذا الطول وفق النمط المعتاد: ١ من ٢٥٠، مع مراعاة ساعات النشر المعتادة.',
    );
    assert.doesNotMatch(text, /[0-9]/, 'Arabic-Indic digits only');
  });

  it('too few gaps to be sure, and no rhythm at all', () => {
    const prior = explainAr({ kind: 'quiet', liveness: 'quiet', rhythm: { ...RHYTHM, gaps: 3, prior: true } }, ar);
    assert.match(prior, /^أهدأ من المعتاد: /);
    assert.match(prior, /\(وسيط ٣ فواصل، وهذا عدد لا يكفي للجزم\)/);
    const none = explainAr(
      { kind: 'active', liveness: 'active', rhythm: { ...RHYTHM, usualGapMs: null, gaps: 0 } },
      ar,
    );
    assert.match(none, /المنشورات أقل من أن يُعرف منها نمط معتاد\.$/);
    assert.equal(
      explainAr({ kind: 'no_posts' }, ar),
      'لا منشورات مسجّلة بعد من الحسابات المتابَعة: تحقّق من أسماء الحسابات ومن أن منصّاتها تُجمع.',
    );
  });

  it('farewells, alive and safe, outages', () => {
    const farewell = { at: '2016-12-14T20:05:00.000Z', postsSince: 2 };
    const fta = plain(explainAr({ kind: 'farewell_then_active', liveness: 'active', rhythm: RHYTHM, farewell }, ar));
    assert.match(fta, /^نُشرت رسالة وداع في ١٤‏\/١٢‏\/٢٠١٦، ٨:٠٥ م UTC، وتلاها منشوران؛ آخر منشور في /);
    const bye = explainAr({ kind: 'farewell', rhythm: RHYTHM, farewell: { ...farewell, postsSince: 0 } }, ar);
    assert.match(bye, /ولم يُنشر شيء بعدها\./);
    const after = explainAr({ kind: 'silent', liveness: 'silent', rhythm: RHYTHM, farewell }, ar);
    assert.match(after, /وكانت رسالة وداع قد نُشرت في .*، وتلاها منشوران\.$/);
    const safe = explainAr(
      { kind: 'alive_and_safe', rhythm: RHYTHM, alive: { at: farewell.at, why: 'said_safe' } },
      ar,
    );
    assert.match(safe, /يفيد بالسلامة\./);
    const outage = { area: 'al-Sukkari', people: 5, of: 6, from: RHYTHM.lastPostAt, to: farewell.at, jointP: 1e-5 };
    const member = plain(explainAr({ kind: 'quiet', liveness: 'quiet', rhythm: RHYTHM, outage }, ar));
    assert.match(member, /يُرجَّح انقطاع الاتصالات في al-Sukkari: توقّف عن النشر معًا ٥ من أصل ٦ من المتابَعين هناك\.$/);
    const area = plain(
      explainAr(
        {
          kind: 'outage',
          outage,
          members: [
            { id: 'p-1', name: 'Salma', nameAr: 'سلمى' },
            { id: 'p-2', name: 'Omar' },
          ],
        },
        ar,
      ),
    );
    assert.match(area, /احتمال اجتماع هذه الفواصل كلها مصادفةً: ١ من ١٠٠٬٠٠٠\. الأشخاص: سلمى، Omar\.$/);
  });

  it('an outage found from the area’s posts as one stream says nobody there has posted', () => {
    const outage = {
      area: 'al-Sukkari',
      people: 4,
      of: 5,
      from: RHYTHM.lastPostAt,
      to: RHYTHM.lastPostAt,
      jointP: 0.02,
      areaGap: { lastPostAt: RHYTHM.lastPostAt, currentGapMs: 3 * H, usualGapMs: 20 * MIN, pGap: 1 / 500 },
    };
    assert.equal(
      plain(explainAr({ kind: 'outage', outage, members: [{ id: 'p-1', name: 'Salma', nameAr: 'سلمى' }] }, ar)),
      'يُرجَّح انقطاع الاتصالات في al-Sukkari: لم ينشر أحد من المتابَعين هناك (٥) منذ ١٣‏/١٢‏/٢٠١٦، ٧:٤١ ص UTC؛ ' +
        'المعتاد أن ينشروا مجتمعين كل ٢٠ دقيقة، واحتمال توقّف بهذا الطول لهم مجتمعين: ١ من ٥٠٠ (توقّف معًا ٤ منهم). الأشخاص: سلمى.',
    );
  });

  it('English pages keep the recorded English; old alerts without an explanation too', () => {
    const e: Explanation = { kind: 'silent', liveness: 'silent', rhythm: RHYTHM };
    assert.deepEqual(renderReason('silent: last post …', e, 'en', en), {
      text: 'silent: last post …',
      lang: 'en',
      dir: 'ltr',
    });
    assert.deepEqual(renderReason('silent: last post …', undefined, 'ar', ar), {
      text: 'silent: last post …',
      lang: 'en',
      dir: 'ltr',
    });
    assert.equal(renderReason('x', e, 'ar', ar).dir, 'rtl');
  });

  it('renders what src/watch produces: a real silence and real alerts', () => {
    const history = jitter(regular(T0, T0 + 6 * DAY_MS, H, [0, 6]), 10 * MIN);
    const s = personStatus(posts(history), history[history.length - 1] + 30 * H);
    const text = explainAr(s.explanation as Explanation, ar);
    assert.match(text, /^صمت غير معتاد: آخر منشور في .*، قبل ٣٠ ساعة؛ المعتاد منشور كل [٠-٩٫]+ دقيقة /);
    assert.ok(text.includes(`(وسيط ${ar.fmtCount(s.rhythm?.gaps ?? -1, 'gap', 'gen')})`), text);
    assert.ok(text.includes(`وفق النمط المعتاد: ${ar.fmtOdds(s.judgement?.pGap ?? -1)}،`), text);

    const cut = T0 + 6 * DAY_MS + 10 * H;
    const board = evaluateBoard(
      Array.from({ length: 5 }, (_, i) => {
        const times = jitter(regular(T0 + i * 5 * MIN, cut + 3 * DAY_MS, H, [0, 6]), 20 * MIN, i + 3);
        const p = { ...person(`p-0000000000a${i}`, 'al-Mashhad'), nameAr: ['سلمى', 'عمر', 'ليلى', 'أحمد', 'نادية'][i] };
        return { person: p, posts: posts(i === 4 ? times : times.filter((t) => t < cut)) };
      }),
      cut + 20 * H,
    );
    const [area] = candidateAlerts(board);
    assert.equal(plain(renderAlertTitle(area, 'ar', ar).text), 'انقطاع محتمل للاتصالات في al-Mashhad');
    assert.match(
      plain(renderReason(area.reason, area.explanation, 'ar', ar).text),
      /الأشخاص: سلمى، عمر، ليلى، أحمد\.$/,
    );

    const single = evaluateBoard(
      [{ person: { ...person('p-0000000000b0'), nameAr: 'سلمى' }, posts: posts(history) }],
      history[history.length - 1] + 30 * H,
    );
    const [silent] = candidateAlerts(single);
    assert.equal(plain(renderAlertTitle(silent, 'ar', ar).text), 'انقطاع سلمى عن النشر');
    // English keeps the recorded words; only the name is isolated, so an override inside it stays inside.
    assert.equal(
      renderAlertTitle(silent, 'en', en).text,
      `\u2068${silent.explanation?.person?.name}\u2069 has gone silent`,
    );
    assert.equal(plain(renderAlertTitle(silent, 'en', en).text), silent.title);
    assert.equal(renderAlertTitle({ ...silent, explanation: undefined }, 'ar', ar).text, silent.title);
  });

  it('a name with a stray PDI or an open isolate cannot end its FSI…PDI wrapper early', () => {
    const hostile = { ...person('p-0000000000c0'), name: 'Rami \u2069\u202dx', nameAr: undefined };
    const history = jitter(regular(T0, T0 + 6 * DAY_MS, H, [0, 6]), 10 * MIN);
    const [silent] = candidateAlerts(
      evaluateBoard([{ person: hostile, posts: posts(history) }], history[history.length - 1] + 30 * H),
    );
    assert.equal(renderAlertTitle(silent, 'ar', ar).text, 'انقطاع \u2068Rami \u202dx\u2069 عن النشر');
    assert.equal(renderAlertTitle(silent, 'en', en).text, '\u2068Rami \u202dx\u2069 has gone silent');
    const open = {
      ...silent,
      explanation: { ...silent.explanation, person: { name: 'Eve \u2067x' } },
    } as typeof silent;
    assert.equal(renderAlertTitle(open, 'ar', ar).text, 'انقطاع \u2068Eve \u2067x\u2069\u2069 عن النشر');
  });

  it('the replay banner says plainly that the board is not now', () => {
    const at = '2016-12-14T22:00:00.000Z';
    assert.equal(
      plain(replayBanner({ mode: 'at', at }, 'ar', ar)),
      'إعادة عرض: تُقيَّم هذه اللوحة عند ١٤‏/١٢‏/٢٠١٦، ١٠:٠٠ م UTC، لا في الوقت الحالي، فلا يظهر فيها من انقطع عن النشر بعد تلك اللحظة.',
    );
    assert.match(
      replayBanner({ mode: 'newest', at }, 'en', en),
      /^Replay: this board is judged at the newest message \(14 Dec 2016, 22:00 UTC\), not now\./,
    );
  });
});

describe('the whole watchlist silent at once, in Arabic', () => {
  const WIDE = {
    lastPostAt: '2016-12-14T21:52:00.000Z',
    currentGapMs: 10 * H,
    usualGapMs: 20 * MIN,
    pGap: 1 / 2000,
    people: 9,
    of: 9,
  };

  it('the banner sentence: since when, how unusual for everyone together, what to check first', () => {
    const text = plain(explainAr({ kind: 'wide_silence', wide: WIDE }, ar));
    assert.equal(
      text,
      'لم ينشر أحد من قائمة المتابعة (٩ أشخاص) منذ ١٤‏/١٢‏/٢٠١٦، ٩:٥٢ م UTC (قبل ١٠ ساعات)؛ ' +
        'المعتاد أن ينشروا مجتمعين كل ٢٠ دقيقة، واحتمال توقّف بهذا الطول لهم مجتمعين: ١ من ٢٬٠٠٠. ' +
        'تحقّق من أن جمع المنشورات ما زال يعمل (ربما توقّف مصدر أو أداة استيراد)؛ وإلا فالأرجح انقطاع أوسع من منطقة واحدة.',
    );
    assert.doesNotMatch(text, /[0-9]/, 'Arabic-Indic digits only');
    const rendered = renderReason(
      'nobody on the watchlist has posted since …',
      { kind: 'wide_silence', wide: WIDE },
      'ar',
      ar,
    );
    assert.deepEqual([rendered.lang, rendered.dir], ['ar', 'rtl']);
    assert.equal(
      renderReason('nobody on the watchlist has posted since …', { kind: 'wide_silence', wide: WIDE }, 'en', en).text,
      'nobody on the watchlist has posted since …',
    );
  });

  it('no usual gap, two people, ten years: the sentence still reads', () => {
    const text = plain(
      explainAr({ kind: 'wide_silence', wide: { ...WIDE, usualGapMs: null, of: 2, currentGapMs: 3650 * DAY_MS } }, ar),
    );
    assert.match(text, /^لم ينشر أحد من قائمة المتابعة \(شخصان\) منذ .* \(قبل ٣٬٦٥٠ يومًا\)، واحتمال توقّف بهذا الطول/);
    assert.doesNotMatch(text, /المعتاد/);
  });

  it('on the alert, who had been posting just before; names kept apart from the Arabic around them', () => {
    const text = explainAr(
      {
        kind: 'wide_silence',
        wide: WIDE,
        members: [
          { id: 'p-1', name: 'Salma', nameAr: 'سلمى' },
          { id: 'p-2', name: 'Omar' },
        ],
      },
      ar,
    );
    assert.match(text, / كان ينشر قُبيل ذلك: \u2068سلمى\u2069، \u2068Omar\u2069\.$/);
  });

  it('a person’s reason says the silence is everyone’s', () => {
    const text = plain(explainAr({ kind: 'silent', liveness: 'silent', rhythm: RHYTHM, wide: WIDE }, ar));
    assert.match(text, /^صمت غير معتاد: /);
    assert.match(
      text,
      /مع مراعاة ساعات النشر المعتادة\. ولم ينشر أحد من قائمة المتابعة منذ ١٤‏\/١٢‏\/٢٠١٦، ٩:٥٢ م UTC: ربما توقّف جمع المنشورات، أو أن الانقطاع أوسع من منطقة واحدة\.$/,
    );
  });

  it('the facts beside the alert: years of silence give odds past a billion, said as such', () => {
    assert.equal(ar.fmtChance(1e-20), 'أقل من ١ / ١٬٠٠٠٬٠٠٠٬٠٠٠');
    assert.equal(en.fmtChance(1e-20), '< 1 / 1,000,000,000');
    assert.equal(en.fmtChance(1 / 2_345_678), '1 / 2,300,000');
    assert.equal(en.fmtChance(1 / 250), '1 / 250');
  });

  it('the alert title: from the explanation, else the evidence, else the English as recorded', () => {
    const alert = {
      kind: 'watchlist.silent',
      title: 'Nobody on the watchlist has posted since 14 Dec 2016, 23:52 (+02:00)',
      evidence: { lastPostAt: WIDE.lastPostAt },
      explanation: { kind: 'wide_silence' as const, wide: WIDE },
    };
    const title = renderAlertTitle(alert, 'ar', ar);
    assert.deepEqual(title, {
      text: 'لم ينشر أحد من قائمة المتابعة منذ \u2068١٤‏/١٢‏/٢٠١٦، ٩:٥٢ م UTC\u2069',
      lang: 'ar',
      dir: 'rtl',
    });
    assert.deepEqual(renderAlertTitle({ ...alert, explanation: undefined }, 'ar', ar), title);
    assert.equal(renderAlertTitle({ ...alert, explanation: undefined, evidence: {} }, 'ar', ar).text, alert.title);
    assert.equal(renderAlertTitle(alert, 'en', en).text, alert.title);
  });

  it('renders what src/watch produces: nine people in three areas, all stopped at once', () => {
    const cut = T0 + 6 * DAY_MS + 10 * H;
    const names = ['سلمى', 'عمر', 'ليلى', 'أحمد', 'نادية', 'خالد', 'هدى', 'سامر', 'رنا'];
    const board = evaluateBoard(
      names.map((nameAr, k) => {
        const times = jitter(regular(T0 + k * 9 * MIN, cut, 90 * MIN, [0, 6]), 30 * MIN, k + 3);
        const area = ['Al-Sukkari', 'Al-Ansari', 'Bustan al-Qasr'][Math.floor(k / 3)];
        return { person: { ...person(`p-0000000003${k}0`, area), nameAr }, posts: posts(times) };
      }),
      cut + 10 * H,
    );
    const alerts = candidateAlerts(board);
    assert.deepEqual(
      alerts.map((a) => a.kind),
      ['watchlist.silent'],
    );
    const [wide] = alerts;
    const title = plain(renderAlertTitle(wide, 'ar', ar).text);
    assert.equal(title, `لم ينشر أحد من قائمة المتابعة منذ ${ar.fmtTime(wide.evidence.lastPostAt)}`);
    const why = plain(renderReason(wide.reason, wide.explanation, 'ar', ar).text);
    assert.match(why, /^لم ينشر أحد من قائمة المتابعة \(٩ أشخاص\) منذ /);
    assert.ok(why.includes(`(قبل ${ar.fmtDuration(board.wideSilence?.currentGapMs, 'gen')})`), why);
    assert.match(why, /كان ينشر قُبيل ذلك: سلمى، عمر، ليلى، أحمد، نادية، خالد، هدى، سامر، رنا\.$/);
    assert.doesNotMatch(why, /[0-9]/, why);
    for (const r of board.rows) {
      const text = explainAr(r.status.explanation as Explanation, ar);
      assert.match(text, /ولم ينشر أحد من قائمة المتابعة منذ .*: ربما توقّف جمع المنشورات/, text);
    }
  });
});

describe('area names on Arabic pages', () => {
  it('a known place is named in Arabic, free text stays as typed', () => {
    assert.equal(areaNameAr('Al-Sukkari'), 'السكري');
    assert.equal(areaNameAr('حي الشعار'), 'حي الشعار');
    assert.equal(areaNameAr('the school on the corner'), undefined);
    assert.equal(areaNameAr(undefined), undefined);
  });

  it('an outage in a known neighbourhood: Arabic reason and title name it in Arabic', () => {
    const cut = T0 + 6 * DAY_MS + 10 * H;
    const people = Array.from({ length: 5 }, (_, i) => ({
      person: person(`p-00000000030${i}`, 'Al-Sukkari'),
      posts: posts(jitter(regular(T0 + i * 7 * MIN, cut, H, [0, 6]), 20 * MIN, i + 1)),
    }));
    const board = evaluateBoard(people, cut + 8 * H);
    const [alert] = candidateAlerts(board).filter((a) => a.kind === 'area.outage');
    assert.ok(alert, 'an area outage alert');
    assert.equal(alert.explanation?.outage?.areaAr, 'السكري');
    const f = formatters('ar');
    assert.match(explainAr(alert.explanation as Explanation, f), /انقطاع الاتصالات في \u2068السكري\u2069/);
    assert.match(renderAlertTitle(alert, 'ar', f).text, /السكري/);
    // English keeps the recorded name.
    assert.match(renderAlertTitle(alert, 'en', f).text, /Al-Sukkari/);
  });

  it('announced going offline, in Arabic', () => {
    const times = jitter(regular(T0, T0 + 4 * DAY_MS, H, [0, 6]), 10 * MIN);
    const p = posts(times, {}, { [times.length - 1]: 'going_offline' });
    const s = personStatus(p, times[times.length - 1] + 20 * H);
    assert.equal(s.state, 'offline_announced');
    assert.ok(s.explanation);
    assert.match(
      plain(explainAr(s.explanation as Explanation, ar)),
      /^أعلن انقطاعه عن الاتصال في .+، فالصمت بعده متوقَّع\./,
    );
  });
});
