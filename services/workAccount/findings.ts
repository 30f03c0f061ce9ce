/** What one work-account check found so far (facts, checks, next steps, failures), and how it ends. */
import type { DirectoryAccess } from './directory.js';
import type { Failure } from './failures.js';
import type { CheckOutcome, ConsentNeeded, NextStep, Verdict, WorkAccountFacts, WorkAccountReport } from './report.js';

/** Several failed checks can suggest the same step; keep its first place. */
function distinctSteps(steps: readonly NextStep[]): NextStep[] {
  return [...new Map(steps.map((s) => [`${s.message.key}|${JSON.stringify(s.message.params ?? {})}`, s])).values()];
}

/** What one check found so far, and how it ends. */
export class Findings {
  facts: WorkAccountFacts;
  readonly checks: CheckOutcome[] = [];
  readonly nextSteps: NextStep[] = [];
  private readonly failures: Failure[] = [];
  private organization: string | undefined;

  constructor(facts: WorkAccountFacts) {
    this.facts = facts;
  }

  /** A part that could not be checked: its reason, its next step, and what it says about consent and retrying. */
  couldNot(id: CheckOutcome['id'], failure: Failure): void {
    this.checks.push({ id, status: 'unknown', message: failure.message });
    this.failures.push(failure);
  }

  noteFailure(failure: Failure): void {
    this.failures.push(failure);
  }

  /** Consent missing in the admin's organization: name it (in the bot's home tenant) for the card. */
  async nameConsentOrganization(directory: DirectoryAccess): Promise<void> {
    const consent = this.failures.find((f) => f.consent)?.consent;
    if (consent)
      this.organization = this.facts.tenant?.displayName ?? (await directory.organizationName(consent.tenantId));
  }

  finish(verdict: Verdict): WorkAccountReport {
    const consentFailure = this.failures.find((f) => f.consent)?.consent;
    const consent: ConsentNeeded | undefined = consentFailure
      ? { ...consentFailure, ...(this.organization !== undefined ? { organization: this.organization } : {}) }
      : undefined;
    return {
      verdict,
      facts: this.facts,
      checks: this.checks,
      nextSteps: distinctSteps(this.nextSteps),
      ...(consent ? { consent } : {}),
      retryLater: this.failures.some((f) => f.transient === true),
    };
  }
}
