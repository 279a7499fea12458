/**
 * Test helper (the product streams with `AisStreamDecoder`; only the corpus and conformance tests decode a
 * whole buffer at once).
 *
 * One-shot AIS NMEA decoding of a whole text or byte buffer to typed objects (see `AisStreamDecoder` for
 * streams). Never throws on bad input.
 */
import type { Rejection } from '../../src/ingest/message-parser.js';
import { AisStreamDecoder, type AisStreamDecoderOptions } from '../../src/ingest/ais/ais-stream-decoder.js';
import type { AisEnvelope, AisMessage } from '../../src/ingest/ais/ais-types.js';

export interface AisDecodedMessage {
  readonly message: AisMessage;
  readonly envelope: Readonly<AisEnvelope>;
}

export interface AisDecodeResult {
  readonly messages: AisDecodedMessage[];
  readonly rejected: Rejection[];
}

export function decodeToObjects(input: Uint8Array | string, options?: AisStreamDecoderOptions): AisDecodeResult {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const messages: AisDecodedMessage[] = [];
  const rejected: Rejection[] = [];
  const decoder = new AisStreamDecoder(
    (message, envelope) => messages.push({ message, envelope: { ...envelope } }),
    (rejection) => rejected.push(rejection),
    options,
  );
  decoder.push(bytes);
  decoder.end();
  rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { messages, rejected };
}
