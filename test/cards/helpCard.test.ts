import assert from 'node:assert/strict';
import { helpCardAttachment } from '../../dialogs/helpCard.js';
import { validateCard } from './validate.js';
import { cardText } from '../harness/index.js';

describe('help card', () => {
  for (const locale of ['en-US', 'nl-NL']) {
    it(`is a valid Adaptive Card 1.5 in ${locale}, with and without a name`, () => {
      for (const name of [undefined, 'Ann', '[x](https://evil.example) ${1+1}']) {
        const card: unknown = helpCardAttachment(locale, name).content;
        assert.deepEqual(validateCard(card), [], `${locale} ${String(name)}`);
      }
    });
  }

  it('hides the greeting line when there is no name', () => {
    const card = helpCardAttachment('en-US').content as { body: Array<{ text?: string }> };
    assert.ok(!cardText(card).includes('Hello'));
    assert.equal(card.body.filter((b) => b.text === '').length, 0, 'no empty text block');
  });
});
