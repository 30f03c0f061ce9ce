/**
 * Builds the Teams app package for one environment, as the Agents Toolkit's
 * `teamsApp/zipAppPackage` step does, but offline and scriptable:
 *
 *   npm run package -- --env local      # → appPackage/build/appPackage.local.zip
 *   npm run package -- --env dev
 *
 * Every `${{NAME}}` in appPackage/manifest.json and its language files is filled from
 * env/.env.<env> (then env/.env.<env>.user, then the process environment). A placeholder
 * without a value stops the build with a message naming it; so does a filled manifest
 * or language file that does not validate against Microsoft's schema (bundled with
 * @microsoft/app-manifest, so no network is needed). The zip holds the filled manifest,
 * the language files and both icons, at its root, as Teams expects.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { parse as parseDotenv } from 'dotenv';
import { ICON_SIZES } from './icons.js';
import { readPngHeader } from './png.js';
import { writeZip, type ZipEntry } from './zip.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ENVIRONMENTS = ['local', 'dev'] as const;
/** Placeholders that may be empty (the production name has no suffix). */
const MAY_BE_EMPTY: ReadonlySet<string> = new Set(['APP_NAME_SUFFIX']);
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

export interface PackageOptions {
  /** Environment name: reads env/.env.<env>. */
  readonly env: string;
  /** Repository root (tests point elsewhere). */
  readonly root?: string;
  /** Folder of the .env.<env> files (default <root>/env). */
  readonly envDir?: string;
  /** Output folder (default <root>/appPackage/build). */
  readonly outDir?: string;
  /** Overrides the env files (the CLI passes process.env). */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

export interface BuiltPackage {
  readonly zipPath: string;
  readonly manifest: Record<string, unknown>;
  readonly entries: readonly ZipEntry[];
}

interface ManifestShape {
  readonly icons?: { readonly color?: unknown; readonly outline?: unknown };
  readonly localizationInfo?: { readonly additionalLanguages?: ReadonlyArray<{ readonly file?: unknown }> };
}

async function readEnvironment(options: PackageOptions, envDir: string): Promise<Record<string, string>> {
  const file = join(envDir, `.env.${options.env}`);
  if (!existsSync(file))
    throw new PackageError(`${file} not found: create it (environments here: ${ENVIRONMENTS.join(', ')})`);
  const values: Record<string, string> = parseDotenv(await readFile(file, 'utf8'));
  const userFile = `${file}.user`;
  if (existsSync(userFile)) Object.assign(values, parseDotenv(await readFile(userFile, 'utf8')));
  // Real environment variables win, as for the bot's own configuration.
  for (const [key, value] of Object.entries(options.environment ?? {})) if (value !== undefined) values[key] = value;
  return values;
}

/** The names of the placeholders in `text`, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

function fill(text: string, values: Readonly<Record<string, string>>): string {
  // Values land inside JSON strings: escape them as JSON would.
  return text.replace(PLACEHOLDER, (_whole, name: string) => JSON.stringify(values[name] ?? '').slice(1, -1));
}

function parseJson(text: string, file: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err: unknown) {
    throw new PackageError(
      `${file} is not valid JSON after filling placeholders: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/**
 * Some patterns in Microsoft's schemas (the localization schema's `activities…\b]`) are
 * not valid in the Unicode regular-expression mode the validator compiles them in: a lone
 * `]` meant literally. Escaping it keeps the meaning and lets the schema compile.
 */
function fixPattern(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return pattern.replace(/(?<!\\)\\b\]/g, '\\b\\]');
  }
}

function fixPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixPatterns);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, fixPattern(value)];
      if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
        return [
          key,
          Object.fromEntries(
            Object.entries(value as Record<string, unknown>).map(([p, v]) => [fixPattern(p), fixPatterns(v)]),
          ),
        ];
      }
      return [key, fixPatterns(value)];
    }),
  );
}

/** Validates a manifest or language file against the schema its `$schema` names. */
export async function schemaProblems(json: Record<string, unknown>, file: string): Promise<string[]> {
  const url = json.$schema;
  if (typeof url !== 'string') return [`${file}: has no $schema`];
  // AppManifestUtils reads its bundled copy of Microsoft's schemas: no network.
  const schema = fixPatterns(await AppManifestUtils.fetchSchema(url)) as Awaited<
    ReturnType<typeof AppManifestUtils.fetchSchema>
  >;
  const failures = await AppManifestUtils.validateAgainstSchema(json as unknown as AppManifest, schema);
  return failures.map((f) => `${file}: ${f.trim()}`);
}

function relativeFile(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '' || value.includes('..') || value.startsWith('/')) {
    throw new PackageError(
      `manifest.json: ${what} must be a file name inside appPackage/, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export async function buildAppPackage(options: PackageOptions): Promise<BuiltPackage> {
  if (!/^[A-Za-z0-9-]+$/.test(options.env))
    throw new PackageError(`invalid environment name ${JSON.stringify(options.env)}`);
  const root = options.root ?? ROOT;
  const sourceDir = join(root, 'appPackage');
  const envDir = options.envDir ?? join(root, 'env');
  const outDir = options.outDir ?? join(sourceDir, 'build');
  const values = await readEnvironment(options, envDir);

  const manifestText = await readFile(join(sourceDir, 'manifest.json'), 'utf8');
  const template = JSON.parse(manifestText.replace(PLACEHOLDER, '')) as ManifestShape;
  const languageFiles = (template.localizationInfo?.additionalLanguages ?? []).map((l) =>
    relativeFile(l.file, 'a language file'),
  );
  const jsonFiles = new Map<string, string>([['manifest.json', manifestText]]);
  for (const file of languageFiles) jsonFiles.set(file, await readFile(join(sourceDir, file), 'utf8'));

  const missing = new Map<string, string[]>();
  for (const [file, text] of jsonFiles) {
    for (const name of placeholdersIn(text)) {
      const value = values[name];
      if (value === undefined || (value.trim() === '' && !MAY_BE_EMPTY.has(name)))
        missing.set(name, [...(missing.get(name) ?? []), file]);
    }
  }
  if (missing.size > 0) {
    const list = [...missing].map(([name, files]) => `  ${name} (used in ${files.join(', ')})`).join('\n');
    throw new PackageError(
      `env/.env.${options.env} has no value for:\n${list}\nSet them there (or provision with the Agents Toolkit, which writes them).`,
    );
  }

  const entries: ZipEntry[] = [];
  const problems: string[] = [];
  let manifest: Record<string, unknown> = {};
  for (const [file, text] of jsonFiles) {
    const filled = fill(text, values);
    const json = parseJson(filled, file);
    if (file === 'manifest.json') manifest = json;
    problems.push(...(await schemaProblems(json, file)));
    entries.push({ name: file, data: Buffer.from(filled, 'utf8') });
  }

  const icons = [
    [relativeFile(template.icons?.color, 'icons.color'), ICON_SIZES.color],
    [relativeFile(template.icons?.outline, 'icons.outline'), ICON_SIZES.outline],
  ] as const;
  for (const [file, size] of icons) {
    const data = await readFile(join(sourceDir, file));
    const header = readPngHeader(data);
    if (header.width !== size || header.height !== size)
      problems.push(`${file}: is ${header.width}×${header.height}, Teams needs ${size}×${size}`);
    entries.push({ name: file, data });
  }
  if (problems.length > 0)
    throw new PackageError(`the app package for "${options.env}" is not valid:\n  ${problems.join('\n  ')}`);

  await mkdir(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.env}.zip`);
  await writeFile(join(outDir, `manifest.${options.env}.json`), entries[0]?.data ?? '');
  await writeFile(zipPath, writeZip(entries));
  return { zipPath, manifest, entries };
}

function envArgument(argv: readonly string[]): string {
  const inline = argv.find((a) => a.startsWith('--env='));
  if (inline) return inline.slice('--env='.length);
  const at = argv.indexOf('--env');
  return at >= 0 ? (argv[at + 1] ?? '') : 'dev';
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  try {
    const built = await buildAppPackage({ env: envArgument(process.argv.slice(2)), environment: process.env });
    console.log(`wrote ${built.zipPath} (${built.entries.map((e) => e.name).join(', ')})`);
  } catch (err: unknown) {
    console.error(`package: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
