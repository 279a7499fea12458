import type { ErrorSpec } from './error-spec.js';

/** Errors of the alerts API (`/alerts`, docs/alerts.md). */
export const ALERT_ERRORS = {
  PCS_ALERT_RULE_NOT_FOUND: {
    status: 404,
    title: 'Alert rule not found',
    text: "no such active alert rule of your organisation (another organisation's rule is not found either)",
  },
  PCS_ALERT_RULE_INVALID: {
    status: 400,
    title: 'Invalid alert rule',
    text: 'the rule cannot be evaluated as given: a window that ends before it starts or spans more than 31 days, or a callback URL without a secret (or a secret without a URL)',
  },
} as const satisfies Record<string, ErrorSpec>;
