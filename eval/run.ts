import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runTriageEval, sectionMarkdown } from './triage/run.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The watch evaluation is another part's; run it when present and take its markdown. */
async function watchSection(): Promise<string | undefined> {
  const p = join(HERE, 'watch', 'run.ts');
  if (!existsSync(p)) return undefined;
  const mod = (await import(pathToFileURL(p).href)) as Record<string, unknown>;
  const fn = (mod.runWatchEval ?? mod.run ?? mod.default) as (() => unknown) | undefined;
  if (typeof fn !== 'function') return `## Watch\n\neval/watch/run.ts exports no runWatchEval/run/default.\n`;
  const res = await fn();
  if (typeof res === 'string') return res;
  if (res && typeof res === 'object' && 'markdown' in res) return String((res as { markdown: unknown }).markdown);
  return `## Watch\n\n\`\`\`json\n${JSON.stringify(res, null, 2)}\n\`\`\`\n`;
}

const t0 = Date.now();
// The conflict test set is scored once, at the end: only when asked (npm run eval -- --conflict-test).
const triage = runTriageEval({ conflictTest: process.argv.includes('--conflict-test') });
const parts = [sectionMarkdown(triage)];
const experiments = join(HERE, 'triage', 'EXPERIMENTS.md');
if (existsSync(experiments)) parts.push(readFileSync(experiments, 'utf8'));
if (!triage.skipped)
  console.table(triage.rows.map((r) => ({ ...r, value: +r.value.toFixed(3), target: r.target ?? '' })));
else console.log(`triage: skipped (${triage.skipped})`);
const watch = await watchSection();
if (watch) {
  parts.push(watch);
  console.log(watch);
}
const md = `# Evaluation results\n\nWritten by \`npm run eval\` (eval/run.ts) on ${new Date().toISOString().slice(0, 10)} in ${((Date.now() - t0) / 1000).toFixed(0)} s.\n\n${parts.join('\n')}`;
writeFileSync(join(HERE, 'RESULTS.md'), md);
console.log(`wrote ${join(HERE, 'RESULTS.md')}`);
