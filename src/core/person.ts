import { z } from 'zod';
import { UsageError } from './errors.ts';
import { sha256Hex } from './hash.ts';

/** PFIF 1.4 note status vocabulary (http://zesty.ca/pfif/1.4). */
export const PfifStatus = z.enum([
  'information_sought',
  'is_note_author',
  'believed_alive',
  'believed_missing',
  'believed_dead',
]);
export type PfifStatus = z.infer<typeof PfifStatus>;

export const Account = z.object({
  platform: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  /** Handle or account id as the platform shows it, without a leading @. */
  handle: z.string().min(1),
});
export type Account = z.infer<typeof Account>;

export const Person = z.object({
  id: z.string().regex(/^p-[0-9a-f]{12}$/),
  name: z.string().min(1),
  nameAr: z.string().optional(),
  accounts: z.array(Account).min(1),
  /** A place name as given; `areaKey` when it resolved against the gazetteer. */
  area: z.string().optional(),
  areaKey: z.string().optional(),
  tags: z.array(z.string()).default([]),
});
export type Person = z.infer<typeof Person>;

export const PERSON_ADDED = 'person.added';
export const PersonAddedPayload = z.object({ person: Person });
export type PersonAddedPayload = z.infer<typeof PersonAddedPayload>;

/** A later version of the record; the earlier one stays in the ledger. */
export const PERSON_UPDATED = 'person.updated';
export const PersonUpdatedPayload = z.object({ person: Person });

export const PERSON_NOTED = 'person.noted';
export const Note = z.object({
  id: z.string().regex(/^n-[0-9a-f]{16}$/),
  personId: z.string(),
  status: PfifStatus.optional(),
  /** PFIF author_made_contact: the note's author has heard from the person directly. */
  authorMadeContact: z.boolean().optional(),
  text: z.string(),
  /** A user name, or "system" for notes Vigil writes (a silence, with its evidence). */
  author: z.string().min(1),
  at: z.string(),
  /** The note this one supersedes; notes are never edited. */
  supersedes: z.string().optional(),
  /** Machine evidence behind a system note (gap figures, message ids). */
  evidence: z.record(z.string(), z.unknown()).optional(),
});
export type Note = z.infer<typeof Note>;
export const PersonNotedPayload = z.object({ note: Note });
export type PersonNotedPayload = z.infer<typeof PersonNotedPayload>;

export function parseAccount(s: string): Account {
  const m = /^([a-zA-Z][a-zA-Z0-9_-]*):@?(\S+)$/.exec(s.trim());
  if (!m) throw new UsageError(`expected platform:handle, got "${s}"`, s);
  return { platform: m[1].toLowerCase(), handle: m[2] };
}

export function formatAccount(a: Account): string {
  return `${a.platform}:${a.handle}`;
}

/** Same account, whatever the case and the @. */
export function accountKey(platform: string, handle: string): string {
  return `${platform.toLowerCase()}:${handle.replace(/^@/, '').toLowerCase()}`;
}

export function personId(name: string, accounts: readonly Account[]): string {
  const basis = [name.trim(), ...accounts.map((a) => accountKey(a.platform, a.handle)).sort()].join('\n');
  return `p-${sha256Hex(basis).slice(0, 12)}`;
}

export function noteId(personId: string, at: string, author: string, text: string): string {
  return `n-${sha256Hex(`${personId}\n${at}\n${author}\n${text}`).slice(0, 16)}`;
}
