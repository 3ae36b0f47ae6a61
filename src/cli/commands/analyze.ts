import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AnalyzeInput } from '../../analysis/analysis-schema.ts';
import { analyzeMessage, prepareAnalysis } from '../../analysis/analyze.ts';
import type { Analysis } from '../../core/analysis.ts';
import { printJson } from '../context.ts';
import { showSections } from './show.ts';
import { triageShowSection } from './triage-show.ts';

showSections.push(triageShowSection);

function human(a: Analysis, text: string): string {
  const figures = a.casualties.map((c) => `${c.kind} ${c.count}${c.group ? ` ${c.group}` : ''}`).join(', ');
  return [
    `${a.category} (${a.confidence.toFixed(2)})  lang ${a.language}  urgency ${a.flags.urgency.toFixed(2)}${a.flags.eyewitness ? '  eyewitness' : ''}`,
    `  ${text.replace(/\s+/g, ' ').slice(0, 160)}`,
    figures ? `  casualties ${figures}` : '',
    a.places.length ? `  places     ${a.places.map((p) => p.name).join(', ')}` : '',
    a.dates.length ? `  dates      ${a.dates.map((d) => `${d.text} = ${d.start}`).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('triage text: language, category, flags, casualty figures, places, dates (no store needed)')
    .argument('[text...]', 'the text; without it, JSONL messages ({"text", "lang"?, "postedAt"?}) are read from stdin')
    .option('--posted-at <iso>', 'when the text was posted (resolves "yesterday", "امس")')
    .option(
      '--json',
      'one JSON object per message: {language, category, confidence, flags, casualties, places, dates, modelVersion}',
    )
    .action(async (words: string[], opts) => {
      await prepareAnalysis();
      const emit = (input: AnalyzeInput) => {
        const a = analyzeMessage(input);
        if (opts.json) printJson(a);
        else process.stdout.write(`${human(a, input.text)}\n`);
      };
      if (words.length) {
        emit({ text: words.join(' '), postedAt: opts.postedAt });
        return;
      }
      let line = 0;
      let failed = 0;
      for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        line++;
        if (!raw.trim()) continue;
        try {
          const parsed = AnalyzeInput.passthrough().parse(JSON.parse(raw));
          emit({ text: parsed.text, lang: parsed.lang, postedAt: parsed.postedAt ?? opts.postedAt });
        } catch (err) {
          failed++;
          process.stderr.write(`vigil analyze: stdin line ${line}: ${(err as Error).message.split('\n')[0]}\n`);
        }
      }
      if (failed) process.exitCode = 1;
    });
}
