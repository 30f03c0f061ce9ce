/**
 * The layer rule of eslint.config.js fires: code that crosses a layer, linted as if it were
 * in that folder, is reported (and the same code where it is allowed is not).
 */
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { ROOT } from '../../scripts/package.js';

// The fixtures are not files of the TypeScript project: lint them with the repository's config, minus type information.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ files: ['**/layerFixture.ts'], ...tseslint.configs.disableTypeChecked }],
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layers are enforced by lint', function () {
  this.timeout(60_000);

  it('services/ may not import bot/, dialogs/, cards/, botbuilder or restify', async () => {
    const code = [
      "import type { AppConfig } from '../bot/config.js';",
      "import type { Viewer } from '../../dialogs/mergePorts.js';",
      "import type { AdaptiveCardJson } from '../cards/render.js';",
      "import type { TurnContext } from 'botbuilder';",
      "import type { Server } from 'restify';",
      'export type Crossing = [AppConfig, Viewer, AdaptiveCardJson, TurnContext, Server];',
      '',
    ].join('\n');
    const errors = await layerErrors('services/merge/layerFixture.ts', code);
    assert.equal(errors.length, 5, errors.join('\n'));
    assert.ok(errors.some((m) => /services\/ may not import from bot\//.test(m)));
    assert.ok(errors.some((m) => /no Bot Framework or restify/.test(m)));
  });

  it('cards/ may not import bot/ or dialogs/, and dialogs/ may not import bot/', async () => {
    assert.equal(
      (
        await layerErrors(
          'cards/layerFixture.ts',
          "import type { AppConfig } from '../bot/config.js';\nexport type X = AppConfig;\n",
        )
      ).length,
      1,
    );
    assert.equal(
      (
        await layerErrors(
          'cards/layerFixture.ts',
          "import type { Viewer } from '../dialogs/mergePorts.js';\nexport type X = Viewer;\n",
        )
      ).length,
      1,
    );
    assert.equal(
      (
        await layerErrors(
          'dialogs/layerFixture.ts',
          "import type { AppConfig } from '../bot/config.js';\nexport type X = AppConfig;\n",
        )
      ).length,
      1,
    );
  });

  it('allows what the layers allow: bot/ wires everything, everyone uses services/', async () => {
    assert.deepEqual(
      await layerErrors(
        'bot/layerFixture.ts',
        "import type { Viewer } from '../dialogs/mergePorts.js';\nimport type { TurnContext } from 'botbuilder';\nexport type X = [Viewer, TurnContext];\n",
      ),
      [],
    );
    assert.deepEqual(
      await layerErrors(
        'dialogs/layerFixture.ts',
        "import type { MergeRequest } from '../services/model.js';\nexport type X = MergeRequest;\n",
      ),
      [],
    );
  });
});
