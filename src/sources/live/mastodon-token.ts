import { UsageError } from '../../core/errors.ts';

/**
 * The access token Vigil may send to one Mastodon instance, from VIGIL_MASTODON_TOKEN written as
 * `instance=token[,instance=token…]`. A token is issued by one instance and grants access to an account
 * there; sent to another instance it would hand that server the newsroom's credential. So every token
 * names its instance, and a bare token is refused rather than sent everywhere.
 */
export function mastodonTokenFor(env: Record<string, string | undefined>, instance: string): string | undefined {
  const spec = env.VIGIL_MASTODON_TOKEN?.trim();
  if (!spec) return undefined;
  const want = instance.toLowerCase();
  for (const part of spec.split(',')) {
    const entry = part.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1)
      throw new UsageError(
        'VIGIL_MASTODON_TOKEN: write each token with the instance that issued it, instance=token (comma-separated for several); a bare token is not sent to every instance',
      );
    if (entry.slice(0, eq).trim().toLowerCase() === want) return entry.slice(eq + 1).trim();
  }
  return undefined;
}
