/**
 * Writes one sample of each merge card to a folder (default /tmp/cards-sample) to paste
 * into the Adaptive Cards designer: `npx tsx test/cards/renderSamples.ts [folder]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeAuditCard } from '../../cards/mergeAudit.js';
import { mergeHistoryCard } from '../../cards/mergeHistory.js';
import { mergePreviewCard } from '../../cards/mergePreview.js';
import { mergeRequestCard } from '../../cards/mergeRequest.js';
import { mergeWorld } from './mergeFixtures.js';

const folder = process.argv[2] ?? '/tmp/cards-sample';
const world = mergeWorld();
const history = [world.requests.completed, world.requests.rejected].map((request) => ({
  role: 'initiator' as const,
  other: { mpnId: request.invitedMpnId, companyName: request.invitedCompanyName },
  request,
}));

const samples = {
  'mergeRequest-invited-invitedAdmin.en': mergeRequestCard(world.input('invited', 'invitedAdmin', 'en-US')),
  'mergeRequest-invited-initiatorAdmin.en': mergeRequestCard(world.input('invited', 'initiatorAdmin', 'en-US')),
  'mergeRequest-accepted-initiatorAdmin.en': mergeRequestCard(world.input('accepted', 'initiatorAdmin', 'en-US')),
  'mergeRequest-accepted-initiatorAdmin.nl': mergeRequestCard(world.input('accepted', 'initiatorAdmin', 'nl-NL')),
  'mergeRequest-rejected-initiatorAdmin.en': mergeRequestCard(world.input('rejected', 'initiatorAdmin', 'en-US')),
  'mergeRequest-completed-invitedMember.en': mergeRequestCard(world.input('completed', 'invitedMember', 'en-US')),
  'mergeRequest-invited-outsider.nl': mergeRequestCard(world.input('invited', 'outsider', 'nl-NL')),
  'mergePreview.en': mergePreviewCard({ preview: world.preview, locale: 'en-US' }),
  'mergeHistory.en': mergeHistoryCard({ account: world.contoso, entries: history, locale: 'en-US' }),
  'mergeAudit.en': mergeAuditCard({ request: world.requests.completed, locale: 'en-US' }),
};

await mkdir(folder, { recursive: true });
for (const [name, card] of Object.entries(samples)) {
  await writeFile(join(folder, `${name}.json`), `${JSON.stringify(card, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(samples).length} cards to ${folder}`);
