import { arabicLightStem, normalizeArabic } from '../../core/arabic-normalize.ts';
import {
  type CasualtyKind,
  COMBATANT_WORDS,
  DUAL_WORDS,
  FILLERS,
  GROUP_WORDS,
  INCLUDING,
  KIND_NOUNS,
  KIND_TRIGGERS,
  MONTHS,
  NOT_CASUALTY_NEXT,
  OTHER_FATES,
  type VictimGroup,
} from './casualty-lexicon.ts';
import { parseNumberAt } from './numbers.ts';

export type { CasualtyKind, VictimGroup };

export interface Casualty {
  kind: CasualtyKind;
  count: number;
  group?: VictimGroup;
}

const TOKEN_RE = /\d{1,3}(?:,\d{3})+(?!\d)|\d+|[\p{L}\p{M}]+|[.!?؟\n;]/gu;
const BOUNDARY = new Set(['.', '!', '?', '؟', '\n', ';']);
const WINDOW = 7;
const OTHER_FATES_LEX: Record<string, true> = Object.fromEntries([...OTHER_FATES].map((w) => [w, true]));

/** Every word that can start a casualty figure's reading (a kind trigger or a dual noun), for the quick test. */
const ANY_TRIGGER = new Set([...Object.keys(KIND_TRIGGERS), ...Object.keys(DUAL_WORDS)]);

/** Whether any token, or its light stem, is a kind trigger or a dual noun: what most texts lack. */
function hasTrigger(tokens: string[]): boolean {
  for (const t of tokens) {
    if (ANY_TRIGGER.has(t)) return true;
    const s = arabicLightStem(t);
    if (s !== t && ANY_TRIGGER.has(s)) return true;
  }
  return false;
}

function lookup<T>(lex: Record<string, T>, t: string): T | undefined {
  if (Object.hasOwn(lex, t)) return lex[t];
  const s = arabicLightStem(t);
  return s !== t && Object.hasOwn(lex, s) ? lex[s] : undefined;
}

interface Mention extends Omit<Casualty, 'kind'> {
  /** Unknown for a head figure whose verb comes after its list ("82 people including 11 women ... were killed"). */
  kind?: CasualtyKind;
  start: number;
  end: number;
  kindFromNoun: boolean;
  inList: boolean;
}

function nearestKind(tokens: string[], start: number, end: number): CasualtyKind | undefined {
  let fwdOpen = true;
  let backOpen = true;
  for (let d = 1; d <= WINDOW; d++) {
    const b = start - d;
    if (backOpen && b >= 0) {
      if (BOUNDARY.has(tokens[b]) || lookup(OTHER_FATES_LEX, tokens[b])) backOpen = false;
      else {
        const k = lookup(KIND_TRIGGERS, tokens[b]);
        if (k) return k;
      }
    }
    const f = end - 1 + d;
    if (fwdOpen && f < tokens.length) {
      if (BOUNDARY.has(tokens[f]) || lookup(OTHER_FATES_LEX, tokens[f])) fwdOpen = false;
      else {
        const k = lookup(KIND_TRIGGERS, tokens[f]);
        if (k) return k;
      }
    }
  }
  return undefined;
}

function precededByTrigger(tokens: string[], i: number): boolean {
  for (let b = i - 1; b >= Math.max(0, i - 3); b--) {
    if (BOUNDARY.has(tokens[b])) return false;
    if (lookup(KIND_TRIGGERS, tokens[b])) return true;
  }
  return false;
}

/**
 * Casualty figures in an Arabic or English text: "killing at least 82 people including 11 women
 * and 13 children", "استشهاد ٣٠ مدنياً بينهم ٧ أطفال". Figures inside an "including/بينهم" list take
 * the kind of the figure they belong to.
 */
export function extractCasualties(text: string): Casualty[] {
  const tokens = normalizeArabic(text).match(TOKEN_RE) ?? [];
  if (!hasTrigger(tokens)) return [];
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let count: number | undefined;
    let next = i + 1;
    let group: VictimGroup | undefined;
    let kind: CasualtyKind | undefined;
    const dual = lookup(DUAL_WORDS, tokens[i]);
    if (dual) {
      count = 2;
      group = dual.group;
      kind = dual.kind;
    } else {
      const n = parseNumberAt(tokens, i);
      if (n) {
        count = n.value;
        next = i + n.length;
      } else if (
        (tokens[i] === 'a' || tokens[i] === 'an' || tokens[i] === 'one') &&
        lookup(GROUP_WORDS, tokens[i + 1] ?? '')
      ) {
        count = 1;
      } else if (i > 0 && lookup(KIND_TRIGGERS, tokens[i - 1]) && /^[\u0600-\u06ff]/.test(tokens[i])) {
        // "استشهاد طفل": a singular victim noun right after the trigger
        const g = lookup(GROUP_WORDS, tokens[i]);
        if (g && !/(ال|ين|ون|اء|ات)$/.test(tokens[i]) && !['اطفال', 'نساء'].includes(arabicLightStem(tokens[i]))) {
          count = 1;
          next = i;
        }
      }
    }
    if (count === undefined || count <= 0 || count > 100000) continue;
    if (NOT_CASUALTY_NEXT.has(tokens[next] ?? '')) continue;
    if (MONTHS.has(tokens[next] ?? '') || MONTHS.has(tokens[i - 1] ?? '')) continue;
    if (count >= 1990 && count <= 2035 && !lookup(GROUP_WORDS, tokens[next] ?? '')) continue;
    // "five pro-regime forces", "12 Al-Qaeda-linked fighters": combatants within a few words
    let combatantAhead = false;
    for (let j2 = next; j2 < Math.min(tokens.length, next + 4) && !BOUNDARY.has(tokens[j2]); j2++) {
      if (COMBATANT_WORDS.has(tokens[j2]) || COMBATANT_WORDS.has(arabicLightStem(tokens[j2]))) combatantAhead = true;
      if (lookup(GROUP_WORDS, tokens[j2])) break;
    }
    if (combatantAhead) continue;
    let kindFromNoun = kind !== undefined;
    let inList = false;
    let combatant = false;
    let j = next;
    for (let steps = 0; j < tokens.length && steps < 4; steps++, j++) {
      const t = tokens[j];
      if (COMBATANT_WORDS.has(t) || COMBATANT_WORDS.has(arabicLightStem(t))) {
        combatant = true;
        break;
      }
      if (j > next && /^و[\u0600-\u06ff]{3,}/.test(t) && !Object.hasOwn(GROUP_WORDS, t)) break;
      const g = lookup(GROUP_WORDS, t);
      const k = lookup(KIND_NOUNS, t);
      if (g && !group) group = g;
      else if (k && !kind) {
        kind = k;
        kindFromNoun = true;
      } else if (!FILLERS.has(t) && !(g && group)) break;
    }
    if (combatant || (!group && !kind && !precededByTrigger(tokens, i))) continue;
    // "including 11 women": inherit from the figure this one is part of
    const prev = mentions[mentions.length - 1];
    if (!kindFromNoun && prev) {
      const between = tokens.slice(prev.end, i);
      const including = between.some((t) => INCLUDING.has(t) || INCLUDING.has(arabicLightStem(t)));
      const listed = prev.inList && between.every((t) => t === 'and' || t === 'و');
      if (!between.some((t) => BOUNDARY.has(t)) && (including || listed)) {
        kind = prev.kind;
        inList = true;
      }
    }
    kind ??= nearestKind(tokens, i, Math.max(j, next, i + 1));
    const end = Math.max(j, next);
    const listFollows = tokens.slice(end, end + 3).some((t) => INCLUDING.has(t) || INCLUDING.has(arabicLightStem(t)));
    if (!kind && !(group && listFollows)) continue;
    if (kind && inList) {
      // the head figure and its earlier list members take the kind the list found after it
      for (let m = mentions.length - 1; m >= 0 && !mentions[m].kind; m--) {
        mentions[m].kind = kind;
        if (!mentions[m].inList) break;
      }
    }
    mentions.push({ kind, count, group, start: i, end, kindFromNoun, inList });
    i = Math.max(i, next - 1);
  }
  const seen = new Set<string>();
  const out: Casualty[] = [];
  for (const m of mentions) {
    if (!m.kind) continue;
    const key = `${m.kind}|${m.count}|${m.group ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m.group ? { kind: m.kind, count: m.count, group: m.group } : { kind: m.kind, count: m.count });
  }
  return out;
}
