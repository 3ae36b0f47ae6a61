import pg from 'pg';

/**
 * A pg pool whose `end()` resolves once every connection has really closed. pg-pool's own `end()`
 * resolves as soon as it has *asked* its idle clients to end, so a caller that then drops the
 * database or stops the server races connections that are still saying goodbye.
 */
const CLOSE_WAIT_MS = 5000;

export class PostgresPool extends pg.Pool {
  private readonly open = new Set<pg.PoolClient>();
  private allClosed: (() => void) | undefined;

  constructor(config: pg.PoolConfig) {
    super(config);
    this.on('connect', (client) => this.open.add(client));
    this.on('remove', (client) => {
      this.open.delete(client);
      if (this.open.size === 0) this.allClosed?.();
    });
  }

  /** The open connection served by this server process (`select pg_backend_pid()`), if it is this pool's. */
  clientByBackendPid(pid: number): pg.PoolClient | undefined {
    for (const c of this.open) if ((c as unknown as { processID: number | null }).processID === pid) return c;
    return undefined;
  }

  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | void {
    const closed =
      this.open.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            this.allClosed = resolve;
            // A connection that never reports its end must not hang shutdown.
            setTimeout(resolve, CLOSE_WAIT_MS).unref();
          });
    const done = super.end().then(() => closed);
    if (!callback) return done;
    void done.then(callback);
  }
}
