import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { FolderBlobStore } from '../../src/evidence/folder-blob-store.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { buildServer, type ServerOptions } from '../../src/server/app.ts';
import { addUser, createToken } from '../../src/server/auth/accounts.ts';
import type { App } from '../../src/server/context.ts';
import type { Store } from '../../src/store/contract.ts';
import type { StoreFactory } from '../helpers/stores.ts';

export const PASSWORDS = { admin: 'admin-password-1', analyst: 'analyst-password-1', viewer: 'viewer-password-1' };

export interface Harness {
  app: App;
  store: Store;
  blobs: FolderBlobStore;
  dir: string;
  tokens: { admin: string; analyst: string; viewer: string };
  setupToken?: string;
  logs: string[];
  close(): Promise<void>;
}

export function capture(lines: string[]): DestinationStream {
  return { write: (s: string) => void lines.push(s) };
}

/** A server over a fresh SQLite store in a temp folder, with one user per role unless `empty`. */
export async function harness(
  opts: { empty?: boolean; server?: Partial<ServerOptions>; now?: () => Date; factory?: StoreFactory } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-server-'));
  const made = opts.factory ? await opts.factory() : undefined;
  const store = made?.store ?? (await openVigilStore({ dataDir: dir }));
  const blobs = new FolderBlobStore(join(dir, 'blobs'));
  const tokens = { admin: '', analyst: '', viewer: '' };
  if (!opts.empty) {
    for (const role of ['admin', 'analyst', 'viewer'] as const) {
      await addUser(store, { username: role, role, password: PASSWORDS[role] }, 'test');
      tokens[role] = (await createToken(store, role, 'test')).token;
    }
  }
  const logs: string[] = [];
  let setupToken: string | undefined;
  const app = await buildServer({
    store,
    blobs,
    dataDir: dir,
    webRoot: false,
    log: { level: 'debug', stream: capture(logs) },
    now: opts.now,
    onSetupToken: (t) => {
      setupToken = t;
    },
    ...opts.server,
  });
  return {
    app,
    store,
    blobs,
    dir,
    tokens,
    setupToken,
    logs,
    async close() {
      await app.close();
      if (made) await made.dispose();
      else await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** Sign in with a password; returns the cookie header and CSRF token a browser would hold. */
export async function login(app: App, username: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'vigil_session');
  return {
    cookie: `vigil_session=${cookie!.value}`,
    csrf: res.json().csrf as string,
    setCookie: res.headers['set-cookie'],
  };
}

export function jsonl(...messages: object[]): string {
  return `${messages.map((m) => JSON.stringify(m)).join('\n')}\n`;
}

export function minimal(id: string, text: string, over: Record<string, unknown> = {}) {
  return {
    platform: 'twitter',
    id,
    author: { id: `acct-${id}`, handle: `user${id}` },
    postedAt: `2016-12-13T1${Number(id) % 10}:00:00+02:00`,
    text,
    ...over,
  };
}
