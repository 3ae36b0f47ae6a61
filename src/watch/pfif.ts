import type { Account, Note, Person } from '../core/person.ts';

/** PFIF 1.4 (http://zesty.ca/pfif/1.4): person records with their notes, for family-tracing registries. */
export const PFIF_NS = 'http://zesty.ca/pfif/1.4';

export interface PfifOptions {
  /** Record ids are "<domain>/<id>"; use a domain you control. */
  domain: string;
  /** When the export is made (entry_date of the person records). */
  at: string;
  sourceName?: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** PFIF dates are UTC with second precision: yyyy-mm-ddThh:mm:ssZ. */
export function pfifDate(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

/** A public profile URL for an account, when the platform has a stable form. */
export function profileUrl(a: Account): string | undefined {
  const h = encodeURIComponent(a.handle.replace(/^@/, ''));
  switch (a.platform) {
    case 'twitter':
      return `https://twitter.com/${h}`;
    case 'telegram':
      return `https://t.me/${h}`;
    case 'facebook':
      return `https://www.facebook.com/${h}`;
    case 'bluesky':
      return `https://bsky.app/profile/${h}`;
    case 'youtube':
      return `https://www.youtube.com/@${h}`;
    case 'mastodon': {
      const m = /^@?([^@]+)@(.+)$/.exec(a.handle);
      return m ? `https://${m[2]}/@${encodeURIComponent(m[1])}` : undefined;
    }
    default:
      return undefined;
  }
}

function el(indent: string, name: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : `${indent}<pfif:${name}>${esc(value)}</pfif:${name}>\n`;
}

function noteXml(n: Note, personRecordId: string, o: PfifOptions): string {
  const i = '      ';
  const text = n.supersedes ? `${n.text}\n(supersedes note ${o.domain}/${n.supersedes})` : n.text;
  return (
    '    <pfif:note>\n' +
    el(i, 'note_record_id', `${o.domain}/${n.id}`) +
    el(i, 'person_record_id', personRecordId) +
    el(i, 'entry_date', pfifDate(n.at)) +
    el(i, 'author_name', n.author === 'system' ? 'Vigil (automatic)' : n.author) +
    el(i, 'source_date', pfifDate(n.at)) +
    el(i, 'author_made_contact', n.authorMadeContact === undefined ? undefined : String(n.authorMadeContact)) +
    el(i, 'status', n.status) +
    el(i, 'text', text) +
    '    </pfif:note>\n'
  );
}

function personXml(p: Person, notes: readonly Note[], o: PfifOptions): string {
  const i = '    ';
  const id = `${o.domain}/${p.id}`;
  const urls = p.accounts.map(profileUrl).filter((u): u is string => u !== undefined);
  const accounts = p.accounts.map((a) => `${a.platform}:${a.handle}`).join(', ');
  const description = [`Accounts: ${accounts}`, p.tags.length ? `Tags: ${p.tags.join(', ')}` : '']
    .filter(Boolean)
    .join('\n');
  const mine = notes.filter((n) => n.personId === p.id).sort((a, b) => a.at.localeCompare(b.at));
  return (
    '  <pfif:person>\n' +
    el(i, 'person_record_id', id) +
    el(i, 'entry_date', pfifDate(o.at)) +
    el(i, 'author_name', o.sourceName ?? 'Vigil') +
    el(i, 'source_name', o.sourceName ?? 'Vigil') +
    el(i, 'source_date', pfifDate(o.at)) +
    el(i, 'full_name', p.name) +
    el(i, 'alternate_names', p.nameAr) +
    el(i, 'description', description) +
    el(i, 'home_neighborhood', p.area) +
    el(i, 'profile_urls', urls.join('\n')) +
    mine.map((n) => noteXml(n, id, o)).join('') +
    '  </pfif:person>\n'
  );
}

export function toPfifXml(people: readonly Person[], notes: readonly Note[], o: PfifOptions): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif xmlns:pfif="${PFIF_NS}">\n${people.map((p) => personXml(p, notes, o)).join('')}</pfif:pfif>\n`;
}
