import assert from 'node:assert/strict';
import { OpenIdDiscoveryError, discoverTenant } from '../../services/workAccount/openIdDiscovery.js';
import { AuthorityEmulator } from '../emulators/authorityEmulator.js';
import { CONTOSO_TENANT } from './fixtures.js';

describe('OpenID discovery against a loopback login authority', () => {
  let authority: AuthorityEmulator;
  const lookup = (domain: string, timeoutMs = 2000) =>
    discoverTenant(domain, {
      authorityHost: authority.authorityHost,
      timeoutMs,
      fetch: (url, init) => fetch(url, init),
    });

  async function failure(lookingUp: Promise<unknown>): Promise<OpenIdDiscoveryError> {
    try {
      await lookingUp;
    } catch (error: unknown) {
      assert.ok(error instanceof OpenIdDiscoveryError);
      return error;
    }
    assert.fail('expected OpenIdDiscoveryError');
  }

  beforeEach(async () => {
    authority = await AuthorityEmulator.start();
    authority.addDomain('contoso.com', CONTOSO_TENANT, 'EU').addDomain('xn--mller-bau-q9a.de', CONTOSO_TENANT);
  });
  afterEach(() => authority.close());

  it('reads the tenant id from the issuer of the per-domain discovery document', async () => {
    assert.deepEqual(await lookup('contoso.com'), { found: true, tenantId: CONTOSO_TENANT, regionScope: 'EU' });
    assert.deepEqual(
      authority.requests.map((r) => r.path),
      ['/contoso.com/v2.0/.well-known/openid-configuration'],
    );
  });

  it('asks for IDN domains in their ASCII form', async () => {
    assert.equal((await lookup('xn--mller-bau-q9a.de')).found, true);
    assert.equal(authority.requests[0]?.path, '/xn--mller-bau-q9a.de/v2.0/.well-known/openid-configuration');
  });

  it('treats 400 invalid_tenant with AADSTS90002 as "no tenant"', async () => {
    assert.deepEqual(await lookup('nowhere.example'), { found: false });
  });

  it('reports a 500 as server-error, a slow answer as timeout and HTML as bad-response', async () => {
    authority.fault({ status: 500, times: 1 }).fault({ delayMs: 10_000, times: 1 }).fault({ garbage: true, times: 1 });
    assert.equal((await failure(lookup('contoso.com'))).reason, 'server-error');
    assert.equal((await failure(lookup('contoso.com', 200))).reason, 'timeout');
    assert.equal((await failure(lookup('contoso.com'))).reason, 'bad-response');
    assert.equal((await lookup('contoso.com')).found, true, 'faults were used up');
  });

  it('reports an unreachable authority as network', async () => {
    await authority.close();
    assert.equal((await failure(lookup('contoso.com'))).reason, 'network');
  });
});
