/**
 * The one way the portal builds DOM: elements with attributes and children, text always as text nodes
 * (never `innerHTML` with data from the API).
 */
export type Child = Node | string | number | null | undefined | false;

export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: readonly (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly (Child | readonly Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? text(child) : child);
  }
}

function text(value: string | number): Text {
  return document.createTextNode(String(value));
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: readonly (Child | readonly Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A `<time>` element: port-local text, the UTC instant in `datetime` and as a tooltip. */
export function timeElement(iso: string | null, format: (iso: string) => string): HTMLElement | string {
  if (iso === null) return '—';
  return h('time', { datetime: iso, title: iso }, format(iso));
}

/** A definition list from label/value pairs; pairs whose value is undefined are left out. */
export function definitions(
  pairs: readonly (readonly [string, Child | readonly Child[]] | undefined)[],
): HTMLDListElement {
  const list = h('dl', { class: 'facts' });
  for (const pair of pairs) {
    if (!pair) continue;
    const [label, value] = pair;
    list.append(h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '—' : value));
  }
  return list;
}
