/**
 * Validators built from DCSA's own Track & Trace 2.2.0 schemas (test/fixtures/dcsa/official/, verbatim from
 * github.com/dcsaorg/DCSA-OpenAPI), so that what openpcs serves on `/v2/*` is checked against the standard and
 * not against our reading of it.
 *
 * One correction is applied, and only one: the resolved file lists `documentReferences[].documentReferenceType`
 * as the enum `["BKG (Booking)", "TRD (Transport Document)"]` — the resolver turned the description of each value
 * into the value. The T&T 2.2 example in the same file (`documentReferenceType: BKG`, `TRD`) and the Information
 * Model use the bare codes, so the enum is read as `["BKG", "TRD"]`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

const FILE = fileURLToPath(new URL('../fixtures/dcsa/official/tnt_v2.2.0.schemas.yaml', import.meta.url));

interface SchemaDocument {
  components: { schemas: Record<string, Record<string, unknown>> };
}

function loadDocument(): SchemaDocument {
  const doc = parse(readFileSync(FILE, 'utf8'), { schema: 'yaml-1.1' }) as SchemaDocument;
  const inner = doc.components.schemas['documentReferences_inner'] as {
    properties: { documentReferenceType: { enum: string[] } };
  };
  inner.properties.documentReferenceType.enum = ['BKG', 'TRD'];
  return doc;
}

export type DcsaSchemaName = 'equipmentEvent' | 'transportEvent' | 'shipmentEvent' | 'error' | 'subscription';

export interface DcsaValidators {
  validate(name: DcsaSchemaName, value: unknown): string[];
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}

export function dcsaValidators(): DcsaValidators {
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormatsPlugin as unknown as (a: Ajv) => void)(ajv);
  // OpenAPI 3.0 formats the standard uses that JSON Schema does not define.
  ajv.addFormat('$date-time', true);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addSchema(loadDocument(), 'dcsa-tnt-2.2.0');
  const cache = new Map<DcsaSchemaName, ValidateFunction>();
  return {
    validate(name, value) {
      let fn = cache.get(name);
      if (!fn) {
        fn = ajv.compile({ $ref: `dcsa-tnt-2.2.0#/components/schemas/${name}` });
        cache.set(name, fn);
      }
      return fn(value) ? [] : describeErrors(fn.errors);
    },
  };
}
