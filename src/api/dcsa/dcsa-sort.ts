/**
 * The DCSA Track & Trace 2.2 `sort` query parameter of `GET /v2/events`: field names, each optionally
 * followed by `:ASC` or `:DESC` (ascending when left out), comma separated, the first the most significant,
 * e.g. `sort=eventDateTime:DESC,eventCreatedDateTime`. The sortable fields are the event's two instants,
 * `eventCreatedDateTime` and `eventDateTime`; ties are broken by store position (`seq`), so the order is total
 * and cursor pages never overlap or skip. A field the API cannot sort by, an unknown direction, an empty item
 * or a field named twice is a 400 with a pointer to `/query/sort`.
 */
import { SORTABLE_EVENT_FIELDS, type EventSort, type SortableEventField } from '../../store/event-query.js';
import { problem, type ProblemError } from '../problem.js';

const DIRECTIONS: Readonly<Record<string, 'ASC' | 'DESC'>> = { ASC: 'ASC', DESC: 'DESC' };

const isSortable = (name: string): name is SortableEventField =>
  (SORTABLE_EVENT_FIELDS as readonly string[]).includes(name);

function badSort(detail: string): ProblemError {
  return problem('PCS_DCSA_BAD_SORT', detail, [{ pointer: '/query/sort', detail }]);
}

/** The sort a `sort` parameter asks for; throws a 400 problem for anything it cannot honour. */
export function parseDcsaSort(text: string): EventSort {
  const sort: { field: SortableEventField; direction: 'ASC' | 'DESC' }[] = [];
  for (const item of text.split(',')) {
    const [name = '', direction, ...rest] = item.trim().split(':');
    if (name === '') throw badSort(`empty sort item in "${text}": expected field[:ASC|:DESC], comma separated`);
    if (!isSortable(name)) {
      throw badSort(`cannot sort by "${name}": sortable fields are ${SORTABLE_EVENT_FIELDS.join(', ')}`);
    }
    const dir = direction === undefined ? 'ASC' : DIRECTIONS[direction.toUpperCase()];
    if (dir === undefined || rest.length > 0) {
      throw badSort(`"${item.trim()}": the direction after the field name is ASC or DESC`);
    }
    if (sort.some((s) => s.field === name)) throw badSort(`"${name}" is named twice in sort`);
    sort.push({ field: name, direction: dir });
  }
  return sort;
}
