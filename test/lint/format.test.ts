/**
 * One format: `npm run lint` checks Prettier's formatting (width 120) of every source file, and
 * ESLint refuses a line over 120 characters that is not a long string, template or regex.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { ROOT } from '../../scripts/package.js';

const UNFORMATTED = 'export const answer = {a:1,\n      b:[1,2,3]}\n';
const FORMATTED = 'export const answer = { a: 1, b: [1, 2, 3] };\n';

describe('one format', function () {
  this.timeout(60_000);

  it('npm run lint runs prettier --check over the repository', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    assert.match(scripts.lint ?? '', /prettier --check \./);
  });

  it('prettier --check fails on an unformatted file and passes the same code formatted', () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'test-results', 'format-'));
    try {
      const check = (code: string) => {
        const file = join(dir, 'fixture.ts');
        writeFileSync(file, code);
        // The repository's .prettierrc.json applies (the folder is inside the repository).
        return spawnSync(
          process.execPath,
          [join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '--ignore-path', '', file],
          { cwd: ROOT, encoding: 'utf8' },
        );
      };
      const bad = check(UNFORMATTED);
      assert.equal(bad.status, 1, bad.stdout + bad.stderr);
      const good = check(FORMATTED);
      assert.equal(good.status, 0, good.stdout + good.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lint refuses a code line over 120 characters, but not a long message string', async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: [{ files: ['**/formatFixture.ts'], ...tseslint.configs.disableTypeChecked }],
    });
    const long = `export const total = ${Array.from({ length: 30 }, (_, i) => `v${i}`).join(' + ')};\n`;
    const message = `export const text = '${'a long sentence for people '.repeat(6)}';\n`;
    const lint = async (code: string) =>
      (
        (
          await eslint.lintText(`${Array.from({ length: 30 }, (_, i) => `const v${i} = ${i};`).join('\n')}\n${code}`, {
            filePath: 'services/formatFixture.ts',
          })
        )[0]?.messages ?? []
      ).filter((m) => m.ruleId === '@stylistic/max-len');
    assert.equal((await lint(long)).length, 1);
    assert.deepEqual(await lint(message), []);
  });
});
