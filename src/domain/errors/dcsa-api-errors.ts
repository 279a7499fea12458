import type { ErrorSpec } from './error-spec.js';

/** Errors of the DCSA Track & Trace API (`/v2/*`) and of event subscriptions. */
export const DCSA_API_ERRORS = {
  PCS_DCSA_CURSOR_FILTER_MISMATCH: {
    status: 400,
    title: 'Filters differ from the cursor',
    text: 'a `cursor` was sent with filters (or a `sort`) other than the ones it was issued for',
  },
  PCS_DCSA_BAD_SORT: {
    status: 400,
    title: 'Invalid sort',
    text: '`GET /v2/events?sort=`: a field that cannot be sorted by (sortable: `eventCreatedDateTime`, `eventDateTime`), a direction other than `ASC`/`DESC`, an empty item or a field named twice',
  },
  PCS_DCSA_SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    title: 'Subscription not found',
    text: 'no such event subscription (or not yours)',
  },
  PCS_DCSA_EVENT_NOT_FOUND: {
    status: 404,
    title: 'Event not found',
    text: '`GET /v2/events/{eventID}`: no such event, or one the caller may not see, or an openpcs extension event not served on `/v2`',
  },
  PCS_SUBSCRIPTION_CALLBACK_REFUSED: {
    status: 400,
    title: 'Callback address not allowed',
    text: 'the callback URL is, or resolves to, a loopback, private, link-local or reserved address the operator has not allowed (`OPENPCS_CALLBACK_ALLOW_NETWORKS`)',
  },
} as const satisfies Record<string, ErrorSpec>;
