/**
 * Who is talking, read from an incoming activity: Entra object id plus tenant. Typed by
 * the fields it reads, not by an SDK's Activity, so the bot and its dialogs share it and a
 * move to another bot SDK keeps it. A display name is for showing only.
 */
import type { Viewer } from '../merge/viewer.js';

/** The identity fields of a Bot Framework / Teams activity. */
export interface ActivityIdentityFields {
  readonly from?: { readonly id?: string; readonly name?: string; readonly aadObjectId?: string } | undefined;
  readonly conversation?: { readonly tenantId?: string } | undefined;
  readonly channelData?: unknown;
  readonly locale?: string | undefined;
}

/** The tenant Teams names in `channelData.tenant.id`, if any. */
export function channelDataTenant(activity: ActivityIdentityFields): string | undefined {
  const tenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof tenant === 'string' && tenant ? tenant : undefined;
}

/** Tenant of a Teams activity: the conversation's, else channelData's. */
export function tenantOf(activity: ActivityIdentityFields): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation) return fromConversation;
  return channelDataTenant(activity);
}

export function viewerOf(activity: ActivityIdentityFields): Viewer | undefined {
  const aadObjectId = activity.from?.aadObjectId;
  const tenantId = tenantOf(activity);
  if (typeof aadObjectId !== 'string' || !aadObjectId || !tenantId) return undefined;
  const { name, id } = activity.from ?? {};
  return {
    aadObjectId,
    tenantId,
    displayName: typeof name === 'string' ? name.slice(0, 200) : '',
    ...(typeof id === 'string' && id ? { mri: id } : {}),
    locale: activity.locale,
  };
}
