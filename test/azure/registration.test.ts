/**
 * A company joins in Teams and merges with the domain store on Azure Table Storage
 * (Azurite): the same story as test/registration/registrationTeams.test.ts, over real HTTP,
 * with every registration, account change and notification in the table.
 */
import { openAzureStore } from '../../services/store/azureStore.js';
import { seedDemoData } from '../../services/demo/demoData.js';
import type { Store } from '../../services/store/types.js';
import { playJoinAndMerge, startJoinWorld, stopJoinWorld, type JoinWorld } from '../registration/joinScenario.js';
import { freshTableName, startAzurite, type Azurite } from './azurite.js';

describe('a company joins in Teams and merges (Azure Table store on Azurite, over HTTP)', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let w: JoinWorld | undefined;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.stop();
  });
  afterEach(async () => {
    await stopJoinWorld(w);
    w = undefined;
  });

  it('registers Litware, approves it, adds a colleague and a manager, and merges with Contoso', async () => {
    const store: Store = await openAzureStore({ ...azurite.access('table'), tableName: freshTableName('join') });
    await seedDemoData(store);
    w = await startJoinWorld(store);
    await playJoinAndMerge(w);
  });
});
