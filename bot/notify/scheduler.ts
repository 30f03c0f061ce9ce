/**
 * Reminders and expiry on a timer. Safe across restarts: the due lists come from the
 * store, and the merge service marks each reminder and expiry in the same commit as its
 * notifications, so a second run (or a second instance) finds nothing left to do.
 */
import type { MergeService } from '../../services/merge/mergeService.js';
import type { Logger } from '../../services/loggerPort.js';

export interface SchedulerDeps {
  readonly merges: MergeService;
  readonly logger: Logger;
  readonly intervalMs: number;
  /** Called after a tick changed something (wakes the outbox dispatcher). */
  readonly onChange: () => void;
}

export class MergeScheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.ticking ??= this.tick().finally(() => {
        this.ticking = undefined;
      });
    }, this.deps.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** One run: send due reminders, expire overdue invitations. Returns how many changed. */
  async tick(): Promise<number> {
    try {
      const reminded = await this.deps.merges.remindersDue();
      const expired = await this.deps.merges.expireDue();
      const changed = reminded.length + expired.length;
      if (changed > 0) {
        this.deps.logger.info(
          { reminded: reminded.length, expired: expired.length },
          'scheduler: merge invitations reminded/expired',
        );
        this.deps.onChange();
      }
      return changed;
    } catch (err: unknown) {
      this.deps.logger.error({ err }, 'scheduler run failed; will try again');
      return 0;
    }
  }
}
