import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '../../bot/config.js';
import { CONFIG_DOCS } from '../../bot/configDocs.js';
import { CONFIGURATION_DOC, renderConfigurationDoc } from '../../scripts/configDocs.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('docs/configuration.md', () => {
  it('is what `npm run docs:config` writes from the config schema today', () => {
    assert.equal(readFileSync(CONFIGURATION_DOC, 'utf8'), renderConfigurationDoc(), 'docs/configuration.md is stale: run npm run docs:config');
  });

  it('names every variable the config schema reads, once', () => {
    const doc = readFileSync(CONFIGURATION_DOC, 'utf8');
    for (const name of CONFIG_VARIABLES) assert.equal(doc.split(`\`${name}\``).length - 1 >= 1, true, name);
    const rows = [...doc.matchAll(/^\| \**`([A-Za-z_]+)`\** \|/gm)].map((m) => m[1]);
    assert.deepEqual([...rows].sort(), [...CONFIG_VARIABLES].sort());
  });

  it('marks as a deployment setting exactly what infra/azure.bicep sets among them', () => {
    const bicep = readFileSync(join(ROOT, 'infra', 'azure.bicep'), 'utf8');
    const set = new Set([...bicep.matchAll(/\{ name: '([A-Za-z_]+)', value:/g)].map((m) => m[1]));
    const marked = Object.entries(CONFIG_DOCS).filter(([, d]) => d.deployment).map(([name]) => name);
    assert.deepEqual(marked.filter((name) => !set.has(name)), [], 'marked but not set by the deployment');
  });

  it('is linked from the README, which lists the deployment settings', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.match(readme, /\]\(docs\/configuration\.md\)/);
    for (const [name, doc] of Object.entries(CONFIG_DOCS)) if (doc.deployment) assert.match(readme, new RegExp(`\`${name}[\`=]`), `README names ${name}`);
  });
});
