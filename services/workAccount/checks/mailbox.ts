/** The address itself: not an address at all, or a personal mailbox (Gmail, Outlook.com, a Microsoft account). */
import type { Findings } from '../findings.js';
import type { ReportMessage, WorkAccountReport } from '../report.js';

export function invalidInput(input: string, hint: ReportMessage['key']): WorkAccountReport {
  return {
    verdict: 'invalid-input',
    facts: { input },
    checks: [{ id: 'syntax', status: 'fail', message: { key: hint } }],
    nextSteps: [{ message: { key: 'workAccount.next.useWorkAddress' } }],
    retryLater: false,
  };
}

export function personalMailbox(found: Findings, message: ReportMessage, provider: string): WorkAccountReport {
  found.facts = { ...found.facts, consumerProvider: provider };
  found.checks.push({ id: 'consumer', status: 'fail', message });
  found.nextSteps.push({ message: { key: 'workAccount.next.useWorkAddress' } });
  return found.finish('not-allowed');
}
