import assert from 'node:assert/strict';
import { catalogKeys, languageOf, t } from '../services/i18n/index.js';

describe('i18n', () => {
  it('has every key in both English and Dutch', () => {
    const { en, nl } = catalogKeys();
    assert.deepEqual(
      en.filter((k) => !nl.includes(k)),
      [],
      'keys missing in Dutch',
    );
    assert.deepEqual(
      nl.filter((k) => !en.includes(k)),
      [],
      'keys missing in English',
    );
    assert.ok(en.length > 10);
  });

  it('has no empty or untranslated Dutch text', () => {
    const { en } = catalogKeys();
    for (const key of en) {
      const english = t('en', key as Parameters<typeof t>[1]);
      const dutch = t('nl', key as Parameters<typeof t>[1]);
      assert.ok(english.trim().length > 0, `empty English text for ${key}`);
      assert.ok(dutch.trim().length > 0, `empty Dutch text for ${key}`);
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(placeholders(dutch), placeholders(english), `placeholders differ for ${key}`);
    }
  });

  it('picks Dutch for nl locales and English otherwise', () => {
    assert.equal(languageOf('nl-NL'), 'nl');
    assert.equal(languageOf('nl-BE'), 'nl');
    assert.equal(languageOf('NL'), 'nl');
    assert.equal(languageOf('en-US'), 'en');
    assert.equal(languageOf('de-DE'), 'en');
    assert.equal(languageOf(undefined), 'en');
    assert.equal(languageOf(''), 'en');
  });

  it('substitutes parameters as plain text', () => {
    assert.equal(t('en', 'core.help.greeting', { name: 'Ann' }), 'Hello Ann!');
    assert.equal(t('nl', 'core.help.greeting', { name: '{x}' }), 'Hallo {x}!');
  });
});
