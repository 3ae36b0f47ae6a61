import { UsageError } from '../../core/errors.ts';
import { blueskySource } from './bluesky.ts';
import type { LiveSource } from './live-source.ts';
import { mastodonSource } from './mastodon.ts';
import { rssSource } from './rss.ts';
import { telegramPreviewSource } from './telegram-preview.ts';
import { xTimelineSource } from './x-timeline.ts';

/** Every live source by platform, one line each. */
export const liveSources: readonly LiveSource[] = [
  mastodonSource,
  blueskySource,
  rssSource,
  telegramPreviewSource,
  xTimelineSource,
];

const ALIASES: Record<string, string> = { atom: 'rss', feed: 'rss', x: 'twitter', bsky: 'bluesky' };

export function platformName(platform: string): string {
  const p = platform.toLowerCase();
  return ALIASES[p] ?? p;
}

export function liveSourceFor(platform: string): LiveSource | undefined {
  const p = platformName(platform);
  return liveSources.find((s) => s.platform === p);
}

/** `mastodon:alice@social.example`, `rss:https://…` -> the source and its normalized key and target. */
export function parseFollowSpec(spec: string): { source: LiveSource; key: string; target: string } {
  const m = /^([a-zA-Z]+):(.+)$/.exec(spec.trim());
  if (!m) throw new UsageError(`expected <platform>:<handle|url>, got "${spec}"`, spec);
  const source = liveSourceFor(m[1]);
  if (!source)
    throw new UsageError(
      `no live source for "${m[1]}"; live sources: ${liveSources.map((s) => s.platform).join(', ')}`,
      spec,
    );
  return { source, ...source.parseTarget(m[2]) };
}
