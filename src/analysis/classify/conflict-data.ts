import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ImportError } from '../../core/errors.ts';
import { Category } from '../taxonomy.ts';

/**
 * One message of the team's own conflict data (models/data/conflict/train-*.jsonl for training,
 * eval/conflict/{dev,test}.jsonl for evaluation): a primary category, the other categories it also
 * carries, its language and variety, and who speaks.
 */
export const ConflictItem = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  label: Category,
  also: z.array(Category).default([]),
  lang: z.enum(['en', 'ar']),
  variety: z.enum(['en', 'msa', 'levantine', 'arabizi']),
  speaker: z.string().optional(),
});
export type ConflictItem = z.infer<typeof ConflictItem>;

/** A JSONL file of ConflictItems; a bad line is an ImportError naming the file and line. */
export function readConflictFile(file: string): ConflictItem[] {
  const out: ConflictItem[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      throw new ImportError(`not JSON: ${(e as Error).message}`, file, `line ${i + 1}`, line);
    }
    const r = ConflictItem.safeParse(raw);
    if (!r.success)
      throw new ImportError(
        r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
        file,
        `line ${i + 1}`,
        raw,
      );
    out.push(r.data);
  }
  return out;
}

/** The names of every train-*.jsonl in a folder but the `exclude`d ones, in name order (none when it is absent). */
export function conflictTrainingFiles(dir: string, exclude: readonly string[] = []): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^train-.*\.jsonl$/.test(f) && !exclude.includes(f))
    .sort();
}

/** Every train-*.jsonl in a folder but the `exclude`d file names, in name order (none when the folder is absent). */
export function readConflictTraining(dir: string, exclude: readonly string[] = []): ConflictItem[] {
  return conflictTrainingFiles(dir, exclude).flatMap((f) => readConflictFile(join(dir, f)));
}
