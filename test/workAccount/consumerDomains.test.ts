import assert from 'node:assert/strict';
import { consumerListEntries, consumerProviderOf } from '../../services/workAccount/consumerDomains.js';

describe('consumer (personal mailbox) domains', () => {
  it('refuses the providers the article names: Hotmail, Gmail, Yahoo', () => {
    assert.equal(consumerProviderOf('hotmail.com'), 'Outlook.com (Hotmail)');
    assert.equal(consumerProviderOf('gmail.com'), 'Gmail');
    assert.equal(consumerProviderOf('yahoo.com'), 'Yahoo Mail');
  });

  it('covers country variants of provider families without listing each one', () => {
    for (const domain of [
      'hotmail.nl',
      'hotmail.co.uk',
      'hotmail.fr',
      'outlook.de',
      'outlook.com.br',
      'live.nl',
      'live.co.uk',
      'yahoo.co.uk',
      'yahoo.com.au',
      'yahoo.co.jp',
      'aol.de',
      'gmx.net',
      'gmx.at',
      'yandex.ru',
      'yandex.com.tr',
      'googlemail.com',
    ]) {
      assert.ok(consumerProviderOf(domain), `${domain} should be personal`);
    }
  });

  it('covers the maintained list (msn, ymail, icloud, me.com, proton, web.de, mail.ru, qq, 163, …)', () => {
    for (const domain of [
      'msn.com',
      'ymail.com',
      'icloud.com',
      'me.com',
      'mac.com',
      'proton.me',
      'protonmail.com',
      'pm.me',
      'web.de',
      'mail.ru',
      'qq.com',
      '163.com',
      '126.com',
      'ziggo.nl',
      'telenet.be',
      'bigpond.net.au',
    ]) {
      assert.ok(consumerProviderOf(domain), `${domain} should be personal`);
    }
  });

  it('matches on the registered domain, so mail subdomains of a provider count too', () => {
    assert.equal(consumerProviderOf('mail.yahoo.co.uk'), 'Yahoo Mail');
    assert.equal(consumerProviderOf('eu.mail.ru'), 'Mail.ru');
  });

  it('accepts business domains, including ones that merely contain a provider name', () => {
    for (const domain of [
      'contoso.com',
      'contoso.co.uk',
      'gmailcontoso.com',
      'outlook-consulting.nl',
      'me.contoso.com',
      'webde.com',
      'mymail.ru',
      'constructor.com',
      'toString.com',
    ]) {
      assert.equal(consumerProviderOf(domain.toLowerCase()), undefined, `${domain} should be a business domain`);
    }
  });

  it('keeps list entries lower-case ASCII registrable domains or labels', () => {
    const { exact, families } = consumerListEntries();
    assert.ok(exact.length > 50 && families.length > 10);
    for (const domain of exact) assert.match(domain, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    for (const label of families) assert.match(label, /^[a-z0-9-]+$/);
    for (const domain of exact) assert.ok(consumerProviderOf(domain), `${domain} must match itself`);
  });
});
