import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { extractPlaces, Gazetteer, loadGazetteerFile } from '../../../src/analysis/extract/places.ts';

describe('the Syria gazetteer', () => {
  const entries = loadGazetteerFile(join(import.meta.dirname, '../../../src/analysis/extract/gazetteer/sy.json'));

  it('holds the 14 governorates and the eastern Aleppo neighbourhoods, with coordinates', () => {
    assert.equal(entries.filter((e) => e.type === 'governorate').length, 14);
    for (const n of [
      'Al-Shaar',
      'Al-Sukkari',
      'Al-Kalasa',
      'Bustan al-Qasr',
      'Al-Mashhad',
      'Salah al-Din',
      'Al-Ansari',
      'Hanano',
      'Masaken Hanano',
      'Al-Sakhour',
      'Tariq al-Bab',
      'Karm al-Jabal',
      'Al-Firdous',
      'Al-Zebdiya',
      'Bab al-Nairab',
      'Al-Marja',
      'Al-Ameriya',
      'Sheikh Saeed',
      'Old City of Aleppo',
      'Jisr al-Haj',
    ]) {
      const e = entries.find((x) => x.name === n);
      assert.ok(e, n);
      assert.ok(e.ar && e.lat! > 36.1 && e.lat! < 36.3 && e.lon! > 37.0 && e.lon! < 37.3, n);
    }
  });

  it('finds Arabic names behind proclitics and English transliterations', () => {
    assert.deepEqual(
      extractPlaces('قصف عنيف على حي الشعار وطريق الباب في حلب الشرقية').map((p) => p.name),
      ['Al-Shaar', 'Tariq al-Bab', 'Eastern Aleppo'],
    );
    assert.deepEqual(
      extractPlaces('Shelling hit al-Sukkari and Bustan al-Qasr, Aleppo').map((p) => p.name),
      ['Al-Sukkari', 'Bustan al-Qasr', 'Aleppo'],
    );
    assert.deepEqual(
      extractPlaces('وصلنا إلى الرقة').map((p) => p.name),
      ['Raqqa'],
    );
  });

  it('prefers the longest name and reports each place once', () => {
    const g = new Gazetteer([
      { name: 'Hanano', type: 'neighbourhood', lat: 1, lon: 1, variants: [] },
      { name: 'Masaken Hanano', type: 'neighbourhood', lat: 2, lon: 2, variants: [] },
    ]);
    assert.deepEqual(
      extractPlaces('masaken hanano then Masaken Hanano again', g).map((p) => p.name),
      ['Masaken Hanano'],
    );
  });
});
