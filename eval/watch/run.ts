import { pathToFileURL } from 'node:url';
import { DEFAULT_BOARD } from '../../src/watch/board.ts';
import { median, quantile } from '../../src/watch/gap-survival.ts';
import { DEFAULT_RHYTHM, sessions } from '../../src/watch/rhythm.ts';
import { bestDelayWithin, gapPredictability, hindsightFrontier, longGapsPerMonth } from './hindsight-bound.ts';
import {
  type History,
  loadCrisisNlpVolunteers,
  loadMastodonOutbox,
  loadTwitterArchive,
  sharedDataPresent,
} from './histories.ts';
import { outageTrials } from './outage-eval.ts';
import {
  BASELINE_K,
  type CutResult,
  cutDelays,
  type FalseAlarmResult,
  falseAlarms,
  seededRandom,
} from './silence-eval.ts';

const SEED = 20161213;
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

interface Group {
  name: string;
  histories: History[];
  cutsPerHistory: number;
  warmup: number;
}

function groupRows(g: Group, rand: () => number): { fa: FalseAlarmResult[]; cuts: CutResult[] } {
  const fa = g.histories.map((h) => falseAlarms(h, DEFAULT_RHYTHM, g.warmup));
  const cuts = g.histories.flatMap((h) => cutDelays(h, DEFAULT_RHYTHM, g.warmup, g.cutsPerHistory, rand));
  return { fa, cuts };
}

function rawVsSessionMedian(h: History): string {
  const raw = h.times.slice(1).map((t, i) => t - h.times[i]);
  const sess = sessions(h.times, DEFAULT_RHYTHM.burstMs);
  const sg = sess.slice(1).map((s, i) => s.start - sess[i].end);
  return `${f2(median(raw) / 3.6e6)} h raw / ${f2(median(sg) / 3.6e6)} h between sessions`;
}

/** The watch section of eval/RESULTS.md. */
export async function runWatchEval(): Promise<string> {
  if (!sharedDataPresent()) return '## Watch: liveness\n\nSkipped: ../shared/data is not present.\n';
  const t0 = Date.now();
  const rand = seededRandom(SEED);
  const twitter = loadTwitterArchive();
  const mastodon = loadMastodonOutbox();
  const crisis = loadCrisisNlpVolunteers(15);
  const groups: Group[] = [
    {
      name: 'Twitter archive (1 account, 2007-2022)',
      histories: twitter ? [twitter] : [],
      cutsPerHistory: 300,
      warmup: 20,
    },
    {
      name: 'Mastodon outbox (1 account, 2022-2024)',
      histories: mastodon ? [mastodon] : [],
      cutsPerHistory: 300,
      warmup: 20,
    },
    {
      name: `CrisisNLP volunteers (${crisis.length} authors with >= 15 tweets)`,
      histories: crisis,
      cutsPerHistory: 10,
      warmup: 8,
    },
  ];
  const lines: string[] = [];
  const all = { fa: [] as FalseAlarmResult[], cuts: [] as CutResult[] };
  lines.push(
    '| history | account-months | gaps | false alarms / account-month | median delay after cut (median gaps) | p75 | median delay from last post | "quiet" flag, median delay | baseline: silent after 3 median gaps (FA / acc-month, median delay) |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const g of groups) {
    if (g.histories.length === 0) continue;
    const r = groupRows(g, rand);
    all.fa.push(...r.fa);
    all.cuts.push(...r.cuts);
    const months = r.fa.reduce((a, x) => a + x.months, 0);
    const alarms = r.fa.reduce((a, x) => a + x.alarms, 0);
    const base = r.fa.reduce((a, x) => a + x.baselineAlarms, 0);
    const gaps = r.fa.reduce((a, x) => a + x.gaps, 0);
    const d = r.cuts.map((c) => c.delayFromCut);
    lines.push(
      `| ${g.name} | ${months.toFixed(1)} | ${gaps} | ${f2(alarms / months)} | ${f2(median(d))} | ${f2(quantile(d, 0.75))} | ${f2(median(r.cuts.map((c) => c.delayFromLastPost)))} | ${f2(median(r.cuts.map((c) => c.quietDelayFromCut)))} | ${f2(base / months)}, ${f2(median(r.cuts.map((c) => c.baselineDelayFromCut)))} |`,
    );
  }
  const fullHist = all.fa.filter((x) => !x.id.startsWith('crisisnlp:'));
  const fullMonths = fullHist.reduce((a, x) => a + x.months, 0);
  const fullAlarms = fullHist.reduce((a, x) => a + x.alarms, 0);
  const fullCuts = all.cuts.filter((c) => !c.id.startsWith('crisisnlp:')).map((c) => c.delayFromCut);

  const boundRows: string[] = [];
  for (const h of [twitter, mastodon]) {
    if (!h) continue;
    const long = longGapsPerMonth(h, DEFAULT_RHYTHM.burstMs, BASELINE_K, 48);
    const cells = [3, 12].map((months) => {
      const best = bestDelayWithin(hindsightFrontier(h, months, DEFAULT_RHYTHM.burstMs), 1);
      return best
        ? `${f2(best.medianDelay)} (${f2(best.falseAlarmsPerMonth)} FA / acc-month; silent past the ${Math.round(100 * (1 - best.p))}th percentile of gaps)`
        : 'n/a';
    });
    const pr = gapPredictability(h, DEFAULT_RHYTHM.burstMs);
    boundRows.push(
      `| ${h.id} | ${f2(long.k)} | ${f2(long.hours)} | ${f2(pr.previous)} / ${f2(pr.previousThree)} / ${f2(pr.week)} | ${cells.join(' | ')} |`,
    );
  }
  // The same detector with the cap on "silent" relaxed from P <= 0.05 to P <= 0.3 (spends more of the alarm budget).
  const relaxed = { ...DEFAULT_RHYTHM, silentPMax: 0.3 };
  const relaxedRows = [twitter, mastodon].flatMap((h) => {
    if (!h) return [];
    const fa = falseAlarms(h, relaxed, 20);
    const cuts = cutDelays(h, relaxed, 20, 300, seededRandom(SEED));
    return [
      `${h.id} ${f2(fa.alarms / fa.months)} false alarms / account-month, median delay ${f2(median(cuts.map((c) => c.delayFromCut)))}`,
    ];
  });

  const pools = [
    { name: 'Twitter + Mastodon histories', pool: [...(twitter ? [twitter] : []), ...(mastodon ? [mastodon] : [])] },
    {
      name: 'the same plus CrisisNLP authors',
      pool: [...(twitter ? [twitter] : []), ...(mastodon ? [mastodon] : []), ...crisis],
    },
  ];
  const outageRows: string[] = [];
  const variants = [
    { label: 'both tests (default)', board: DEFAULT_BOARD },
    {
      label: 'person by person only',
      board: { ...DEFAULT_BOARD, outage: { ...DEFAULT_BOARD.outage, areaRhythm: false as const } },
    },
  ];
  for (const [k, { name, pool }] of pools.entries()) {
    for (const v of variants) {
      // The same simulated areas for both variants: one seed per pool.
      const trials = outageTrials(
        pool,
        seededRandom(SEED + k + 1),
        { trials: 30, areaSize: 6, horizonH: 96, stepH: 3, warmupSessions: 20 },
        v.board,
      );
      const outage = trials.filter((t) => t.kind === 'outage');
      const indiv = trials.filter((t) => t.kind === 'individual');
      const hit = outage.filter((t) => t.outageReported).length;
      const falseOutage = indiv.filter((t) => t.outageReported).length;
      const accuracy = (hit + (indiv.length - falseOutage)) / trials.length;
      const delays = outage.filter((t) => t.reportedAfterH !== undefined).map((t) => t.reportedAfterH as number);
      outageRows.push(
        `| ${name} | ${v.label} | ${outage.length} + ${indiv.length} | ${hit} (median ${delays.length ? median(delays) : 'n/a'} h after the cut) | ${falseOutage} | ${indiv.filter((t) => t.cutPersonSilent).length} | ${f2(100 * accuracy)}% |`,
      );
    }
  }
  // Collection stops: the same simulated watchlists, each person in an area of their own, so only the
  // watchlist-wide test can tie the silences together.
  const wideRows: string[] = [];
  for (const [k, { name, pool }] of pools.entries()) {
    const trials = outageTrials(pool, seededRandom(SEED + 100 + k), {
      trials: 30,
      areaSize: 6,
      horizonH: 96,
      stepH: 3,
      warmupSessions: 20,
      separateAreas: true,
    });
    const all = trials.filter((t) => t.kind === 'outage');
    const one = trials.filter((t) => t.kind === 'individual');
    const hit = all.filter((t) => t.wideReported);
    const delays = hit.map((t) => t.wideAfterH as number);
    wideRows.push(
      `| ${name} | ${all.length} + ${one.length} | ${hit.length} (median ${delays.length ? median(delays) : 'n/a'} h after the stop) | ${one.filter((t) => t.wideReported).length} | ${one.filter((t) => t.cutPersonSilent).length} |`,
    );
  }

  const md = [
    '## Watch: liveness ("who has gone silent, and why")',
    '',
    `Written by eval/watch/run.ts (seed ${SEED}) in ${((Date.now() - t0) / 1000).toFixed(0)} s. Detector: src/watch/rhythm.ts with its defaults`,
    `(sessions = posts less than ${DEFAULT_RHYTHM.burstMs / 60000} min apart; time-of-day weighted gaps; empirical survival with a power-law tail;`,
    `silent when P(gap >= current) <= ${DEFAULT_RHYTHM.alarmBudgetPerMonth} / (the account's gaps per month), clamped to [${DEFAULT_RHYTHM.silentPMin}, ${DEFAULT_RHYTHM.silentPMax}], and never before ${DEFAULT_RHYTHM.floorMs / 3.6e6} h or ${DEFAULT_RHYTHM.floorMedians} median gaps).`,
    '',
    '**Method.** Each history is walked in time order and the rhythm is learned only from posts before the moment judged.',
    'False alarms: on the uncut history, every gap the detector would have called "silent" before the next post came is one false alarm.',
    'Detection delay: the history is cut at a random instant (seeded), every later post removed, and the time from the cut to the "silent" flag is divided by',
    "the account's median gap between sessions at that moment (0 when the gap was already flagged at the cut).",
    '',
    ...lines,
    '',
    `**Against the targets** (full histories: Twitter + Mastodon): false alarms ${f2(fullAlarms / fullMonths)} per account-month (target <= 1: ${fullAlarms / fullMonths <= 1 ? 'met' : 'NOT met'});`,
    `median detection delay ${f2(median(fullCuts))} median gaps (target <= 3: ${median(fullCuts) <= 3 ? 'met' : 'NOT met'}).`,
    '',
    '**Could any detector meet both targets on these histories?** A hindsight bound (eval/watch/hindsight-bound.ts): rules that call',
    "silence once the gap passes a threshold, with the thresholds chosen KNOWING each period's whole gap distribution in advance",
    '(time-of-day weighted gaps, one exceedance share for all periods); the table gives the best median delay they reach with at most',
    '1 false alarm per account-month. It is not a strict lower bound (the detector rolls its window over the last 300 gaps and measures delay',
    'in the median gap known at the cut, so it can land near the bound or a little past it), but it shows how far tuning a threshold can go.',
    '',
    '| history | gaps longer than 3 median gaps, per month | gaps longer than 48 h, per month | rank correlation of a gap with the previous gap / previous three / sessions in the 7 days before | hindsight bound, 3-month periods (median gaps) | hindsight bound, 12-month periods |',
    '|---|---|---|---|---|---|',
    ...boundRows,
    '',
    '**Reading it honestly.**',
    '- The two targets pull against each other. With false alarms held at <= 1 per account-month, an account with G gaps a month can only be called silent',
    '  once the gap is past roughly its (1 - 1/G) quantile; for real human posting that quantile is many median gaps (gaps are heavy-tailed: nights,',
    '  weekends, lulls). The baseline column shows the other side: "silent after 3 median gaps" meets the delay by construction but raises several',
    '  false alarms per account-month. The detector picks the false-alarm side; the "quiet" state (P < 0.1) is the early signal, at the delay shown.',
    '- Mastodon: the account takes a break longer than 3 median gaps many times a month, and what is known when a gap starts hardly tells',
    '  which gaps will be long (the rank correlations above; hour of day is already in the detector). Even with hindsight no threshold rule',
    '  reaches 3 median gaps at <= 1 false alarm a month (bound above); the detector is already at about that bound.',
    '- Twitter: the bound is reached only by calling "silent" a gap that about one in five of their gaps exceeds. That is not "very unlikely',
    '  under their own history" (the issue\'s definition of silent), so the detector keeps silent at P <= 0.05 and pays for it in delay.',
    `  The same detector with that cap relaxed to P <= 0.3, measured the same way: ${relaxedRows.join('; ')}.`,
    `- "Median gap" is between sessions. Measured between raw posts (bursts and threads included) it is much smaller: Twitter ${twitter ? rawVsSessionMedian(twitter) : 'n/a'},`,
    `  Mastodon ${mastodon ? rawVsSessionMedian(mastodon) : 'n/a'}; delays in raw-post medians would look several times worse.`,
    '- Only two full posting histories exist in ../shared/data, both of calm, everyday accounts, not people under siege; a siege makes posting both',
    '  denser and more regular (the demo scenario), which shortens the delay.',
    '- CrisisNLP volunteer sets are keyword-filtered samples of tweets about one event each, so per-author "gaps" are gaps between sampled relevant',
    '  tweets, often spanning months between events. They test robustness to sparse, irregular histories more than real silence.',
    '',
    '**Outage vs individual.** Simulated areas of 6 people, each a real history at its own random moment (one account can stand for several',
    'people), time-shifted so the cuts coincide; each moment is one after which that person did post within a day, so that in the "individual"',
    'trials the others really keep posting. "Outage" cuts everyone; "individual" cuts one person. The board is evaluated every 3 h for 96 h.',
    'Two outage tests (src/watch/outage.ts): person by person (at least 3 people and 60% of the area unusually quiet together, with a small joint',
    "probability), and the area as one poster (everyone's posts together have their own, faster rhythm; when that combined stream is silent",
    'under it, nobody there has posted for an unusually long time). The second row of each pool turns the area test off, on the same trials.',
    'The area test was tuned on other seeds (1, 2, 3, 99) than the one reported here.',
    '',
    '| pool | outage tests | trials (outage + individual) | outages reported when everyone was cut | false outages when one was cut | cut person called silent (individual) | accuracy |',
    '|---|---|---|---|---|---|---|',
    ...outageRows,
    '',
    'A false outage is the costly error: it folds a real individual silence into an area alert. The CrisisNLP authors, silent for months between',
    'events, look like members of any outage; with them in the pool false outages rise.',
    '',
    '**Collection stops (watchlist-wide silence).** The same kind of simulated watchlist of 6, but each person in an area of their own, so',
    'no area test can group them: "everyone" stops all six at once (what an expired API token or an importer nobody ran looks like),',
    '"one" stops one person while the others go on. src/watch/wide-silence.ts judges all their posts together as one stream.',
    '',
    '| pool | trials (everyone + one) | watchlist silence reported when everyone stopped | falsely reported when one stopped | the one stopped person called silent |',
    '|---|---|---|---|---|',
    ...wideRows,
    '',
    'Reproduce: `node --import tsx eval/watch/run.ts` (prints this section) or `npm run eval` (writes eval/RESULTS.md).',
    '',
  ].join('\n');
  return md;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runWatchEval().then((md) => process.stdout.write(md));
}
