/**
 * How the location's word and the carrier's word on returning an empty combine (issue 13; docs/truckers.md).
 *
 * An empty of carrier C and size/type T can be returned at location L when everyone who has spoken about
 * (L, C, T) accepts it: the location (a terminal for itself, the port authority for a depot) says whether it has
 * room and takes C's empties; the carrier C says whether it wants its empties back at L (it may steer them to a
 * depot, or stop returns where it is repositioning). Neither overrides the other; each party's newest statement
 * replaces only its own earlier one. Capacity: the smaller of the stated figures (a party that states none does
 * not limit it). A party that has said nothing is no obstacle: a location only the carrier has named is listed on
 * the carrier's word, and the reverse.
 *
 * `deciding` is the statement the answer's figure comes from: the word that closes it (the location's first when
 * both do), else the one with the smallest stated capacity (the location's on a tie), else the location's.
 */
import type { EmptyReturnSpeaker } from '../cargo-event-codes.js';

/** One party's newest statement about a location × carrier × size/type. */
export interface ReceivableWord {
  readonly statedBy: EmptyReturnSpeaker;
  readonly accepting: boolean;
  /** Empties it can still take; null when the party does not say. */
  readonly remainingCapacity: number | null;
}

export interface CombinedReceivable<W extends ReceivableWord> {
  readonly accepting: boolean;
  /** 0 when not accepting; null when no party states a figure. */
  readonly remainingCapacity: number | null;
  readonly deciding: W;
}

const ORDER: Readonly<Record<EmptyReturnSpeaker, number>> = { LOCATION: 0, CARRIER: 1 };

/** The combined answer of the words said about one key; null when nobody has spoken. */
export function combineReceivableWords<W extends ReceivableWord>(words: readonly W[]): CombinedReceivable<W> | null {
  const ordered = [...words].sort((a, b) => ORDER[a.statedBy] - ORDER[b.statedBy]);
  const first = ordered[0];
  if (first === undefined) return null;
  const refusing = ordered.find((w) => !w.accepting);
  if (refusing) return { accepting: false, remainingCapacity: 0, deciding: refusing };
  let deciding = first;
  let remainingCapacity: number | null = null;
  for (const w of ordered) {
    if (w.remainingCapacity === null) continue;
    if (remainingCapacity === null || w.remainingCapacity < remainingCapacity) {
      remainingCapacity = w.remainingCapacity;
      deciding = w;
    }
  }
  return { accepting: true, remainingCapacity, deciding };
}
