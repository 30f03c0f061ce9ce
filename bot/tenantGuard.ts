/**
 * Tenant allow-list (`ALLOWED_TENANTS`), as Microsoft's Teams guidance asks of bots that
 * serve known organizations: an activity naming a tenant that is not on the list (or
 * naming none) never reaches the bot's logic. The user gets a polite, localized refusal
 * (a message, or an error invoke response for card clicks), and the log one warning.
 *
 * Every tenant id the activity carries counts (`conversation.tenantId` and
 * `channelData.tenant.id`): all of them must be allowed. An empty list allows every tenant.
 * Only activities received over HTTP are checked (`markInbound`, done by the adapter);
 * proactive turns the bot starts itself (notifications) pass.
 */
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../services/loggerPort.js';
import { t } from '../services/i18n/index.js';
import { channelDataTenant } from '../services/accounts/activityIdentity.js';
import { plainMessage } from '../cards/plainMessage.js';
import { errorResponse } from './cardActions.js';
import { turnLogger } from './turnContext.js';

export interface TenantGuardOptions {
  readonly allowedTenants: readonly string[];
  readonly logger: Logger;
}

/** The tenant ids an activity names (trimmed, as sent), in the order Teams puts them. */
const inbound = new WeakSet<object>();

/** Marks an activity as received from a channel: the guard checks it. */
export function markInbound(activity: Partial<Activity>): void {
  inbound.add(activity);
}

export function tenantsNamedBy(activity: Partial<Activity>): string[] {
  const candidates: unknown[] = [activity.conversation?.tenantId, channelDataTenant(activity)];
  return candidates.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim());
}

export function isTenantAllowed(activity: Partial<Activity>, allowed: ReadonlySet<string>): boolean {
  if (allowed.size === 0) return true;
  const named = tenantsNamedBy(activity);
  return named.length > 0 && named.every((tenant) => allowed.has(tenant.toLowerCase()));
}

export function tenantGuard(options: TenantGuardOptions): Middleware {
  const allowed: ReadonlySet<string> = new Set(options.allowedTenants.map((tenant) => tenant.toLowerCase()));
  return {
    async onTurn(context, next) {
      if (!inbound.has(context.activity) || isTenantAllowed(context.activity, allowed)) {
        await next();
        return;
      }
      const log = turnLogger(context, options.logger);
      const named = tenantsNamedBy(context.activity).map((tenant) => tenant.slice(0, 64));
      log.warn(
        { tenantIds: named, activityType: context.activity.type, channelId: context.activity.channelId },
        'refused an activity from a tenant that is not allowed',
      );
      try {
        await refuse(context);
      } catch (err: unknown) {
        log.warn({ err }, 'could not tell the user that their tenant is not allowed');
      }
    },
  };
}

async function refuse(context: TurnContext): Promise<void> {
  const { activity } = context;
  const message = t(activity.locale, 'core.notAllowedTenant');
  switch (activity.type as ActivityTypes) {
    case ActivityTypes.Message:
      await context.sendActivity(plainMessage(message));
      return;
    case ActivityTypes.ConversationUpdate: {
      // Installed by another organization: say so once, when the bot itself is added.
      const botId = activity.recipient?.id;
      const added = Array.isArray(activity.membersAdded) ? activity.membersAdded : [];
      if (botId && added.some((member) => member?.id === botId)) await context.sendActivity(plainMessage(message));
      return;
    }
    case ActivityTypes.Invoke: {
      // Teams shows the error of a card action from the body; other invokes get a 403.
      const value =
        activity.name === 'adaptiveCard/action'
          ? { status: 200, body: errorResponse(403, 'Forbidden', message) }
          : { status: 403, body: { error: 'Forbidden', message } };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
      return;
    }
    default:
      return;
  }
}
