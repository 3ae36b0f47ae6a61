import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { NotFoundError, UsageError, VigilError } from '../core/errors.ts';
import { rawPublicKey, verifierKey } from './signed-note.ts';

/** The installation's checkpoint signing key: Ed25519, outside the data folder, readable by its owner only. */
export interface SigningKey {
  name: string;
  privateKey: KeyObject;
  publicKey: Buffer;
  verifierKey: string;
  path: string;
}

export class KeyPermissionError extends VigilError {}

const KEY_FILE = 'checkpoint-ed25519.pem';
const NAME_FILE = 'checkpoint-key-name';

/** $VIGIL_KEY_DIR, else ~/.config/vigil. */
export function keyDir(): string {
  return resolve(process.env.VIGIL_KEY_DIR || join(homedir(), '.config', 'vigil'));
}

export function defaultKeyName(): string {
  return `vigil.local/${hostname().replace(/[^\w.-]+/g, '-') || 'host'}`;
}

function inside(dir: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
}

/** Make the key; refuses to overwrite one (a new key would orphan every checkpoint signed so far). */
export async function initKey(opts: { dir?: string; name?: string; dataDir?: string }): Promise<SigningKey> {
  const dir = resolve(opts.dir ?? keyDir());
  if (opts.dataDir && inside(dir, opts.dataDir))
    throw new UsageError(
      `the key folder ${dir} is inside the data folder ${opts.dataDir}; keep the key apart from the data it signs`,
    );
  const name = opts.name ?? defaultKeyName();
  if (!/^[^\s+]+$/.test(name)) throw new UsageError(`--name may not hold spaces or +: ${name}`, name);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  try {
    await writeFile(join(dir, KEY_FILE), pem, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`a checkpoint key already exists in ${dir}; Vigil never replaces it`);
    throw err;
  }
  await writeFile(join(dir, NAME_FILE), `${name}\n`, { mode: 0o600 });
  return loadKey(dir);
}

export async function loadKey(dir = keyDir()): Promise<SigningKey> {
  const path = join(dir, KEY_FILE);
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch {
    throw new NotFoundError(`no checkpoint key in ${dir}: run \`vigil keys init\` (or set VIGIL_KEY_DIR)`, dir);
  }
  if ((st.mode & 0o077) !== 0)
    throw new KeyPermissionError(
      `${path} can be read by others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it before Vigil signs with it`,
      path,
    );
  const privateKey = createPrivateKey(await readFile(path, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new VigilError(`${path} is not an Ed25519 key`, path);
  const name = (await readFile(join(dir, NAME_FILE), 'utf8')).trim();
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { name, privateKey, publicKey, verifierKey: verifierKey(name, publicKey), path };
}
