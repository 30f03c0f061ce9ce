/**
 * Which of the work-account check's situations a report is in: the verdict, told apart
 * where one verdict has several causes that need different next steps (a regional domain,
 * another organization's domain, an unverified one; consent missing or something down).
 */
import type { WorkAccountReport } from './report.js';

export type Situation =
  | 'ready'
  | 'regional'
  | 'otherTenant'
  | 'unverified'
  | 'personal'
  | 'noWorkAccount'
  | 'needsRole'
  | 'consent'
  | 'unconfirmed'
  | 'cannotCheck'
  | 'invalid';

export function situationOf(report: WorkAccountReport): Situation {
  switch (report.verdict) {
    case 'ready':
      return 'ready';
    case 'not-allowed':
      return 'personal';
    case 'no-work-account':
      return 'noWorkAccount';
    case 'needs-admin-role':
      return 'needsRole';
    case 'invalid-input':
      return 'invalid';
    case 'needs-different-domain': {
      const failed = report.checks.find(
        (c) => c.status === 'fail' && (c.id === 'headquarters' || c.id === 'ownTenant'),
      );
      if (failed?.id === 'headquarters') return 'regional';
      return failed?.message.key === 'workAccount.ownTenant.otherTenant' ? 'otherTenant' : 'unverified';
    }
    case 'unconfirmed':
      return report.consent ? 'consent' : 'unconfirmed';
    case 'cannot-check':
      return report.consent ? 'consent' : 'cannotCheck';
  }
}
