/**
 * What the alert projection and the last-free-day sweep both do with a rule and a judgement: whom the rule's
 * organisation may see for (the scope `seesRow` takes) and the `alert` row an `AlertDraft` becomes, with the
 * payload the stream and the webhook carry.
 */
import type { AlertDraft } from '../../domain/alerts/evaluate-alert.js';

/** The rule columns an alert row is made from. */
export interface RaisingRule {
  readonly id: string;
  readonly org_id: string;
  readonly kind: string;
  readonly callback_url: string | null;
}

/** An `alert` row to insert (`on conflict (rule_id, change_key) do nothing`). */
export interface RaisedAlert {
  rule_id: string;
  org_id: string;
  change_key: string;
  reason: string;
  payload: string;
  delivery_state: 'pending' | 'stream-only';
}

/** The alert row of a rule's judgement: stream-only when the rule has no callback. */
export function raisedAlert(rule: RaisingRule, draft: AlertDraft): RaisedAlert {
  return {
    rule_id: rule.id,
    org_id: rule.org_id,
    change_key: draft.changeKey,
    reason: draft.reason,
    payload: JSON.stringify({
      kind: rule.kind,
      reason: draft.reason,
      asOf: draft.fact.asOf,
      source: { organisation: draft.fact.sourceOrg, eventId: draft.fact.eventId },
      details: draft.details,
    }),
    delivery_state: rule.callback_url === null ? 'stream-only' : 'pending',
  };
}
