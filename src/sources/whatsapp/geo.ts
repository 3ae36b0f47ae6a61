import type { Geo } from '../../core/message.ts';

const COORDS = String.raw`(-?\d{1,2}(?:\.\d+)?),\s?(-?\d{1,3}(?:\.\d+)?)`;
const PATTERNS = [
  new RegExp(`[?&](?:q|ll|query|daddr|sll)=(?:loc:)?${COORDS}`),
  new RegExp(`/@${COORDS}`),
  new RegExp(`^geo:${COORDS}`),
];

/** The map link and coordinates in a shared location ("location: https://maps.google.com/?q=36.2,37.1"). */
export function geoOf(text: string): Geo | undefined {
  const url = /(?:https?:\/\/|geo:)[^\s<>]+/i.exec(text)?.[0];
  if (!url) return undefined;
  for (const re of PATTERNS) {
    const m = re.exec(url.replace(/%2C/gi, ','));
    if (!m) continue;
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon, url };
  }
  return undefined;
}
