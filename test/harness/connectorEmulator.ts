/**
 * A loopback Bot Connector: accepts what a bot sends through the Bot Framework REST API
 * and records it, so tests can assert on exactly what a Teams user would see.
 *   POST /v3/conversations/{id}/activities[/{replyToId}]  (send / reply)
 *   PUT  /v3/conversations/{id}/activities/{activityId}   (update in place)
 *   DELETE /v3/conversations/{id}/activities/{activityId}
 *   POST /v3/conversations                                (create a conversation)
 *   GET  /v3/conversations/{id}/members/{memberId}        (TeamsInfo.getMember)
 * Faults can be scripted per request (status, Retry-After, delay) and replies can be held
 * back (to keep a turn in flight).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface RecordedActivity {
  readonly type?: string;
  readonly text?: string;
  readonly id?: string;
  readonly replyToId?: string;
  readonly locale?: string;
  readonly attachments?: ReadonlyArray<{ readonly contentType: string; readonly content?: unknown }>;
  readonly value?: unknown;
  readonly conversation?: { readonly id: string };
  readonly recipient?: { readonly id: string; readonly aadObjectId?: string };
  readonly [key: string]: unknown;
}

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly kind: 'send' | 'reply' | 'update' | 'delete' | 'createConversation' | 'getMember' | 'other';
  readonly conversationId?: string;
  /** The id the emulator assigned (send/reply/createConversation) or the one updated. */
  readonly activityId?: string;
  readonly replyToId?: string;
  readonly authorization?: string;
  readonly body: unknown;
  readonly status: number;
  readonly at: number;
}

export interface Fault {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly body?: unknown;
  readonly delayMs?: number;
  /** Answer as usual after the delay (a slow success, not a failure). */
  readonly passThrough?: boolean;
}

type Matcher = (call: {
  method: string;
  path: string;
  kind: ConnectorCall['kind'];
  conversationId?: string;
  body: unknown;
}) => boolean;

export interface Member {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
  readonly userPrincipalName?: string;
  readonly tenantId?: string;
}

export class ConnectorEmulator {
  readonly calls: ConnectorCall[] = [];
  private server: Server | undefined;
  private readonly faults: Array<{ match: Matcher; fault: Fault; remaining: number }> = [];
  private readonly members = new Map<string, Member>();
  private held: Array<() => void> | undefined;
  private delayOf: ((kind: ConnectorCall['kind']) => number) | undefined;
  private waiters: Array<() => void> = [];
  private counter = 0;
  url = '';

  private verifyToken: ((token: string) => boolean) | undefined;
  private tokenRefusals = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.release();
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  /** Activities the bot sent or replied (in order), optionally for one conversation. */
  sent(conversationId?: string): RecordedActivity[] {
    return this.calls
      .filter(
        (c) =>
          (c.kind === 'send' || c.kind === 'reply') &&
          c.status < 300 &&
          (!conversationId || c.conversationId === conversationId),
      )
      .map((c) => c.body as RecordedActivity);
  }

  updates(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === 'update' && (!conversationId || c.conversationId === conversationId));
  }

  /** Texts of sent messages, for readable assertions. */
  texts(conversationId?: string): string[] {
    return this.sent(conversationId)
      .filter((a) => a.type === 'message' && typeof a.text === 'string')
      .map((a) => a.text as string);
  }

  /** Adaptive Card contents sent (in order). */
  cards(conversationId?: string): Array<Record<string, unknown>> {
    return this.sent(conversationId).flatMap((a) =>
      (a.attachments ?? [])
        .filter((att) => att.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((att) => att.content as Record<string, unknown>),
    );
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Scripts the next `times` matching requests to fail (or be slow). */
  failNext(match: Matcher, fault: Fault, times = 1): void {
    this.faults.push({ match, fault, remaining: times });
  }

  addMember(conversationId: string, member: Member): void {
    this.members.set(`${conversationId}|${member.id}`, member);
    if (member.aadObjectId) this.members.set(`${conversationId}|${member.aadObjectId}`, member);
  }

  /** Answer every request after `delay(kind)` ms (deliveries of several bot instances overlap then). */
  delayEach(delay: (kind: ConnectorCall['kind']) => number): void {
    this.delayOf = delay;
  }

  /** Hold every response until `release()`: keeps the bot's turn in flight. */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const go of held) go();
  }

  /** Number of requests currently held back. */
  get heldCount(): number {
    return this.held?.length ?? 0;
  }

  /** Resolves when `predicate` holds over the recorded calls (polls on every new call). */
  async waitFor(predicate: (calls: readonly ConnectorCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(
          `connector emulator: condition not met within ${timeoutMs} ms (${this.calls.length} calls recorded)`,
        );
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.min(remaining, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  /**
   * From now on every request must carry a bearer token that `verify` accepts, as the real
   * Bot Connector requires; others get 401 (recorded like any call).
   */
  requireToken(verify: (token: string) => boolean): void {
    this.verifyToken = verify;
  }

  /** Calls refused for a missing or invalid token. */
  get refusedForToken(): number {
    return this.tokenRefusals;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const route = classify(method, path);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (this.verifyToken && !(bearer !== undefined && this.verifyToken(bearer))) {
      this.tokenRefusals += 1;
      res.statusCode = 401;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({ error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' } }),
      );
      return;
    }
    const fault = this.takeFault({
      method,
      path,
      kind: route.kind,
      ...(route.conversationId ? { conversationId: route.conversationId } : {}),
      body,
    });

    if (this.held) await new Promise<void>((go) => this.held!.push(go));
    if (fault?.delayMs) await new Promise((done) => setTimeout(done, fault.delayMs));
    const delay = this.delayOf?.(route.kind) ?? 0;
    if (delay > 0) await new Promise((done) => setTimeout(done, delay));

    let status = 200;
    let response: unknown;
    let activityId: string | undefined;
    if (fault && fault.passThrough !== true) {
      status = fault.status;
      response = fault.body ?? { error: { code: 'EmulatedFault', message: `emulated ${fault.status}` } };
      if (fault.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
    } else {
      switch (route.kind) {
        case 'send':
        case 'reply':
          activityId = `activity-${++this.counter}`;
          response = { id: activityId };
          break;
        case 'update':
          activityId = route.activityId;
          response = { id: activityId };
          break;
        case 'delete':
          activityId = route.activityId;
          response = {};
          break;
        case 'createConversation': {
          const id = `a:emulated-${randomUUID()}`;
          activityId = (body as { activity?: unknown } | undefined)?.activity
            ? `activity-${++this.counter}`
            : undefined;
          response = { id, activityId, serviceUrl: this.url };
          break;
        }
        case 'getMember': {
          const member = this.members.get(`${route.conversationId}|${route.memberId}`);
          if (member) response = member;
          else {
            status = 404;
            response = { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found' } };
          }
          break;
        }
        default:
          status = 404;
          response = { error: { code: 'NotFound', message: `no route for ${method} ${path}` } };
      }
    }
    const authorization = req.headers.authorization;
    this.calls.push({
      method,
      path,
      kind: route.kind,
      ...(route.conversationId ? { conversationId: route.conversationId } : {}),
      ...(activityId ? { activityId } : {}),
      ...(route.replyToId ? { replyToId: route.replyToId } : {}),
      ...(authorization ? { authorization } : {}),
      body,
      status,
      at: Date.now(),
    });
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(response ?? {}));
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private takeFault(call: Parameters<Matcher>[0]): Fault | undefined {
    const index = this.faults.findIndex((f) => f.remaining > 0 && f.match(call));
    if (index < 0) return undefined;
    const entry = this.faults[index]!;
    entry.remaining--;
    if (entry.remaining === 0) this.faults.splice(index, 1);
    return entry.fault;
  }
}

function classify(
  method: string,
  path: string,
): {
  kind: ConnectorCall['kind'];
  conversationId?: string;
  activityId?: string;
  replyToId?: string;
  memberId?: string;
} {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { kind: 'other' };
  if (parts.length === 2 && method === 'POST') return { kind: 'createConversation' };
  const conversationId = parts[2];
  if (!conversationId) return { kind: 'other' };
  if (parts[3] === 'activities') {
    const id = parts[4];
    if (method === 'POST' && !id) return { kind: 'send', conversationId };
    if (method === 'POST' && id) return { kind: 'reply', conversationId, replyToId: id };
    if (method === 'PUT' && id) return { kind: 'update', conversationId, activityId: id };
    if (method === 'DELETE' && id) return { kind: 'delete', conversationId, activityId: id };
  }
  if (parts[3] === 'members' && parts[4] && method === 'GET')
    return { kind: 'getMember', conversationId, memberId: parts[4] };
  return { kind: 'other', conversationId };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
