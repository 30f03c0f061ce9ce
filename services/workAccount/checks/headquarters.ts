/** Headquarters or regional domain, as a check outcome for the report. */
import type { HeadquartersAssessment } from '../headquarters.js';
import type { CheckOutcome } from '../report.js';

export function headquartersOutcome(shown: string, assessment: HeadquartersAssessment): CheckOutcome {
  switch (assessment.kind) {
    case 'single':
      return { id: 'headquarters', status: 'pass', message: { key: 'workAccount.hq.single' } };
    case 'headquarters':
      return {
        id: 'headquarters',
        status: 'pass',
        message: {
          key: 'workAccount.hq.headquarters',
          params: { domain: shown, siblings: assessment.siblings.join(', ') },
        },
      };
    case 'regional':
      return {
        id: 'headquarters',
        status: 'fail',
        message: { key: 'workAccount.hq.regional', params: { domain: shown, suggested: assessment.suggested } },
      };
    case 'regional-name':
      return {
        id: 'headquarters',
        status: 'warn',
        message: { key: 'workAccount.hq.regionalName', params: { domain: shown, code: assessment.region.code } },
      };
    case 'ambiguous':
      return {
        id: 'headquarters',
        status: 'warn',
        message: { key: 'workAccount.hq.ambiguous', params: { siblings: assessment.siblings.join(', ') } },
      };
  }
}
