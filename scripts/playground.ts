/**
 * Microsoft 365 Agents Playground as people of the demo data: Adele Vance, Account admin of
 * Contoso (1111111), who starts merges; Nestor Wilke, Account admin of Fabricam (3333333),
 * who answers them; and Allan Deyoung of Litware, a company the bot does not know yet, who
 * registers it and, as the demo's reviewer, approves it. Each person is one Playground
 * instance with its own configuration file (its own tenant and user), talking to the same bot.
 *
 *   npm run playground                  # Adele (Contoso) on http://localhost:56150
 *   npm run playground -- fabricam      # Nestor (Fabricam) on http://localhost:56151
 *   npm run playground -- reviewer      # Allan (Litware, not registered yet; the demo's reviewer) on :56152
 *   npm run playground -- --write-config   # regenerate the configuration files
 *
 * The configuration files are generated from services/demo/demoData.ts (a test checks
 * that the committed files match), and `.m365agentsplayground.yml` in the repository root
 * is also what `npx @microsoft/m365agentsplayground` and the Agents Toolkit pick up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO } from '../services/demo/demoData.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type PlaygroundPerson = 'contoso' | 'fabricam' | 'reviewer';

interface Person {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly upn: string;
  readonly displayName: string;
}

interface PlaygroundProfile {
  /** Configuration file, relative to the repository root. */
  readonly configFile: string;
  /** Default Playground port for people running it by hand. */
  readonly port: number;
  readonly company: string;
  readonly tenantId: string;
  readonly me: Person;
  /** Exactly five colleagues: the Playground's schema requires five `users`. */
  readonly colleagues: readonly Person[];
}

const colleague = (tenantId: string, n: number, upn: string, displayName: string): Person => ({
  aadObjectId: `${tenantId.slice(0, 8)}-0000-4000-8000-${String(n).padStart(12, '0')}`,
  tenantId,
  upn,
  displayName,
});

/** One demo company's Account admin, with the company's other demo people and two more colleagues. */
function profileOf(
  key: 'contoso' | 'fabricam' | 'litware',
  configFile: string,
  port: number,
  more: ReadonlyArray<readonly [upn: string, name: string]>,
): PlaygroundProfile {
  const company = DEMO[key];
  return {
    configFile,
    port,
    company: company.companyName,
    tenantId: company.tenantId,
    me: company.admin,
    colleagues: [
      company.incentivesAdmin,
      company.user,
      company.manager,
      ...more.map(([upn, name], i) => colleague(company.tenantId, 5 + i, upn, name)),
    ],
  };
}

export const PLAYGROUND_PROFILES: Readonly<Record<PlaygroundPerson, PlaygroundProfile>> = {
  contoso: profileOf('contoso', '.m365agentsplayground.yml', 56150, [
    ['patti.fernandez@contoso.com', 'Patti Fernandez'],
    ['johanna.lorenz@contoso.com', 'Johanna Lorenz'],
  ]),
  fabricam: profileOf('fabricam', 'playground/fabricam.m365agentsplayground.yml', 56151, [
    ['miriam.graham@fabricam.com', 'Miriam Graham'],
    ['grady.archie@fabricam.com', 'Grady Archie'],
  ]),
  // Allan of Litware, a company with no account yet, who is also the demo's reviewer.
  reviewer: profileOf('litware', 'playground/reviewer.m365agentsplayground.yml', 56152, [
    ['henrietta.mueller@litware.com', 'Henrietta Mueller'],
    ['pradeep.gupta@litware.com', 'Pradeep Gupta'],
  ]),
};

/** The Teams user id (MRI) the Playground puts in `from.id` for a person. */
export const playgroundUserId = (person: Person): string => `29:${person.aadObjectId}`;
/** The personal chat's conversation id for the person a profile plays. */
export const playgroundPersonalChatId = (profile: PlaygroundProfile): string => `a:personal-${profile.me.aadObjectId}`;

function userYaml(person: Person, indent: string): string {
  const [givenName = person.displayName, ...rest] = person.displayName.split(' ');
  const fields: ReadonlyArray<readonly [string, string]> = [
    ['id', playgroundUserId(person)],
    ['name', person.displayName],
    ['userPrincipleName', person.upn],
    ['aadObjectId', person.aadObjectId],
    ['givenName', givenName],
    ['surname', rest.join(' ') || givenName],
    ['email', person.upn],
  ];
  return fields
    .map(([key, value], i) => `${i === 0 ? `${indent.slice(2)}- ` : indent}${key}: ${JSON.stringify(value)}`)
    .join('\n');
}

/** The configuration file's text (YAML, JSON-quoted scalars). */
export function playgroundConfigYaml(who: PlaygroundPerson): string {
  const p = PLAYGROUND_PROFILES[who];
  const me = userYaml(p.me, '  ').replace(/^- /, '  ');
  return [
    '# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json',
    who === 'reviewer'
      ? `# Microsoft 365 Agents Playground: you are ${p.me.displayName} of ${p.company} (not registered yet), and the demo's registration reviewer.`
      : `# Microsoft 365 Agents Playground: you are ${p.me.displayName}, Account admin of ${p.company} in the demo data.`,
    '# Generated from services/demo/demoData.ts by `npm run playground -- --write-config`; do not edit by hand.',
    'version: "0.1.1"',
    `tenantId: ${JSON.stringify(p.tenantId)}`,
    'bot:',
    '  id: "28:partner-merge-bot-local"',
    '  name: "Partner Merge Bot"',
    'currentUser:',
    me,
    'users:',
    p.colleagues.map((c) => userYaml(c, '    ')).join('\n'),
    'personalChat:',
    `  id: ${JSON.stringify(playgroundPersonalChatId(p))}`,
    'groupChat:',
    `  id: ${JSON.stringify(`group-chat-${who}`)}`,
    `  name: ${JSON.stringify(`${p.company} partner team`)}`,
    'team:',
    `  id: ${JSON.stringify(`team-${who}`)}`,
    `  name: ${JSON.stringify(p.company)}`,
    `  aadGroupId: ${JSON.stringify(`${p.tenantId.slice(0, 8)}-0000-4000-8000-0000000000a1`)}`,
    '  channels:',
    `    - id: ${JSON.stringify(`channel-partner-center-${who}`)}`,
    '      name: "Partner Center"',
    '',
  ].join('\n');
}

export function playgroundConfigPath(who: PlaygroundPerson): string {
  return join(ROOT, PLAYGROUND_PROFILES[who].configFile);
}

export interface PlaygroundOptions {
  readonly who: PlaygroundPerson;
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  /** The Playground's own port (its web UI and its mocked Bot Connector). */
  readonly port: number;
  /** Where the Playground's log goes (default: its own ./devTools folder). */
  readonly logFile?: string;
  /** Open a browser (the Playground's default behaviour); tests drive their own. */
  readonly openBrowser?: boolean;
  readonly timeoutMs?: number;
}

export interface RunningPlayground {
  /** The web UI, e.g. http://127.0.0.1:56150/. */
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Starts one Playground instance; resolves once its web UI answers. */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: playgroundConfigPath(options.who),
    ...(options.logFile ? { M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile } : {}),
    ...(options.openBrowser === false ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}),
  };
  const args = [cli, '--app-endpoint', options.botEndpoint, '--port', String(options.port), '--channel-id', 'msteams'];
  // The mocked connector's address goes into every activity's serviceUrl: keep it on IPv4 loopback.
  if (options.openBrowser === false)
    args.push('--service-url', `http://127.0.0.1:${options.port}/_connector`, '--disable-telemetry');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  if (options.logFile) {
    await mkdir(dirname(options.logFile), { recursive: true });
    const log = createWriteStream(`${options.logFile}.out`);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killed);
    }
  };

  const deadline = Date.now() + timeoutMs;
  try {
    const port = await waitFor(deadline, () => {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
      const match = /Listening on (\d+)/.exec(output);
      return match ? Number(match[1]) : undefined;
    });
    if (port !== options.port) throw new Error(`listens on ${port} instead of ${options.port} (port taken?)`);
    const url = `http://127.0.0.1:${port}/`;
    await waitFor(deadline, async () => ((await fetch(url).catch(() => undefined))?.ok ? true : undefined));
    return { url, port, child, stop };
  } catch (err: unknown) {
    await stop();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Agents Playground (${options.who}) did not start within ${timeoutMs} ms: ${reason}\n--- its output ---\n${output}`,
      { cause: err },
    );
  }
}

async function waitFor<T>(deadline: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 200));
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--write-config')) {
    for (const who of Object.keys(PLAYGROUND_PROFILES) as PlaygroundPerson[]) {
      const path = playgroundConfigPath(who);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, playgroundConfigYaml(who));
      console.log(`wrote ${PLAYGROUND_PROFILES[who].configFile}`);
    }
    return 0;
  }
  const who = (argv[0] ?? 'contoso') as PlaygroundPerson;
  const profile = PLAYGROUND_PROFILES[who] as PlaygroundProfile | undefined;
  if (!profile) {
    console.error(`Usage: npm run playground -- [${Object.keys(PLAYGROUND_PROFILES).join('|')}] [--write-config]`);
    return 2;
  }
  const botEndpoint = process.env.BOT_ENDPOINT ?? 'http://127.0.0.1:3978/api/messages';
  const playground = await startPlayground({ who, botEndpoint, port: profile.port });
  playground.child.stdout?.pipe(process.stdout);
  console.log(
    `Agents Playground as ${profile.me.displayName} (${profile.company}): http://localhost:${profile.port} -> ${botEndpoint}`,
  );
  await new Promise<void>((done) => playground.child.once('exit', () => done()));
  return 0;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
