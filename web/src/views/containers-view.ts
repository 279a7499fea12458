/**
 * Container look-up: one or many container numbers (`GET /containers/{number}` each) or a bill of lading
 * (`GET /containers?transportDocumentReference=`) → status, holds, availability for pick-up and on whose
 * word, last free day and its source, history timeline. A box the caller may not see answers 404 exactly
 * like one that does not exist, and the portal says only that: nothing of it is shown.
 */
import { apiGet, type ApiResult } from '../api';
import type { Container, ContainerPage } from '../api-types';
import { definitions, h, replaceChildren, timeElement } from '../dom';
import { eventWords, lookupReferences, portTime, statusWords } from '../format';
import type { Cleanup, ViewContext } from '../main';
import { heading, problemMessage } from '../ui';

function availability(c: Container): (Node | string)[] {
  const verdict = c.available ? 'Yes' : 'No';
  const source = c.availabilitySource;
  if (source === null) return [verdict];
  if (source.kind === 'terminal') {
    return [
      verdict,
      h(
        'span',
        { class: 'source' },
        ` — stated by terminal ${source.terminal ?? '?'} (${source.statedBy}), `,
        timeElement(source.statedAt, portTime),
        source.holds.length > 0 ? `; holds listed: ${source.holds.join(', ')}` : '',
      ),
    ];
  }
  return [
    verdict,
    h(
      'span',
      { class: 'source' },
      source.holdsOpen.length > 0 ? ` — open holds: ${source.holdsOpen.join(', ')}` : ' — no hold open',
    ),
  ];
}

function lastFreeDay(c: Container): (Node | string)[] | null {
  if (c.lastFreeDay === null) return null;
  const source = c.lastFreeDaySource;
  const from =
    source === null
      ? ''
      : source.kind === 'terminal'
        ? [
            ` — stated by terminal ${source.terminal ?? '?'} (${source.statedBy}), `,
            timeElement(source.statedAt, portTime),
          ]
        : ` — free-time rule: ${source.rule}`;
  const computed =
    c.computedLastFreeDay !== null && c.computedLastFreeDay !== c.lastFreeDay
      ? `; computed from the rule: ${c.computedLastFreeDay}`
      : '';
  return [h('strong', {}, c.lastFreeDay), h('span', { class: 'source' }, ...[from].flat(), computed)];
}

/**
 * Since when the box may be picked up: the API's `availableSince` (discharge, or the last hold released after it);
 * where the caller sees no discharge (a cargo owner sees the terminal's statement, not the carrier's move), the
 * terminal's statement that it is available is the earliest time known, and the card says so.
 */
function availableSince(c: Container): (Node | string)[] | null {
  if (c.availableSince !== null) return [timeElement(c.availableSince, portTime)];
  const source = c.availabilitySource;
  if (!c.available || source?.kind !== 'terminal') return c.available ? ['not known'] : null;
  return [
    'at least since ',
    timeElement(source.statedAt, portTime),
    h('span', { class: 'source' }, ` — the statement of terminal ${source.terminal ?? '?'}; no discharge you may see`),
  ];
}

/** The box's terminal from its moves, else from the terminal that stated its availability. */
function terminal(c: Container): string | null {
  if (c.terminalCode) return `${c.terminalCode}${c.unLocationCode ? `, ${c.unLocationCode}` : ''}`;
  const source = c.availabilitySource;
  return source?.kind === 'terminal' && source.terminal ? `${source.terminal} (from its availability statement)` : null;
}

function containerCard(c: Container): HTMLElement {
  const id = `box-${c.equipmentReference}`;
  const history = c.history;
  return h(
    'article',
    { class: 'card container', 'aria-labelledby': id, 'data-container': c.equipmentReference },
    h(
      'h2',
      { id },
      c.equipmentReference,
      ' ',
      h(
        'span',
        { class: `badge status-${c.status.toLowerCase()}`, 'data-testid': 'container-status' },
        statusWords(c.status),
      ),
    ),
    c.partialView
      ? h(
          'p',
          { class: 'help' },
          'Other organisations reported part of this box’s story: the state is computed from what you may see.',
        )
      : null,
    definitions([
      ['Available for pick-up', h('span', { 'data-testid': 'availability' }, availability(c))],
      ['Available since', availableSince(c)],
      ['Open holds', c.holdsOpen.length > 0 ? c.holdsOpen.join(', ') : 'none'],
      ['Last free day', lastFreeDay(c)],
      ['Demurrage from', c.demurrageStarts],
      ['Terminal', terminal(c)],
      [
        'Vessel',
        (c.vessel.name ?? c.vessel.imoNumber)
          ? `${c.vessel.name ?? ''}${c.vessel.imoNumber ? ` (IMO ${c.vessel.imoNumber})` : ''}${c.carrierVoyageNumber ? `, voyage ${c.carrierVoyageNumber}` : ''}`
          : null,
      ],
      [
        'Type',
        [c.isoEquipmentCode, c.sizeTeu === null ? null : `${c.sizeTeu} TEU`, c.direction?.toLowerCase()]
          .filter(Boolean)
          .join(' · ') || null,
      ],
      ['Discharged', c.dischargedAt === null ? null : timeElement(c.dischargedAt, portTime)],
      ['Gated out', c.gatedOutAt === null ? null : timeElement(c.gatedOutAt, portTime)],
      ['Dwell', c.dwellHours === null ? null : `${c.dwellHours.toFixed(1)} h`],
      ['Bill of lading', c.transportDocumentReferences.length > 0 ? c.transportDocumentReferences.join(', ') : null],
    ]),
    c.holds.length > 0
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { 'aria-label': `Holds of ${c.equipmentReference}` },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Hold', 'Placed', 'Released'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              c.holds.map((hold) =>
                h(
                  'tr',
                  {},
                  h('td', {}, hold.holdType),
                  h('td', {}, timeElement(hold.placedAt, portTime)),
                  h(
                    'td',
                    {},
                    hold.releasedAt === null ? h('strong', {}, 'open') : timeElement(hold.releasedAt, portTime),
                  ),
                ),
              ),
            ),
          ),
        )
      : null,
    history
      ? h(
          'section',
          { 'aria-label': `History of ${c.equipmentReference}` },
          h('h3', {}, 'History'),
          history.length === 0
            ? h('p', { class: 'empty' }, 'No event that you may see.')
            : h(
                'ol',
                { class: 'timeline' },
                history.map((e) =>
                  h(
                    'li',
                    { 'data-event': e.eventTypeCode },
                    timeElement(e.eventDateTime, portTime),
                    ' ',
                    h('strong', {}, eventWords(e.eventTypeCode)),
                    e.holdType ? ` (${e.holdType})` : '',
                    e.eventClassifierCode !== 'ACT'
                      ? ` — ${e.eventClassifierCode === 'EST' ? 'estimated' : e.eventClassifierCode === 'PLN' ? 'planned' : e.eventClassifierCode}`
                      : '',
                    [e.terminalCode, e.unLocationCode].some(Boolean)
                      ? ` · ${[e.terminalCode, e.unLocationCode].filter(Boolean).join(', ')}`
                      : '',
                    e.modeOfTransport ? ` · ${e.modeOfTransport.toLowerCase()}` : '',
                    h('span', { class: 'source' }, ` · source: ${e.source}`),
                  ),
                ),
              ),
        )
      : null,
  );
}

function notVisible(reference: string, answer: ApiResult<unknown>): HTMLElement {
  if (!answer.ok && answer.status === 404) {
    return h(
      'article',
      { class: 'card container missing', 'data-container': reference, 'data-outcome': 'not-found' },
      h('h2', {}, reference),
      h('p', {}, 'No container with this number that your organisation may see.'),
    );
  }
  return h(
    'article',
    { class: 'card container missing', 'data-container': reference, 'data-outcome': 'problem' },
    h('h2', {}, reference),
    answer.ok ? null : problemMessage(answer.problem, 'Not looked up'),
  );
}

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const mode = h(
    'select',
    { id: 'lookup-mode', name: 'mode' },
    h('option', { value: 'containers' }, 'Container numbers'),
    h('option', { value: 'bl' }, 'Bill of lading'),
  );
  const input = h('textarea', {
    id: 'lookup-input',
    name: 'references',
    rows: 3,
    spellcheck: 'false',
    'aria-describedby': 'lookup-help',
    required: true,
  });
  const help = h(
    'p',
    { id: 'lookup-help', class: 'help' },
    'One or more container numbers (ISO 6346, e.g. MSCU1234566), separated by spaces, commas or new lines; at most 50.',
  );
  const results = h('div', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'false' });
  const form = h(
    'form',
    { class: 'lookup card', role: 'search', 'aria-label': 'Look up containers' },
    h('div', { class: 'field' }, h('label', { for: 'lookup-mode' }, 'Look up by'), mode),
    h('div', { class: 'field grow' }, h('label', { for: 'lookup-input' }, 'Numbers'), input, help),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Look up')),
  );
  replaceChildren(
    root,
    heading('Container look-up', 'Status, holds, availability for pick-up, last free day and history of your boxes.'),
    form,
    results,
  );

  let stopped = false;
  mode.addEventListener('change', () => {
    help.textContent =
      mode.value === 'bl'
        ? 'One bill of lading number (letters, digits or -): every box on it that you may see.'
        : 'One or more container numbers (ISO 6346, e.g. MSCU1234566), separated by spaces, commas or new lines; at most 50.';
  });

  const lookUp = async () => {
    const { references, dropped } = lookupReferences(input.value);
    if (references.length === 0) return;
    results.setAttribute('aria-busy', 'true');
    replaceChildren(results, h('p', {}, 'Looking up…'));
    let cards: HTMLElement[];
    const asked = new Date().toISOString();
    if (mode.value === 'bl') {
      const reference = references[0]!;
      const answer = await apiGet<ContainerPage>('/containers', { transportDocumentReference: reference, limit: 1000 });
      cards = !answer.ok
        ? [notVisible(reference, answer)]
        : answer.data.containers.length === 0
          ? [
              h(
                'p',
                { class: 'empty', 'data-outcome': 'not-found' },
                `No container on bill of lading ${reference} that your organisation may see.`,
              ),
            ]
          : answer.data.containers.map(containerCard);
    } else {
      const answers = await Promise.all(
        references.map((r) => apiGet<Container>(`/containers/${encodeURIComponent(r)}`)),
      );
      cards = answers.map((answer, i) => (answer.ok ? containerCard(answer.data) : notVisible(references[i]!, answer)));
    }
    if (stopped) return;
    replaceChildren(
      results,
      h(
        'p',
        { class: 'as-of' },
        'As of ',
        timeElement(asked, portTime),
        ' · Source: container events you may see (GET /containers); each figure names who stated it.',
      ),
      dropped > 0
        ? h('p', { class: 'problem' }, `${dropped} more numbers were not looked up (at most 50 at once).`)
        : null,
      cards,
    );
    results.setAttribute('aria-busy', 'false');
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams({ [mode.value === 'bl' ? 'bl' : 'n']: input.value.trim() });
    history.replaceState(null, '', `#/containers?${params.toString()}`);
    void lookUp();
  });

  const preset = context.params.get('n') ?? context.params.get('bl');
  if (preset) {
    mode.value = context.params.has('bl') ? 'bl' : 'containers';
    input.value = preset;
    void lookUp();
  } else {
    input.focus();
  }
  return () => {
    stopped = true;
  };
}
