/**
 * The baseline: a minimal botbuilder echo bot (CloudAdapter + restify, anonymous), the
 * same stack this bot is built on with nothing else. Messages are echoed through the
 * connector; invokes get an empty 200 invoke response.
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { announceReady, serveUsage } from './child.js';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context: TurnContext, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  // botbuilder's request shape, with the method always set (restify types it as optional).
  const request = { body: req.body as Record<string, unknown>, headers: req.headers, method: req.method ?? 'POST' };
  await adapter.process(request, res, (context) => bot.run(context));
});
server.listen(0, '127.0.0.1', () => {
  serveUsage();
  announceReady(`http://127.0.0.1:${server.address().port}`);
});
process.once('SIGTERM', () => {
  server.close(() => {
    process.exit(0);
  });
});
