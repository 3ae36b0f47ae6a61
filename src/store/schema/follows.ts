/** System tier: an account or feed live collection follows. `key` is `platform:handle` (lowercase) or `rss:<url>`. */
export interface FollowsTable {
  key: string;
  platform: string;
  /** Handle, channel name, DID or feed URL as given. */
  target: string;
  /** Where this follow's API answers, when not the platform's default (a test server, another AppView). */
  base_url: string | null;
  person_id: string | null;
  /** 1 when followed because a watched person lists the account. */
  auto: number;
  added_at: string;
  added_by: string;
}
