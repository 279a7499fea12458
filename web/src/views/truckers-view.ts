/**
 * Trucker view (docs/truckers.md): where an empty of a carrier and ISO size/type can be returned now, with the
 * next free appointment (`GET /empty-returns?scac=&isoType=`), appointment slots per terminal and transaction
 * type for the next 24 hours (`GET /appointments/availability`), and the notices in force (`GET /notices?active=true`).
 * Every record shows the API's `asOf` and `source`, and is marked stale when the API flags it
 * (`OPENPCS_FEED_STALE_MINUTES`). Slots and notices are refreshed every minute.
 */
import { apiGet } from '../api';
import type { EmptyReturnAnswer, FeedSource, Notice, Slot } from '../api-types';
import { h, replaceChildren, timeElement, type Child } from '../dom';
import { portTime } from '../format';
import type { Cleanup, ViewContext } from '../main';
import { every, heading, loading, problemMessage } from '../ui';

const REFRESH_MS = 60_000;
const TYPES = ['EMPTY_RETURN', 'IMPORT_PICKUP', 'EXPORT_DROPOFF', 'DUAL'] as const;
const CLOSED_REASON = {
  NOT_ACCEPTING: 'not accepting it',
  FULL: 'full',
  NOTICE: 'closed by a notice',
} as const;

const words = (code: string) => code.toLowerCase().replaceAll('_', ' ');

/** "As of … · Source: <organisation> (inbox n)", with a stale mark when the API flags the figure. */
function provenance(asOf: string, source: FeedSource, stale = false): HTMLElement {
  return h(
    'span',
    { class: 'as-of' },
    'As of ',
    timeElement(asOf, portTime),
    ` · Source: ${source.organisation}${source.inboxId ? ` (inbox ${source.inboxId})` : ''}`,
    stale
      ? h(
          'span',
          { class: 'stale', title: 'older than the age the server flags as stale (OPENPCS_FEED_STALE_MINUTES)' },
          ' · stale',
        )
      : null,
  );
}

function noticeLine(n: Notice): HTMLElement {
  const scope = [n.terminal ?? 'whole port', n.carrierScac, n.isoType].filter(Boolean).join(' · ');
  return h(
    'li',
    { 'data-notice': n.noticeId },
    h('strong', {}, `${words(n.noticeType)} `),
    `(${scope}): ${n.text} `,
    h(
      'span',
      { class: 'sub' },
      'from ',
      timeElement(n.validFrom, portTime),
      n.validTo ? [' to ', timeElement(n.validTo, portTime)] : ' until further notice',
      '. ',
    ),
    provenance(n.asOf, n.source),
  );
}

function cellTable(label: string, head: readonly string[], rows: readonly (readonly Child[])[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'aria-label': label },
      h('thead', {}, h('tr', {}, ...head.map((name) => h('th', { scope: 'col' }, name)))),
      h(
        'tbody',
        {},
        rows.map((cells) => h('tr', {}, ...cells.map((c) => h('td', {}, c)))),
      ),
    ),
  );
}

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const scac = h('input', {
    id: 'empty-scac',
    name: 'scac',
    required: true,
    maxlength: 4,
    autocomplete: 'off',
    placeholder: 'MAEU',
    value: context.params.get('scac') ?? '',
  });
  const isoType = h('input', {
    id: 'empty-iso',
    name: 'isoType',
    required: true,
    maxlength: 4,
    autocomplete: 'off',
    placeholder: '45G1',
    value: context.params.get('isoType') ?? '',
  });
  const emptyForm = h(
    'form',
    { class: 'filters', 'aria-label': 'Where can I return an empty' },
    h('div', { class: 'field' }, h('label', { for: 'empty-scac' }, 'Carrier (SCAC)'), scac),
    h('div', { class: 'field' }, h('label', { for: 'empty-iso' }, 'Size/type (ISO 6346)'), isoType),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Find return locations')),
  );
  const empties = h('div', { 'aria-live': 'polite', 'data-testid': 'empty-returns' });
  const terminalInput = h('input', {
    id: 'slots-terminal',
    name: 'terminal',
    maxlength: 6,
    autocomplete: 'off',
    placeholder: 'all',
  });
  const typeSelect = h(
    'select',
    { id: 'slots-type', name: 'type' },
    h('option', { value: '' }, 'All types'),
    TYPES.map((t) => h('option', { value: t, selected: t === 'EMPTY_RETURN' }, words(t))),
  );
  const slotsForm = h(
    'form',
    { class: 'filters', 'aria-label': 'Appointment slots' },
    h('div', { class: 'field' }, h('label', { for: 'slots-terminal' }, 'Terminal (SMDG code)'), terminalInput),
    h('div', { class: 'field' }, h('label', { for: 'slots-type' }, 'Transaction'), typeSelect),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Show slots')),
  );
  const slots = h('div', { 'aria-live': 'polite', 'data-testid': 'slots' }, loading('the appointment slots'));
  const notices = h('div', { 'aria-live': 'polite', 'data-testid': 'notices' }, loading('the notices in force'));
  replaceChildren(
    root,
    heading('For truckers', 'Empty returns, appointment slots and notices, as the terminals last stated them.'),
    h(
      'section',
      { 'aria-labelledby': 'empties-title' },
      h('h2', { id: 'empties-title' }, 'Return an empty'),
      emptyForm,
      empties,
    ),
    h(
      'section',
      { 'aria-labelledby': 'slots-title' },
      h('h2', { id: 'slots-title' }, 'Appointment slots (next 24 hours)'),
      slotsForm,
      slots,
    ),
    h('section', { 'aria-labelledby': 'notices-title' }, h('h2', { id: 'notices-title' }, 'Notices in force'), notices),
  );
  let stopped = false;

  const findEmpties = async () => {
    replaceChildren(empties, h('p', { class: 'loading' }, 'Looking…'));
    const answer = await apiGet<EmptyReturnAnswer>('/empty-returns', {
      scac: scac.value.trim(),
      isoType: isoType.value.trim(),
    });
    if (stopped) return;
    if (!answer.ok) {
      replaceChildren(empties, problemMessage(answer.problem, 'Return locations could not be found'));
      return;
    }
    const a = answer.data;
    replaceChildren(
      empties,
      h(
        'p',
        {},
        `${a.locations.length} ${a.locations.length === 1 ? 'location takes' : 'locations take'} a ${a.scac} ${a.isoType} empty at `,
        timeElement(a.at, portTime),
        '.',
      ),
      a.locations.length === 0
        ? h('p', { class: 'empty' }, 'No location states that it takes this empty now.')
        : cellTable(
            'Return locations',
            ['Location', 'Room left', 'Next free appointment', 'Notices', 'Stated by · as of · source'],
            a.locations.map((l) => [
              h(
                'span',
                { 'data-location': l.location },
                `${l.name ?? l.location} (${l.location}, ${words(l.locationType)})`,
              ),
              l.remainingCapacity === null ? 'not stated' : String(l.remainingCapacity),
              l.nextSlot
                ? h(
                    'span',
                    {},
                    timeElement(l.nextSlot.slotStart, portTime),
                    '–',
                    timeElement(l.nextSlot.slotEnd, portTime),
                    ` (${l.nextSlot.free} free)`,
                  )
                : 'none free',
              l.notices.length === 0 ? '—' : h('ul', {}, l.notices.map(noticeLine)),
              // Each party's word with its own as-of and stale mark: the location's newest time also counts
              // notices and slots, which carry their own as-of, so it would date an old statement as new.
              l.statements.length === 0
                ? provenance(l.asOf, l.source, l.stale)
                : h(
                    'ul',
                    { class: 'statements' },
                    l.statements.map((w) =>
                      h(
                        'li',
                        { 'data-stated-by': w.statedBy },
                        w.statedBy === 'LOCATION' ? 'Location: ' : 'Carrier: ',
                        provenance(w.asOf, w.source, w.stale),
                      ),
                    ),
                  ),
            ]),
          ),
      a.closed.length === 0
        ? null
        : [
            h('h3', {}, 'Not taking it now'),
            h(
              'ul',
              {},
              a.closed.map((c) =>
                h(
                  'li',
                  { 'data-closed': c.location },
                  `${c.location}: ${CLOSED_REASON[c.reason]}. `,
                  provenance(c.asOf, c.source),
                ),
              ),
            ),
          ],
    );
  };

  const refreshSlots = async () => {
    const answer = await apiGet<{ slots: readonly Slot[]; truncated: boolean }>('/appointments/availability', {
      terminal: terminalInput.value.trim() || undefined,
      type: typeSelect.value || undefined,
    });
    if (stopped) return;
    if (!answer.ok) {
      replaceChildren(slots, problemMessage(answer.problem, 'Appointment slots could not be loaded'));
      return;
    }
    const list = answer.data.slots;
    replaceChildren(
      slots,
      list.length === 0
        ? h('p', { class: 'empty' }, 'No terminal stated slots for the next 24 hours that you may see.')
        : cellTable(
            'Appointment slots',
            ['Terminal', 'Transaction', 'Slot', 'Capacity', 'Booked', 'Free', 'As of · source'],
            list.map((s) => [
              s.terminal,
              words(s.transactionType),
              h('span', {}, timeElement(s.slotStart, portTime), '–', timeElement(s.slotEnd, portTime)),
              String(s.capacity),
              String(s.booked),
              h('strong', {}, String(s.free)),
              provenance(s.asOf, s.source, s.stale),
            ]),
          ),
      answer.data.truncated ? h('p', { class: 'help' }, 'More slots matched than shown: choose a terminal.') : null,
    );
  };

  const refreshNotices = async () => {
    const answer = await apiGet<{ notices: readonly Notice[] }>('/notices', { active: 'true' });
    if (stopped) return;
    if (!answer.ok) {
      replaceChildren(notices, problemMessage(answer.problem, 'Notices could not be loaded'));
      return;
    }
    replaceChildren(
      notices,
      answer.data.notices.length === 0
        ? h('p', { class: 'empty' }, 'No notice in force that you may see.')
        : h('ul', { class: 'notices' }, answer.data.notices.map(noticeLine)),
    );
  };

  emptyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void findEmpties();
  });
  slotsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void refreshSlots();
  });
  if (scac.value && isoType.value) void findEmpties();
  const stop = every(REFRESH_MS, async () => {
    await Promise.all([refreshSlots(), refreshNotices()]);
  });

  return () => {
    stopped = true;
    stop();
  };
}
