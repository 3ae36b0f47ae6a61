import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { detectLanguage, loadLanguageModel } from '../../src/analysis/language.ts';

describe('detectLanguage', () => {
  before(async () => {
    await loadLanguageModel();
  });

  it('takes the script shortcut for Arabic and plain English', () => {
    assert.deepEqual(detectLanguage('ما زلنا أحياء في حي الشعار'), { lang: 'ar', confidence: 0.95, via: 'script' });
    assert.equal(detectLanguage('We are trapped under the rubble, please help us').via, 'script');
  });

  it('tells Sorani by its letters and Kurmanji by its Latin letters', () => {
    assert.equal(detectLanguage('ئێمە لە ژێر داروپەردووین، یارمەتیمان بدەن').lang, 'ckb');
    assert.equal(detectLanguage('Em li bin xirbeyê ne, ji kerema xwe alîkariyê bikin').lang, 'kmr');
  });

  it('uses fastText for other languages, offline', () => {
    assert.equal(detectLanguage('Estamos atrapados bajo los escombros del edificio').lang, 'es');
    assert.equal(detectLanguage('ما در زیر آوار هستیم، کمک کنید').lang, 'fa');
  });

  it('says und when unsure', () => {
    assert.equal(detectLanguage('').lang, 'und');
    assert.equal(detectLanguage('😢😢 !!! ...').lang, 'und');
  });
});
