/**
 * Who is talking, from a Teams activity: Entra object id plus tenant. Authorization uses
 * exactly these two values; a display name is for showing only.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { Viewer } from './mergePorts.js';

/** The tenant Teams names in `channelData.tenant.id`, if any. */
export function channelDataTenant(activity: Partial<Activity>): string | undefined {
  const channelData: unknown = activity.channelData;
  const tenant = (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof tenant === 'string' && tenant ? tenant : undefined;
}

/** Tenant of a Teams activity: the conversation's, else channelData's. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation) return fromConversation;
  return channelDataTenant(activity);
}

export function viewerOf(context: TurnContext): Viewer | undefined {
  const { activity } = context;
  const aadObjectId = activity.from?.aadObjectId;
  const tenantId = tenantOf(activity);
  if (typeof aadObjectId !== 'string' || !aadObjectId || !tenantId) return undefined;
  return {
    aadObjectId,
    tenantId,
    displayName: typeof activity.from.name === 'string' ? activity.from.name.slice(0, 200) : '',
    ...(typeof activity.from.id === 'string' && activity.from.id ? { mri: activity.from.id } : {}),
    locale: activity.locale,
  };
}

/** The viewer as the merge service's actor; roles are always re-read from the store there. */
export function actorOf(viewer: Viewer): { readonly kind: 'user'; readonly aadObjectId: string; readonly tenantId: string; readonly displayName: string } {
  return { kind: 'user', aadObjectId: viewer.aadObjectId, tenantId: viewer.tenantId, displayName: viewer.displayName };
}

/** A text message shown as typed: user-provided values inside cannot become markdown. */
export function plainMessage(text: string): Partial<Activity> {
  return { type: 'message', text, textFormat: 'plain' };
}
