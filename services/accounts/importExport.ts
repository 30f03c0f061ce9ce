/**
 * Import and export of partner accounts as JSON. Import validates the whole file (syntax,
 * schema, consistency within the file and with the store) and reports every problem with
 * its line and column; only a file without problems is written, in one atomic commit.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { DomainError } from '../errors.js';
import type { MpnId, PartnerAccount } from '../model.js';
import { put, type Store } from '../store/types.js';
import { ACCOUNTS_FILE_FORMAT, accountsFileSchema } from './schema.js';
import { userKey } from './validation.js';

export interface ImportIssue {
  /** JSON path such as `accounts[0].users[2].tenantId` (empty for the whole file). */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type ParseResult =
  { readonly ok: true; readonly accounts: PartnerAccount[] } | { readonly ok: false; readonly issues: ImportIssue[] };

export type ImportResult =
  | { readonly ok: true; readonly created: MpnId[]; readonly updated: MpnId[] }
  | { readonly ok: false; readonly error: DomainError<'invalid-import'>; readonly issues: ImportIssue[] };

/** Larger files are refused before parsing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

type Segment = string | number;

/** Maps offsets and JSON paths of one text to 1-based line:column positions. */
class Positions {
  private readonly lineStarts: number[] = [0];
  constructor(
    text: string,
    private readonly root: Node | undefined,
  ) {
    for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** The node at `path`, or its nearest existing ancestor (a missing key points at its object). */
  ofPath(path: readonly Segment[], key?: string): { line: number; column: number } {
    if (this.root === undefined) return { line: 1, column: 1 };
    for (let n = path.length; n >= 0; n -= 1) {
      const node = findNodeAtLocation(this.root, path.slice(0, n));
      if (node === undefined) continue;
      const property =
        key === undefined || n < path.length ? undefined : node.children?.find((p) => p.children?.[0]?.value === key);
      return this.at((property ?? node).offset);
    }
    return { line: 1, column: 1 };
  }

  issue(path: readonly Segment[], message: string, key?: string): ImportIssue {
    return { path: formatPath(key === undefined ? path : [...path, key]), ...this.ofPath(path, key), message };
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');
}

/** Syntax, schema and consistency check of an accounts file on its own. */
export function parseAccountsFile(text: string): ParseResult {
  return checkAccountsFile(text, []);
}

/** As `parseAccountsFile`, also checking MPN IDs against the store's other accounts. */
function checkAccountsFile(text: string, existing: readonly PartnerAccount[]): ParseResult {
  if (text.length > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      issues: [{ path: '', line: 1, column: 1, message: `the file is larger than ${MAX_IMPORT_BYTES} bytes` }],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const positions = new Positions(text, root);
  if (errors.length > 0 || root === undefined) {
    const issues = errors.map((e) => ({
      path: '',
      ...positions.at(e.offset),
      message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    }));
    return {
      ok: false,
      issues: issues.length > 0 ? issues : [{ path: '', line: 1, column: 1, message: 'the file is empty' }],
    };
  }
  const parsed = accountsFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.flatMap((i) => schemaIssue(positions, i)) };
  // JSON has no undefined: a field zod types as `?: T | undefined` is absent or a T here.
  const accounts = parsed.data.accounts.map((a) => ({ ...a, version: 0 }) as PartnerAccount);
  const issues = consistencyIssues(accounts, existing, positions);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, accounts };
}

function schemaIssue(positions: Positions, issue: z.core.$ZodIssue): ImportIssue[] {
  const path = issue.path.filter((s): s is Segment => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => positions.issue(path, `unknown field "${key}"`, key));
  }
  return [positions.issue(path, issue.message)];
}

/**
 * Rules the schema can't express: unique MPN IDs (across the file and the store's other
 * active accounts), users in one of the account's tenants, role scopes that are locations.
 */
function consistencyIssues(
  accounts: readonly PartnerAccount[],
  existing: readonly PartnerAccount[],
  positions: Positions,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const inFile = new Set(accounts.map((a) => a.globalMpnId));
  const owner = new Map<MpnId, string>();
  for (const other of existing) {
    if (other.status !== 'active' || inFile.has(other.globalMpnId)) continue;
    for (const id of [other.globalMpnId, ...other.locations.map((l) => l.mpnId)])
      owner.set(id, `account ${other.globalMpnId} (${other.companyName}) in the store`);
  }
  const seenGlobal = new Set<MpnId>();
  accounts.forEach((account, i) => {
    const at = (...rest: Segment[]): Segment[] => ['accounts', i, ...rest];
    const stored = existing.find((e) => e.globalMpnId === account.globalMpnId);
    if (seenGlobal.has(account.globalMpnId))
      issues.push(
        positions.issue(at('globalMpnId'), `account ${account.globalMpnId} appears more than once in the file`),
      );
    seenGlobal.add(account.globalMpnId);
    if (stored?.status === 'merged') {
      issues.push(
        positions.issue(
          at('globalMpnId'),
          `account ${account.globalMpnId} was merged into ${stored.mergedInto ?? '?'} and can no longer be changed`,
        ),
      );
    }
    if (account.status === 'merged' && account.mergedInto === undefined)
      issues.push(positions.issue(at('status'), 'a merged account needs "mergedInto"'));
    if (account.status === 'active' && account.mergedInto !== undefined)
      issues.push(positions.issue(at('mergedInto'), 'only a merged account has "mergedInto"'));
    if (account.status === 'active') {
      const claim = (mpnId: MpnId, path: Segment[]): void => {
        const previous = owner.get(mpnId);
        if (previous !== undefined)
          issues.push(positions.issue(path, `MPN ID ${mpnId} is already used by ${previous}`));
        else owner.set(mpnId, `account ${account.globalMpnId} (${account.companyName})`);
      };
      claim(account.globalMpnId, at('globalMpnId'));
      account.locations.forEach((l, j) => claim(l.mpnId, at('locations', j, 'mpnId')));
    }
    const tenants = new Set(account.tenants.map((t) => t.tenantId.toLowerCase()));
    const locations = new Set(account.locations.map((l) => l.mpnId));
    const users = new Set<string>();
    account.users.forEach((u, j) => {
      if (users.has(userKey(u)))
        issues.push(positions.issue(at('users', j, 'aadObjectId'), `user ${u.upn} appears more than once`));
      users.add(userKey(u));
      if (!tenants.has(u.tenantId.toLowerCase())) {
        issues.push(
          positions.issue(at('users', j, 'tenantId'), `tenant ${u.tenantId} is not one of the account's tenants`),
        );
      }
      u.roles.forEach((r, k) => {
        if (r.scopeMpnId !== undefined && !locations.has(r.scopeMpnId)) {
          issues.push(
            positions.issue(
              at('users', j, 'roles', k, 'scopeMpnId'),
              `${r.scopeMpnId} is not a location MPN ID of this account`,
            ),
          );
        }
      });
    });
  });
  return issues;
}

/** Validates `text` against the schema and the store, then writes all accounts in one commit. */
export async function importAccounts(store: Store, text: string): Promise<ImportResult> {
  const refuse = (issues: ImportIssue[]): ImportResult => ({
    ok: false,
    error: new DomainError('invalid-import', { problems: issues.length }),
    issues,
  });
  const existing = await store.accounts.list();
  const parsed = checkAccountsFile(text, existing);
  if (!parsed.ok) return refuse(parsed.issues);

  const byId = new Map(existing.map((a) => [a.globalMpnId, a]));
  const created: MpnId[] = [];
  const updated: MpnId[] = [];
  const ops = parsed.accounts.map((account) => {
    const current = byId.get(account.globalMpnId);
    (current === undefined ? created : updated).push(account.globalMpnId);
    return put('account', account, current?.version ?? 0);
  });
  await store.commit(ops);
  return { ok: true, created, updated };
}

/** Every account (merged ones included) as an importable JSON document. */
export async function exportAccounts(store: Store, now: Date = new Date()): Promise<string> {
  const accounts = (await store.accounts.list()).map(({ version: _version, ...rest }) => rest);
  return `${JSON.stringify({ format: ACCOUNTS_FILE_FORMAT, formatVersion: 1, exportedAt: now.toISOString(), accounts }, null, 2)}\n`;
}

/** One line per problem: `file:line:column  path  message`. */
export function formatIssues(fileName: string, issues: readonly ImportIssue[]): string {
  return issues
    .map((i) => `${fileName}:${i.line}:${i.column}  ${i.path === '' ? '(file)' : i.path}  ${i.message}`)
    .join('\n');
}
