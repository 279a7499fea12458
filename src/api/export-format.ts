/**
 * Export formats of the resource lists: `?format=csv|ndjson` wins, else `Accept: text/csv` or
 * `application/x-ndjson`, else JSON. CSV is RFC 4180 (quoted when needed, CRLF line ends); arrays are
 * joined with `;`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const EXPORT_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportFormatOf(request: FastifyRequest, explicit: ExportFormat | undefined): ExportFormat {
  if (explicit) return explicit;
  const accept = request.headers.accept ?? '';
  if (accept.includes('text/csv')) return 'csv';
  if (accept.includes('application/x-ndjson')) return 'ndjson';
  return 'json';
}

function scalar(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function cell(value: unknown): string {
  const text = Array.isArray(value) ? value.map(scalar).join(';') : scalar(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV with the given columns (header first). */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function toNdjson(rows: readonly unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/** A list page as CSV or NDJSON; the next page's cursor, if any, in `Next-Page-Cursor`. */
export function sendExport(
  reply: FastifyReply,
  format: Exclude<ExportFormat, 'json'>,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  items: readonly unknown[],
  nextCursor: string | null,
): FastifyReply {
  if (nextCursor) void reply.header('Next-Page-Cursor', nextCursor);
  return format === 'csv'
    ? reply.type('text/csv; charset=utf-8').send(toCsv(columns, rows))
    : reply.type('application/x-ndjson; charset=utf-8').send(toNdjson(items));
}
