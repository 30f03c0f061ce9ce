/**
 * A person looking at a merge card, as the channel identified them (Entra object id plus
 * tenant; authorization uses exactly these two), and how they act on the merge service.
 */
export interface Viewer {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
  /** Teams user id (`29:…`) used in the card's refresh `userIds`. */
  readonly mri?: string;
  readonly locale: string | undefined;
}

/** The viewer as the merge service's actor; roles are always re-read from the store there. */
export function actorOf(viewer: Viewer): {
  readonly kind: 'user';
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
} {
  return { kind: 'user', aadObjectId: viewer.aadObjectId, tenantId: viewer.tenantId, displayName: viewer.displayName };
}
