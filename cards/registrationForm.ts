/**
 * The registration form: the global Partner ID, the company name, the work-account
 * domains, the requester's work e-mail (only when Teams did not say it), and optional
 * locations. Sent back with what was typed and every problem at once when it needs fixing.
 */
import template from './registrationForm.json' with { type: 'json' };
import { defineCard, renderCard, userText, type AdaptiveCardJson } from './render.js';
import { t, type MessageKey } from '../services/i18n/index.js';
import { describeError } from '../services/errors.js';
import type { FieldProblem, RegistrationField } from '../services/accounts/registration.js';

export const REGISTRATION_VERBS = {
  submit: 'registration.submit',
  approve: 'registration.approve',
  reject: 'registration.reject',
  /** Refresh of a reviewer's card. */
  review: 'registration.review',
  /** Refresh of the requester's card. */
  status: 'registration.status',
} as const;

/** Input ids of the form; their values arrive in the `registration.submit` invoke's data. */
export const REGISTRATION_INPUTS = {
  globalMpnId: 'globalMpnId',
  companyName: 'companyName',
  domains: 'domains',
  requesterAddress: 'requesterAddress',
  locations: 'locations',
} as const satisfies Record<RegistrationField, string>;

interface FormField {
  readonly label: string;
  readonly placeholder: string;
  readonly value: string;
}

/** The data bound to `registrationForm.json`. */
export interface RegistrationFormCardData {
  readonly title: string;
  readonly intro: string;
  readonly problemsTitle: string;
  readonly problems: ReadonlyArray<{ readonly text: string }>;
  readonly inputs: typeof REGISTRATION_INPUTS;
  readonly fields: Readonly<Record<RegistrationField, FormField>>;
  /** "Requested by … (address)" when Teams said who the requester is; empty shows the e-mail input. */
  readonly you: string;
  readonly verb: string;
  readonly submit: string;
}

export const registrationFormDefinition = defineCard<RegistrationFormCardData>('registrationForm', template);

export interface RegistrationFormInput {
  readonly locale: string | undefined;
  /** The requester's name and sign-in address, when Teams told the bot. */
  readonly requester?: { readonly name: string; readonly address: string };
  /** What was typed last time. */
  readonly values?: Partial<Record<RegistrationField, string>>;
  readonly problems?: readonly FieldProblem[];
}

/*
 * No input is marked required: Teams draws the required mark in its attention colour, below
 * WCAG contrast in the dark theme. The bot checks every field itself and says what is missing.
 */
const FIELD_KEYS: Readonly<Record<RegistrationField, readonly [label: MessageKey, placeholder: MessageKey]>> = {
  globalMpnId: ['registration.form.mpnLabel', 'registration.form.mpnPlaceholder'],
  companyName: ['registration.form.nameLabel', 'registration.form.namePlaceholder'],
  domains: ['registration.form.domainsLabel', 'registration.form.domainsPlaceholder'],
  requesterAddress: ['registration.form.addressLabel', 'registration.form.addressPlaceholder'],
  locations: ['registration.form.locationsLabel', 'registration.form.locationsPlaceholder'],
};

export function registrationFormCard(input: RegistrationFormInput): AdaptiveCardJson {
  const { locale } = input;
  const field = (id: RegistrationField): FormField => {
    const [label, placeholder] = FIELD_KEYS[id];
    // Values go back into inputs as typed (an input shows text, not markdown), only capped.
    return {
      label: t(locale, label),
      placeholder: t(locale, placeholder),
      value: (input.values?.[id] ?? '').slice(0, 4000),
    };
  };
  return renderCard(registrationFormDefinition, {
    title: t(locale, 'registration.form.title'),
    intro: t(locale, 'registration.form.intro'),
    problemsTitle: t(locale, 'registration.form.problems'),
    problems: (input.problems ?? []).map((p) => ({ text: userText(describeError(p.error, locale), 400) })),
    inputs: REGISTRATION_INPUTS,
    fields: {
      globalMpnId: field('globalMpnId'),
      companyName: field('companyName'),
      domains: field('domains'),
      requesterAddress: field('requesterAddress'),
      locations: field('locations'),
    },
    you: input.requester
      ? t(locale, 'registration.form.you', {
          name: userText(input.requester.name, 120),
          address: userText(input.requester.address, 200),
        })
      : '',
    verb: REGISTRATION_VERBS.submit,
    submit: t(locale, 'registration.form.submit'),
  });
}
