/**
 * Write web/public/geo/aleppo-neighbourhoods.geojson: the Aleppo neighbourhoods of the project's
 * gazetteer (src/analysis/extract/gazetteer/sy.json, CC0) as points. Run again when the gazetteer changes:
 *
 *   node --import tsx web/scripts/extract-aleppo-neighbourhoods.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Entry {
  name: string;
  ar: string;
  type: string;
  lat: number;
  lon: number;
  parent?: string;
}

const src = fileURLToPath(new URL('../../src/analysis/extract/gazetteer/sy.json', import.meta.url));
const out = fileURLToPath(new URL('../public/geo/aleppo-neighbourhoods.geojson', import.meta.url));
const gazetteer = JSON.parse(readFileSync(src, 'utf8')) as { license: string; entries: Entry[] };
const features = gazetteer.entries
  .filter((e) => e.type === 'neighbourhood' && e.parent === 'Aleppo')
  .map((e) => ({
    type: 'Feature',
    properties: { name: e.name, name_ar: e.ar, parent: e.parent ?? null },
    geometry: { type: 'Point', coordinates: [e.lon, e.lat] },
  }));
writeFileSync(
  out,
  `${JSON.stringify({ type: 'FeatureCollection', source: `Vigil gazetteer sy.json (${gazetteer.license})`, features })}\n`,
);
process.stderr.write(`wrote ${features.length} neighbourhoods to ${out}\n`);
