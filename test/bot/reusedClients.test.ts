/**
 * One ConnectorClient and one UserTokenClient per bot identity, service URL and audience,
 * instead of new ones (each with its own HTTP pipeline) for every turn and every
 * proactive message; a client that could not be made is tried again next time.
 */
import assert from 'node:assert/strict';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { ReusedClientsAuthentication } from '../../bot/reusedClients.js';

const identity = (appId: string): ClaimsIdentity =>
  new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
const TEAMS = 'https://smba.trafficmanager.net/emea/';
const AUDIENCE = AuthenticationConstants.ToChannelFromBotOAuthScope;

describe('reused connector clients', () => {
  it('gives every turn of the same bot, service URL and audience the same clients', async () => {
    const auth = new ReusedClientsAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const first = await auth.createConnectorFactory(identity('app-1')).create(TEAMS, AUDIENCE);
    const again = await auth.createConnectorFactory(identity('app-1')).create(TEAMS, AUDIENCE);
    assert.equal(again, first);
    assert.notEqual(
      await auth.createConnectorFactory(identity('app-1')).create('https://smba.trafficmanager.net/amer/', AUDIENCE),
      first,
      'another service URL, another client',
    );
    assert.notEqual(
      await auth.createConnectorFactory(identity('app-2')).create(TEAMS, AUDIENCE),
      first,
      'another bot identity, another client',
    );
    assert.equal(
      (await auth.createConnectorFactory(identity('app-1')).create(TEAMS, AUDIENCE)).credentials,
      first.credentials,
    );

    // An inbound turn (anonymous here) gets the same clients as a proactive one.
    const activity = { type: 'message', channelId: 'msteams', serviceUrl: TEAMS } as Activity;
    const inbound = await auth.authenticateRequest(activity, '');
    assert.ok(inbound.connectorFactory);
    const turnClient = await inbound.connectorFactory.create(TEAMS, inbound.audience);
    assert.equal(await auth.createConnectorFactory(inbound.claimsIdentity).create(TEAMS, inbound.audience), turnClient);
    assert.equal(
      await auth.createUserTokenClient(identity('app-1')),
      await auth.createUserTokenClient(identity('app-1')),
    );
  });

  it('tries again after a client could not be made, and keeps a bounded number', async () => {
    let made = 0;
    let failNext = true;
    class Inner extends BotFrameworkAuthentication {
      authenticateRequest(): Promise<AuthenticateRequestResult> {
        return Promise.reject(new Error('not used'));
      }
      authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
        return Promise.reject(new Error('not used'));
      }
      createConnectorFactory(): ConnectorFactory {
        return new (class extends ConnectorFactory {
          create(serviceUrl: string): Promise<ConnectorClient> {
            made++;
            if (failNext) {
              failNext = false;
              return Promise.reject(new Error('credentials not ready'));
            }
            return Promise.resolve({ serviceUrl } as unknown as ConnectorClient);
          }
        })();
      }
      createUserTokenClient(): Promise<UserTokenClient> {
        return Promise.reject(new Error('not used'));
      }
    }
    const factory = new ReusedClientsAuthentication(new Inner()).createConnectorFactory(identity('app-1'));
    await assert.rejects(factory.create(TEAMS), /credentials not ready/);
    const client = await factory.create(TEAMS);
    assert.equal(made, 2, 'the failure was not kept');
    assert.equal(await factory.create(TEAMS), client);
    for (let i = 0; i < 300; i++) await factory.create(`https://smba.example/${i}/`);
    assert.equal(made, 302);
    await factory.create(TEAMS);
    assert.equal(made, 303, 'the oldest clients were let go (at most 256 are kept)');
  });
});
