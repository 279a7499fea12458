/**
 * docs/errors.md as the catalogue says it (pure: `npm run docs:errors` writes it, test/docs/error-codes.test.ts
 * compares the checked-in file with it).
 */
import { ERROR_SECTIONS } from './catalogue.js';
import type { ErrorSpec } from './error-spec.js';

const INTRO = `# Error codes

<!-- Generated from src/domain/errors/ by \`npm run docs:errors\`; edit the catalogue, not this file. -->

Every error openpcs reports carries a stable code \`PCS_<AREA>_<WHAT>\`: in API answers (RFC 9457
\`application/problem+json\`, member \`code\`, with \`errors[].pointer\` naming the bad field), in dead letters
(\`error_code\`), and in CLI messages. Codes are retired, never reused. The catalogue in \`src/domain/errors/\` is the
one source of each code's status, title and text: API problems are built from it and a parser cannot reject with a
code it does not list. \`test/docs/error-codes.test.ts\` fails when this page differs from the catalogue.

Status: the HTTP status of an answer whose \`code\` is this one. A parser's codes (422) name rejected parts of a
message: they are dead letters, and on a synchronous ingest the items of the answer's \`errors[]\`. \`(dead letter)\`:
recorded on a dead letter only; \`(start-up)\`: a process refuses to start (CLI message, log).
`;

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

const status = (spec: ErrorSpec): string =>
  typeof spec.status === 'number' ? String(spec.status) : `(${spec.status})`;

export function renderErrorsDoc(): string {
  const sections = ERROR_SECTIONS.map(({ heading, errors }) => {
    const rows = Object.entries(errors).map(
      ([code, spec]) => `| \`${code}\` | ${status(spec)} | ${cell(spec.title)} | ${cell(spec.text)} |`,
    );
    return [`## ${heading}`, '', '| code | status | title | meaning |', '| --- | --- | --- | --- |', ...rows].join(
      '\n',
    );
  });
  return `${[INTRO.trimEnd(), ...sections].join('\n\n')}\n`;
}
