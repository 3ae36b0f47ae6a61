import type { Rng } from './prng.ts';

const TWITTER_EPOCH = 1288834974657n;
const BASE32_SORT = '234567abcdefghijklmnopqrstuvwxyz';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789ABCDEF';

/**
 * Mints native message ids shaped like each platform's (Twitter snowflakes, Telegram per-channel
 * counters, WhatsApp key ids, Bluesky TIDs...), unique within one generated scenario.
 */
export class IdMinter {
  private readonly counters = new Map<string, number>();
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  mint(platform: string, handle: string, ms: number): string {
    for (;;) {
      const id = this.candidate(platform, handle, ms);
      const key = `${platform}\u0000${handle}\u0000${id}`;
      if (!this.used.has(key)) {
        this.used.add(key);
        return id;
      }
    }
  }

  private candidate(platform: string, handle: string, ms: number): string {
    const rng = this.rng;
    switch (platform) {
      case 'twitter':
        return ((BigInt(ms) - TWITTER_EPOCH) * 4194304n + BigInt(rng.int(0, 4194303))).toString();
      case 'mastodon':
        return (BigInt(ms) * 65536n + BigInt(rng.int(0, 65535))).toString();
      case 'bluesky': {
        let v = BigInt(ms) * 1000n * 1024n + BigInt(rng.int(0, 1_023_999));
        let out = '';
        for (let i = 0; i < 13; i++) {
          out = BASE32_SORT[Number(v % 32n)] + out;
          v /= 32n;
        }
        return out;
      }
      case 'telegram':
        return String(
          this.next(
            `telegram:${handle}`,
            () => rng.int(300, 4000),
            () => rng.int(1, 3),
          ),
        );
      case 'facebook': {
        const page = this.next(
          `fbpage:${handle}`,
          () => rng.int(100_000_000, 999_999_999),
          () => 0,
        );
        const post = this.next(
          `facebook:${handle}`,
          () => rng.int(1_000_000, 9_000_000),
          () => rng.int(1, 40),
        );
        return `100${page}_10154${post}`;
      }
      case 'whatsapp':
        return `3EB0${Array.from({ length: 16 }, () => HEX[rng.int(0, 15)]).join('')}`;
      default:
        return Array.from({ length: 13 }, () => ALNUM[rng.int(0, ALNUM.length - 1)]).join('');
    }
  }

  private next(key: string, first: () => number, step: () => number): number {
    const current = this.counters.get(key);
    const value = current === undefined ? first() : current + step();
    this.counters.set(key, value);
    return value;
  }
}

/** Demo URLs live under the reserved .invalid domain so nobody mistakes them for real posts. */
export function demoUrl(platform: string, handle: string, id: string): string | undefined {
  if (platform === 'whatsapp') return undefined;
  return `https://demo.invalid/${platform}/${encodeURIComponent(handle)}/${id}`;
}
