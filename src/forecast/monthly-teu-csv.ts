/**
 * Reads `monthly_teu.csv` of the San Pedro Bay TEU dataset (data-static/teu/, copied from
 * ../shared/datasets/san-pedro-bay-teu; columns in its README): one row per port and month, the total TEU and
 * the year-on-year change the port printed beside it. Pure: text in, rows out; a malformed row is an error of
 * the shipped file (a bug), so it throws.
 */
export interface MonthlyTeuRow {
  /** UN/LOCODE: USLAX or USLGB. */
  readonly port: string;
  readonly year: number;
  readonly month: number;
  readonly totalTeu: number;
  /** POLA's "Prior Year Change" in percent, where its yearly table printed one. */
  readonly yoyChangePct: number | null;
  readonly quality: string;
  readonly sourceUrl: string;
}

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
export function splitCsvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

export function parseMonthlyTeuCsv(text: string): MonthlyTeuRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvFields(lines[0] ?? '');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`monthly TEU CSV: no column ${name}`);
    return i;
  };
  const [port, year, month, total, yoy, quality, url] = [
    'port',
    'year',
    'month',
    'total_teu',
    'yoy_change_pct_reported',
    'quality',
    'source_url',
  ].map(col) as [number, number, number, number, number, number, number];
  return lines.slice(1).map((line, i) => {
    const f = splitCsvFields(line);
    const num = (at: number): number => {
      const v = Number(f[at]);
      if (f[at] === '' || !Number.isFinite(v)) throw new Error(`monthly TEU CSV line ${i + 2}: not a number`);
      return v;
    };
    return {
      port: f[port]!,
      year: num(year),
      month: num(month),
      totalTeu: num(total),
      yoyChangePct: f[yoy] === '' ? null : num(yoy),
      quality: f[quality]!,
      sourceUrl: f[url]!,
    };
  });
}
