/**
 * Reasons and names as they are stored and shown: invisible characters removed, Unicode
 * composed, whitespace collapsed; a reason with no letter or digit left is no reason.
 */
import assert from 'node:assert/strict';
import { parseReason } from '../../services/accounts/validation.js';
import { hasVisibleContent, visibleText } from '../../services/text.js';

const INVISIBLES = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u00AD',
  '\u0000',
  '\u0007',
  '\u3164',
];

describe('visible text (reasons, display names)', () => {
  it('refuses a reason made only of zero-width, bidi, format or whitespace characters', () => {
    const cases = [
      '\u200B\u200B',
      ' \u200B \t\n',
      INVISIBLES.join(''),
      `${INVISIBLES.join(' ')}\u00A0\u3000`,
      '\u202E\u202C',
      '...',
      '— !? —',
      '🙂',
    ];
    for (const reason of cases) {
      const parsed = parseReason(reason);
      assert.ok(!parsed.ok && parsed.error.code === 'reason-required', JSON.stringify(reason));
    }
  });

  it('stores the reason normalised: composed, invisibles removed, whitespace collapsed', () => {
    const parsed = parseReason('  Not\u200B now:\n\n  e\u0301e\u0301n\u202E   moment  ');
    assert.deepEqual(parsed, { ok: true, value: 'Not now: één moment' });
    assert.deepEqual(parseReason('cafe\u0301'), { ok: true, value: 'caf\u00E9' });
  });

  it('counts the 500-character limit on the normalised text', () => {
    assert.equal(parseReason(`${'x'.repeat(500)}${'\u200B'.repeat(300)}`).ok, true);
    assert.equal(parseReason('x'.repeat(501)).ok, false);
  });

  it('normalises names the same way, keeping letters of every script', () => {
    assert.equal(visibleText('Adele\u200B \u202EVance\u202C'), 'Adele Vance');
    assert.equal(visibleText('Zoë  Ångström'), 'Zoë Ångström');
    assert.ok(hasVisibleContent('李雷') && hasVisibleContent('42') && !hasVisibleContent('\u200B'));
  });
});
