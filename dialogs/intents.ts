/**
 * Typed-command recognition. Teams users type short commands (or click a help-card
 * button that sends the same text); English and Dutch phrasings are both accepted.
 */
export type Intent =
  | { readonly kind: 'help' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'checkDomain'; readonly input?: string }
  | { readonly kind: 'startMerge'; readonly mpnId?: string }
  | { readonly kind: 'history'; readonly mergeId?: string }
  /** The managers list: show it, or add / remove one person by typed address. */
  | { readonly kind: 'managers'; readonly action: 'show' | 'add' | 'remove'; readonly address?: string }
  /** A company's registration (people the bot does not know yet). */
  | { readonly kind: 'register' }
  /** The people and locations of the person's account(s). */
  | { readonly kind: 'people' }
  /** The registrations waiting for the operator's reviewers. */
  | { readonly kind: 'review' }
  | { readonly kind: 'unknown' };

const MAX_COMMAND_LENGTH = 1000;

export function normalizeCommand(text: string | undefined): string {
  return (text ?? '').slice(0, MAX_COMMAND_LENGTH).replace(/\s+/g, ' ').trim();
}

export function recognizeIntent(text: string | undefined): Intent {
  const raw = normalizeCommand(text);
  const lower = raw.toLowerCase().replace(/[.!?]+$/, '');
  if (/^(help|hi|hello|hey|start|menu|hallo|hulp|\?)$/.test(lower)) return { kind: 'help' };
  if (/^(cancel|stop|quit|annuleren|annuleer|stoppen)$/.test(lower)) return { kind: 'cancel' };

  const domain =
    /^(?:check(?:\s+(?:my\s+)?(?:domain|work\s*account|e-?mail))?|domein\s+controleren|controleer(?:\s+domein)?|werkaccount(?:\s+controleren)?)(?:\s+(.+))?$/i.exec(
      raw,
    );
  if (domain) return domain[1] ? { kind: 'checkDomain', input: domain[1].trim() } : { kind: 'checkDomain' };

  const merge =
    /^(?:start\s+merge|merge|samenvoegen(?:\s+starten)?|samenvoeging\s+starten)(?:\s+(?:with\s+|met\s+)?(?:(?:partner|mpn)[\s-]?id\s*[:#]?\s*)?(\S+))?$/i.exec(
      raw,
    );
  if (merge) return merge[1] ? { kind: 'startMerge', mpnId: merge[1] } : { kind: 'startMerge' };

  const history = /^(?:history|merge\s+history|geschiedenis|samenvoegingsgeschiedenis)(?:\s+(\S+))?$/i.exec(raw);
  if (history) return history[1] ? { kind: 'history', mergeId: history[1] } : { kind: 'history' };

  if (/^(?:(?:show\s+)?managers|managers\s+tonen|toon\s+managers|notification\s+list|meldingenlijst)$/i.test(lower))
    return { kind: 'managers', action: 'show' };
  const change =
    /^(?:(add)\s+managers?|managers?\s+(toevoegen)|(remove)\s+managers?|managers?\s+(verwijderen))(?:\s+(.+))?$/i.exec(
      raw,
    );
  if (change) {
    const action = change[1] || change[2] ? 'add' : 'remove';
    return change[5] ? { kind: 'managers', action, address: change[5].trim() } : { kind: 'managers', action };
  }

  if (
    /^(?:register(?:\s+(?:my\s+|our\s+)?company)?|registreren|registreer|(?:mijn\s+|ons\s+)?bedrijf\s+registreren|aanmelden)$/.test(
      lower,
    )
  )
    return { kind: 'register' };
  if (
    /^(?:people|users|locations|people and locations|mensen|gebruikers|personen|locaties|personen en locaties)$/.test(
      lower,
    )
  )
    return { kind: 'people' };
  if (/^(?:registrations|review|review registrations|registraties|beoordelen|registraties beoordelen)$/.test(lower))
    return { kind: 'review' };

  return { kind: 'unknown' };
}
