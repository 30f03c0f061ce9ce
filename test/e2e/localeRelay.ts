/**
 * Agents Playground 0.2.28 writes `locale: "en-US"` into every activity it sends, whatever
 * the browser's language. This loopback relay sits between a Playground and the bot and
 * sets the locale (and the clientInfo entity's) that a Teams client in that language
 * sends, so the Dutch bot can be clicked through in a real client. Everything else passes
 * through unchanged, replies included.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocaleRelay {
  /** The relay's messaging endpoint (give this to the Playground). */
  readonly endpoint: string;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function withLocale(raw: Buffer, locale: string): Buffer {
  try {
    const activity = JSON.parse(raw.toString('utf8')) as { locale?: unknown; entities?: unknown };
    activity.locale = locale;
    if (Array.isArray(activity.entities)) {
      activity.entities = (activity.entities as Array<Record<string, unknown>>).map((e) =>
        e.type === 'clientInfo' ? { ...e, locale } : e,
      );
    }
    return Buffer.from(JSON.stringify(activity));
  } catch {
    return raw;
  }
}

export async function startLocaleRelay(botEndpoint: string, locale: string): Promise<LocaleRelay> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await bodyOf(req);
      const body = req.method === 'POST' ? withLocale(raw, locale) : undefined;
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(botEndpoint, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => {
      res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
