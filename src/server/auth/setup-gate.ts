import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/contract.ts';
import { countUsers, type User } from '../../store/queries/users.ts';
import { addUser } from './accounts.ts';
import { newSecret, SETUP_PREFIX } from './secrets.ts';

/**
 * First run: no users, no default password. The server makes a one-time setup token, shows it to
 * whoever started it (never through the logger), and the first admin is created by redeeming it.
 */
export class SetupGate {
  private token: string | undefined;

  constructor(private readonly store: Store) {}

  /** A fresh token when the store has no users yet, else undefined. */
  async open(): Promise<string | undefined> {
    if ((await countUsers(this.store.db)) > 0) return undefined;
    this.token = newSecret(SETUP_PREFIX, 18);
    return this.token;
  }

  /**
   * Asks the store each time: an admin added with `vigil users add` while the server runs closes the gate
   * at once, so the dashboard offers sign-in instead of a stale first-run form.
   */
  async isPending(): Promise<boolean> {
    if (this.token === undefined) return false;
    if ((await countUsers(this.store.db)) > 0) this.token = undefined;
    return this.token !== undefined;
  }

  matches(candidate: string): boolean {
    if (!this.token) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async redeem(candidate: string, username: string, password: string, at: Date): Promise<User | undefined> {
    if (!this.matches(candidate) || !(await this.isPending())) return undefined;
    const user = await addUser(this.store, { username, role: 'admin', password }, 'setup', at);
    this.token = undefined;
    return user;
  }
}
