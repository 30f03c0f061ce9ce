import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const PAGES = ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const linksOf = (page: string): string[] => [...readFileSync(join(ROOT, page), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '').filter((l) => !/^[a-z]+:/.test(l));

describe('the docs', () => {
  it('link only to files that exist', () => {
    const broken = PAGES.flatMap((page) => linksOf(page).filter((link) => !existsSync(join(ROOT, dirname(page), link))).map((link) => `${page} -> ${link}`));
    assert.deepEqual(broken, []);
  });

  it('are each one click from the README, which stays short', () => {
    const fromReadme = new Set(linksOf('README.md').map((l) => normalize(l)));
    assert.deepEqual(PAGES.filter((p) => p !== 'README.md' && !fromReadme.has(normalize(p))), []);
    assert.ok(statSync(join(ROOT, 'README.md')).size <= 10 * 1024, 'README.md is at most 10 KB');
  });
});
