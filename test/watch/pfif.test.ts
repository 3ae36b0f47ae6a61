import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Note, Person } from '../../src/core/person.ts';
import { PFIF_NS, pfifDate, profileUrl, toPfifXml } from '../../src/watch/pfif.ts';

const lamis: Person = {
  id: 'p-00000000abcd',
  name: 'Lamis Haj Ali',
  nameAr: 'لميس حاج علي',
  accounts: [
    { platform: 'twitter', handle: 'LamisHA' },
    { platform: 'mastodon', handle: 'lamis@mastodon.social' },
    { platform: 'whatsapp', handle: 'lamis-ha' },
  ],
  area: 'Al-Mashhad',
  tags: ['teacher', '<b>&'],
};
const notes: Note[] = [
  {
    id: 'n-0000000000000001',
    personId: lamis.id,
    status: 'information_sought',
    text: 'Her brother asks for news.',
    author: 'cli:desk',
    at: '2016-12-13T20:00:00.000Z',
  },
  {
    id: 'n-0000000000000002',
    personId: lamis.id,
    status: 'believed_alive',
    authorMadeContact: true,
    text: 'She called me: safe in a basement.',
    author: 'cli:desk',
    at: '2016-12-14T09:30:15.123Z',
    supersedes: 'n-0000000000000001',
  },
  {
    id: 'n-0000000000000003',
    personId: lamis.id,
    text: 'Vigil: no posts since ...',
    author: 'system',
    at: '2016-12-14T08:00:00.000Z',
  },
];

/** Child element names of the first <pfif:tag> block, in order. */
function childNames(xml: string, tag: string): string[] {
  const block = new RegExp(`<pfif:${tag}>([\\s\\S]*?)</pfif:${tag}>`).exec(xml)?.[1] ?? '';
  const inner = tag === 'person' ? block.replace(/<pfif:note>[\s\S]*?<\/pfif:note>/g, '') : block;
  return [...inner.matchAll(/<pfif:([a-z_]+)>/g)].map((m) => m[1]);
}

describe('PFIF 1.4 export', () => {
  const xml = toPfifXml([lamis], notes, { domain: 'vigil.example.org', at: '2016-12-15T00:00:00.000Z' });

  it('uses the PFIF 1.4 namespace and root element', () => {
    assert.equal(PFIF_NS, 'http://zesty.ca/pfif/1.4');
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<pfif:pfif xmlns:pfif="http:\/\/zesty.ca\/pfif\/1.4">/,
    );
    assert.match(xml, /<\/pfif:pfif>\n$/);
  });

  it('writes person fields in PFIF 1.4 order with the required ones', () => {
    const order = [
      'person_record_id',
      'entry_date',
      'expiry_date',
      'author_name',
      'author_email',
      'author_phone',
      'source_name',
      'source_date',
      'source_url',
      'full_name',
      'given_name',
      'family_name',
      'alternate_names',
      'description',
      'sex',
      'date_of_birth',
      'age',
      'home_street',
      'home_neighborhood',
      'home_city',
      'home_state',
      'home_postal_code',
      'home_country',
      'photo_url',
      'profile_urls',
    ];
    const got = childNames(xml, 'person');
    for (const required of ['person_record_id', 'source_date', 'full_name'])
      assert.ok(got.includes(required), required);
    const positions = got.map((n) => order.indexOf(n));
    assert.ok(
      positions.every((p) => p >= 0),
      `unknown element in ${got}`,
    );
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
    assert.match(xml, /<pfif:person_record_id>vigil.example.org\/p-00000000abcd<\/pfif:person_record_id>/);
    assert.match(xml, /<pfif:alternate_names>لميس حاج علي<\/pfif:alternate_names>/);
    assert.match(
      xml,
      /<pfif:profile_urls>https:\/\/twitter.com\/LamisHA\nhttps:\/\/mastodon.social\/@lamis<\/pfif:profile_urls>/,
    );
  });

  it('writes notes in PFIF 1.4 order with status vocabulary, author_made_contact and UTC second dates', () => {
    const order = [
      'note_record_id',
      'person_record_id',
      'linked_person_record_id',
      'entry_date',
      'author_name',
      'author_email',
      'author_phone',
      'source_date',
      'author_made_contact',
      'status',
      'email_of_found_person',
      'phone_of_found_person',
      'last_known_location',
      'text',
      'photo_url',
    ];
    const all = [...xml.matchAll(/<pfif:note>[\s\S]*?<\/pfif:note>/g)].map((m) => m[0]);
    assert.equal(all.length, 3);
    const noteBlocks = notes.map((n) => all.find((b) => b.includes(`/${n.id}</pfif:note_record_id>`)) ?? '');
    for (const b of noteBlocks) {
      const names = [...b.matchAll(/<pfif:([a-z_]+)>/g)].map((m) => m[1]).filter((n) => n !== 'note');
      const pos = names.map((n) => order.indexOf(n));
      assert.ok(pos.every((p) => p >= 0));
      assert.deepEqual(
        pos,
        [...pos].sort((a, b) => a - b),
      );
    }
    assert.match(noteBlocks[0], /<pfif:status>information_sought<\/pfif:status>/);
    assert.match(
      noteBlocks[1],
      /<pfif:author_made_contact>true<\/pfif:author_made_contact>\n\s*<pfif:status>believed_alive<\/pfif:status>/,
    );
    assert.match(noteBlocks[1], /<pfif:entry_date>2016-12-14T09:30:15Z<\/pfif:entry_date>/);
    assert.match(noteBlocks[1], /supersedes note vigil.example.org\/n-0000000000000001/);
    assert.match(noteBlocks[2], /<pfif:author_name>Vigil \(automatic\)<\/pfif:author_name>/);
    assert.doesNotMatch(noteBlocks[2], /<pfif:status>/);
  });

  it('escapes markup in text', () => {
    assert.match(xml, /Tags: teacher, &lt;b&gt;&amp;/);
    assert.doesNotMatch(xml, /<b>/);
  });

  it('helpers', () => {
    assert.equal(pfifDate('2016-12-13T14:02:00+02:00'), '2016-12-13T12:02:00Z');
    assert.equal(profileUrl({ platform: 'telegram', handle: '@omar' }), 'https://t.me/omar');
    assert.equal(profileUrl({ platform: 'whatsapp', handle: 'x' }), undefined);
  });
});
