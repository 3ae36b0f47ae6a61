import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DigestLang, PlaceCount } from './digest-model.ts';
import { digits, placeName } from './strings.ts';

/** The dashboard's own neighbourhood points (web/public/geo, made from the gazetteer): no tiles, nothing fetched. */
const GEOJSON = fileURLToPath(new URL('../../web/public/geo/aleppo-neighbourhoods.geojson', import.meta.url));

interface Point {
  name: string;
  nameAr?: string;
  lon: number;
  lat: number;
}

let points: Point[] | undefined;
export function neighbourhoodPoints(): Point[] {
  if (points) return points;
  try {
    const fc = JSON.parse(readFileSync(GEOJSON, 'utf8')) as {
      features: { properties: { name: string; name_ar?: string }; geometry: { type: string; coordinates: number[] } }[];
    };
    points = fc.features
      .filter((f) => f.geometry.type === 'Point')
      .map((f) => ({
        name: f.properties.name,
        nameAr: f.properties.name_ar,
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
      }));
  } catch {
    points = [];
  }
  return points;
}

const escXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A small inline SVG: every neighbourhood as a grey dot, those with reports as circles whose area follows
 * the count. Places that are not neighbourhoods (a city, a governorate) stay in the table only.
 */
export function placesMapSvg(counts: readonly PlaceCount[], lang: DigestLang, width = 640, height = 420): string {
  const pts = neighbourhoodPoints();
  if (!pts.length) return '';
  const byName = new Map(counts.map((c) => [c.place.name, c]));
  // Frame the points near the middle of the set: an outlying entry must not shrink the city to a dot.
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [cLon, cLat] = [mid(pts.map((p) => p.lon)), mid(pts.map((p) => p.lat))];
  const near = pts.filter((p) => Math.abs(p.lon - cLon) < 0.12 && Math.abs(p.lat - cLat) < 0.12);
  const lons = near.map((p) => p.lon);
  const lats = near.map((p) => p.lat);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const kx = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const pad = 40;
  const scale = Math.min(
    (width - 2 * pad) / ((maxLon - minLon) * kx || 1),
    (height - 2 * pad) / (maxLat - minLat || 1),
  );
  const x = (lon: number) => pad + (lon - minLon) * kx * scale;
  const y = (lat: number) => height - pad - (lat - minLat) * scale;
  const max = Math.max(1, ...counts.map((c) => c.damage + c.casualties));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" class="map" aria-label="map">`,
    `<rect width="${width}" height="${height}" fill="#f4f1ea"/>`,
  ];
  for (const p of near) {
    if (byName.has(p.name)) continue;
    out.push(`<circle cx="${x(p.lon).toFixed(1)}" cy="${y(p.lat).toFixed(1)}" r="2.5" fill="#b9b3a6"/>`);
  }
  // Circles for every counted neighbourhood; names for the busiest few (the table has them all).
  const counted = near
    .filter((p) => byName.has(p.name))
    .map((p) => ({ p, c: byName.get(p.name) as PlaceCount }))
    .sort((a, b) => b.c.damage + b.c.casualties - (a.c.damage + a.c.casualties));
  const labels: string[] = [];
  counted.forEach(({ p, c }, i) => {
    const n = c.damage + c.casualties;
    const r = 5 + 18 * Math.sqrt(n / max);
    out.push(
      `<circle cx="${x(p.lon).toFixed(1)}" cy="${y(p.lat).toFixed(1)}" r="${r.toFixed(1)}" fill="#b3261e" fill-opacity="0.35" stroke="#b3261e"/>`,
    );
    if (i < 6)
      labels.push(
        `<text x="${x(p.lon).toFixed(1)}" y="${(y(p.lat) + 4).toFixed(1)}" text-anchor="middle" font-size="13" fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke">${escXml(`${placeName(c.place, lang)} ${digits(n, lang)}`)}</text>`,
      );
  });
  out.push(...labels);
  out.push('</svg>');
  return out.join('');
}
