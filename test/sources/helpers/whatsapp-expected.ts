import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture } from './fixtures.ts';

/** What a fixture must import as, checked in beside it: per message its UTC time, author, exact text, kind and geo. */
export interface Expected {
  file: string;
  read: number;
  messages: {
    line: number;
    postedAt: string;
    author: string;
    text: string;
    kind: string | null;
    geo: { lat: number; lon: number; url?: string } | null;
  }[];
  events: { line: number; kind: string }[];
  rejected: { line: number; reason: string }[];
}

export const SHAPES = fixture('whatsapp', 'shapes');

export function expectedFixtures(): { name: string; path: string; expected: Expected }[] {
  return readdirSync(SHAPES)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const expected = JSON.parse(readFileSync(join(SHAPES, f), 'utf8')) as Expected;
      return { name: f.replace(/\.expected\.json$/, ''), path: join(SHAPES, expected.file), expected };
    });
}
