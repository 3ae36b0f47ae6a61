import type { BlobStore } from '../evidence/blob-store.ts';
import type { JobQueue } from '../pipeline/jobs/queue.ts';
import type { Store } from '../store/contract.ts';
import { countUsers } from '../store/queries/users.ts';
import { buildServer } from './app.ts';
import { ensureWebBuilt } from './build-web.ts';
import type { App } from './context.ts';

export interface StartOptions {
  store: Store;
  blobs: BlobStore;
  /** The data folder, for local caches (the digest's translations). */
  dataDir?: string;
  port?: number;
  host?: string;
  /** Mark cookies Secure: set when Vigil is reached over HTTPS (directly or behind a proxy). */
  secureCookies?: boolean;
  /** Where people-facing lines go (the URL, the setup token); never the logger. */
  say?: (line: string) => void;
  /** Extra lines on how to sign in, e.g. the demo's accounts. */
  loginHint?: string;
  jobs?: JobQueue;
}

/** Build the dashboard if needed, start the server, and tell the person at the terminal how to get in. */
export async function startServer(opts: StartOptions): Promise<{ app: App; url: string }> {
  const say = opts.say ?? ((s: string) => process.stderr.write(`${s}\n`));
  const webRoot = await ensureWebBuilt({ log: say });
  let setupToken: string | undefined;
  const app = await buildServer({
    store: opts.store,
    blobs: opts.blobs,
    dataDir: opts.dataDir,
    webRoot,
    secureCookies: opts.secureCookies,
    jobs: opts.jobs,
    log: { level: process.env.VIGIL_LOG_LEVEL ?? 'warn' },
    onSetupToken: (t) => {
      setupToken = t;
    },
  });
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 8080 });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${(app.server.address() as { port: number }).port}/`;
  say(`Vigil is serving ${opts.store.location} at ${url}`);
  if (setupToken) {
    say('No users yet. Create the first admin: open');
    say(`  ${url}#/setup`);
    say(`and enter this one-time setup token (it is shown only here, and only until it is used):`);
    say(`  ${setupToken}`);
    say('Or from a shell: vigil users add <name> --role admin --password-stdin');
  } else if (opts.loginHint) {
    say(opts.loginHint);
  } else {
    const n = await countUsers(opts.store.db);
    say(
      `Sign in at ${url} with one of the ${n} user(s) (vigil users list; vigil users add <name> --role analyst --password-stdin).`,
    );
  }
  say(`API docs: ${url}api/docs   OpenAPI: ${url}api/openapi.json   Stop: Ctrl-C`);
  return { app, url };
}
