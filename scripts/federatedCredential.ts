/**
 * The bot app's federated identity credential: the App Service managed identity may sign in
 * as the bot's Entra app, so nothing secret is stored anywhere. `atk provision` runs it after
 * `arm/deploy` (m365agents.yml); an operator can run it again at any time, it changes only
 * what differs.
 *
 *   npx tsx scripts/federatedCredential.ts --app <BOT_ID> --app-tenant <BOT_TENANT_ID>
 *     --subject <identity principal id> --identity-tenant <identity tenant id> [--cloud
 * public|usgov|usgovhigh|dod|china]
 *
 * It uses the Azure CLI (`az ad app federated-credential`), signed in to the app's tenant:
 * the Toolkit's own actions cannot create a federated credential, and Microsoft Graph Bicep
 * may be deployed interactively only from Azure CLI or Azure PowerShell.
 * Sources: Entra "Configure an application to trust a managed identity" (issuer, subject =
 * the identity's principal id, audience per cloud, same tenant); Azure CLI reference
 * "az ad app federated-credential".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLOUD_PRESETS, MICROSOFT_CLOUDS, type MicrosoftCloud } from '../bot/clouds.js';

export const CREDENTIAL_NAME = 'running-bot';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FederatedCredential {
  readonly name: string;
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
  readonly description?: string;
}

export interface Request {
  readonly app: string;
  readonly appTenant: string;
  readonly subject: string;
  readonly identityTenant: string;
  readonly cloud: MicrosoftCloud;
}

class UsageError extends Error {}

/** What the credential must say: the identity's tenant as issuer, its principal id as subject, the cloud's audience. */
export function desiredCredential(request: Request): FederatedCredential {
  const preset = CLOUD_PRESETS[request.cloud];
  return {
    name: CREDENTIAL_NAME,
    issuer: `${preset.loginHost}/${request.identityTenant}/v2.0`,
    subject: request.subject,
    audiences: [preset.tokenExchangeAudience],
    description: 'The App Service managed identity of partner-merge-bot signs in as this app (no stored credential)',
  };
}

/** create, update (same name, other values) or nothing to do. */
export function planFor(
  existing: readonly FederatedCredential[],
  desired: FederatedCredential,
): 'create' | 'update' | 'none' {
  const found = existing.find((c) => c.name === desired.name);
  if (!found) return 'create';
  const same =
    found.issuer === desired.issuer &&
    found.subject === desired.subject &&
    found.audiences.length === desired.audiences.length &&
    found.audiences.every((a, i) => a === desired.audiences[i]);
  return same ? 'none' : 'update';
}

function parseRequest(argv: readonly string[]): Request {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      app: { type: 'string' },
      'app-tenant': { type: 'string' },
      subject: { type: 'string' },
      'identity-tenant': { type: 'string' },
      cloud: { type: 'string' },
    },
  });
  const guid = (name: string, value: string | undefined): string => {
    if (!value || !GUID.test(value))
      throw new UsageError(
        `--${name} must be a GUID${value ? `, not "${value}"` : ''} (run \`atk provision\`: it writes the value to env/.env.<env>)`,
      );
    return value.toLowerCase();
  };
  const cloud = values.cloud === undefined || values.cloud === '' ? 'public' : values.cloud;
  if (!(MICROSOFT_CLOUDS as readonly string[]).includes(cloud))
    throw new UsageError(`--cloud must be one of ${MICROSOFT_CLOUDS.join(', ')}, not "${cloud}"`);
  const request = {
    app: guid('app', values.app),
    appTenant: guid('app-tenant', values['app-tenant']),
    subject: guid('subject', values.subject),
    identityTenant: guid('identity-tenant', values['identity-tenant']),
    cloud: cloud as MicrosoftCloud,
  };
  if (request.appTenant !== request.identityTenant) {
    throw new UsageError(
      `the bot's Entra app is in tenant ${request.appTenant} and the managed identity in ${request.identityTenant}: a federated credential needs both in one tenant. ` +
        'Sign the Toolkit in to a Microsoft 365 account and an Azure subscription of the same tenant, and provision again.',
    );
  }
  return request;
}

/** Runs `az` and returns its standard output; a missing CLI or a refusal is one clear line. */
function az(args: readonly string[]): string {
  const windows = process.platform === 'win32';
  // az is a .cmd on Windows, which Node starts only through a shell; every argument here is a flag, a GUID or a temp
  // path.
  const result = spawnSync(windows ? 'az.cmd' : 'az', windows ? args.map((a) => `"${a}"`) : [...args], {
    encoding: 'utf8',
    shell: windows,
  });
  if (result.error)
    throw new UsageError(
      "the Azure CLI (az) is not installed: install it and run `az login --tenant <the app's tenant>`, then provision again",
    );
  if (result.status !== 0)
    throw new UsageError(
      `az ${args.slice(0, 4).join(' ')} failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  return result.stdout;
}

function main(): number {
  const request = parseRequest(process.argv.slice(2));
  const signedIn = az(['account', 'show', '--query', 'tenantId', '--output', 'tsv']).trim().toLowerCase();
  if (signedIn !== request.appTenant)
    throw new UsageError(
      `the Azure CLI is signed in to tenant ${signedIn}, the bot's app is in ${request.appTenant}: run \`az login --tenant ${request.appTenant}\``,
    );
  const existing = JSON.parse(
    az(['ad', 'app', 'federated-credential', 'list', '--id', request.app, '--output', 'json']),
  ) as FederatedCredential[];
  const desired = desiredCredential(request);
  const plan = planFor(existing, desired);
  if (plan === 'none') {
    process.stdout.write(`federated credential ${CREDENTIAL_NAME} of app ${request.app} is up to date\n`);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pmb-fic-'));
  try {
    const parameters = join(dir, 'credential.json');
    writeFileSync(parameters, JSON.stringify(desired));
    az([
      'ad',
      'app',
      'federated-credential',
      plan,
      '--id',
      request.app,
      ...(plan === 'update' ? ['--federated-credential-id', CREDENTIAL_NAME] : []),
      '--parameters',
      parameters,
      '--output',
      'none',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `federated credential ${CREDENTIAL_NAME} of app ${request.app}: ${plan === 'create' ? 'created' : 'updated'} (subject ${request.subject}, audience ${desired.audiences[0]})\n`,
  );
  return 0;
}

// Run as a command (not when a test imports the planning functions).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    process.exitCode = main();
  } catch (err: unknown) {
    process.stderr.write(`federatedCredential: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}
