/**
 * The person's sign-in name (UPN) as Teams knows it: `TeamsInfo.getMember` on the
 * conversation, which Teams answers with `userPrincipalName` (and `email`). Undefined when
 * the client or emulator does not say; callers then ask the person.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../services/loggerPort.js';

export function signInNameOf(logger: Logger): (context: TurnContext) => Promise<string | undefined> {
  return async (context) => {
    const from = context.activity.from;
    if (!from?.id) return undefined;
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      const name = member.userPrincipalName ?? member.email;
      return typeof name === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(name) ? name.toLowerCase() : undefined;
    } catch (err: unknown) {
      logger.debug({ err }, 'Teams did not say who the member is');
      return undefined;
    }
  };
}
