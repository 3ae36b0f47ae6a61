import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { VigilError } from '../core/errors.ts';

/** C2SP signed-note (https://c2sp.org/signed-note): a text, a blank line, then `— <name> <base64(key id || signature)>` lines. */
export class SignedNoteError extends VigilError {}

const ED25519 = 0x01;
const DASH = '\u2014';

/** The 4-byte key id: the first bytes of SHA-256(name || 0x0A || 0x01 || public key). */
export function keyId(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256').update(`${name}\n`).update(Buffer.of(ED25519)).update(publicKey).digest().subarray(0, 4);
}

/** Raw 32-byte Ed25519 public key of a Node key object. */
export function rawPublicKey(key: KeyObject): Buffer {
  const spki = key.export({ type: 'spki', format: 'der' });
  return Buffer.from(spki.subarray(spki.length - 32));
}

/** The verifier key string of the note ecosystem: `<name>+<hex key id>+<base64(0x01 || public key)>`. */
export function verifierKey(name: string, publicKey: Uint8Array): string {
  return `${name}+${keyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.of(ED25519), publicKey]).toString('base64')}`;
}

export interface VerifierKey {
  name: string;
  id: Buffer;
  publicKey: Buffer;
}

export function parseVerifierKey(s: string): VerifierKey {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(s.trim());
  if (!m) throw new SignedNoteError(`not a note verifier key: ${s}`, s);
  const raw = Buffer.from(m[3], 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new SignedNoteError(`not an Ed25519 verifier key: ${s}`, s);
  const publicKey = raw.subarray(1);
  const id = keyId(m[1], publicKey);
  if (id.toString('hex') !== m[2]) throw new SignedNoteError(`verifier key id does not match its key: ${s}`, s);
  return { name: m[1], id, publicKey };
}

function nodePublicKey(raw: Uint8Array): KeyObject {
  // SPKI prefix of an Ed25519 key (RFC 8410), then the 32 raw bytes.
  const prefix = Buffer.from('302a300506032b6570032100', 'hex');
  return createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' });
}

/** Sign a note text (non-empty lines, each ending in a newline) with an Ed25519 private key. */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  if (!text.endsWith('\n') || text.includes('\n\n')) throw new SignedNoteError('note text must be lines ending in \\n');
  if (/\s|\+/.test(name)) throw new SignedNoteError(`key name may not hold spaces or +: ${name}`, name);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const sig = sign(null, Buffer.from(text), privateKey);
  return `${text}\n${DASH} ${name} ${Buffer.concat([keyId(name, publicKey), sig]).toString('base64')}\n`;
}

export interface NoteSignature {
  name: string;
  id: Buffer;
  signature: Buffer;
}

export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  const at = note.lastIndexOf('\n\n');
  if (at < 0) throw new SignedNoteError('not a signed note: no blank line before the signatures');
  const text = note.slice(0, at + 1);
  const lines = note.slice(at + 2).split('\n');
  if (lines.pop() !== '') throw new SignedNoteError('not a signed note: the last signature line has no newline');
  const signatures = lines.map((l) => {
    const m = new RegExp(`^${DASH} (\\S+) ([A-Za-z0-9+/=]+)$`).exec(l);
    if (!m) throw new SignedNoteError(`not a signature line: ${l}`, l);
    const raw = Buffer.from(m[2], 'base64');
    if (raw.length < 5) throw new SignedNoteError(`signature too short: ${l}`, l);
    return { name: m[1], id: raw.subarray(0, 4), signature: raw.subarray(4) };
  });
  return { text, signatures };
}

/** The note's text when a signature by this key verifies; throws naming what is wrong otherwise. */
export function verifyNote(note: string, key: VerifierKey | string): string {
  const k = typeof key === 'string' ? parseVerifierKey(key) : key;
  const { text, signatures } = parseNote(note);
  const mine = signatures.filter((s) => s.name === k.name && s.id.equals(k.id));
  if (mine.length === 0) throw new SignedNoteError(`no signature by ${k.name}+${k.id.toString('hex')} on the note`);
  const pub = nodePublicKey(k.publicKey);
  if (!mine.some((s) => s.signature.length === 64 && verify(null, Buffer.from(text), pub, s.signature)))
    throw new SignedNoteError(`the signature by ${k.name} does not verify`);
  return text;
}
