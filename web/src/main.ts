/**
 * The portal shell: navigation, the sign-in state and a hash router that loads each view as its own chunk
 * (`#/map`, `#/calls`, `#/anchorage`, `#/berths`, `#/containers`, `#/truckers`, `#/operations`, `#/green`,
 * `#/sign-in`, and the pages views link to: `#/call?id=`, `#/corridor?id=`). Views render into `<main id="view">` and
 * return a cleanup (timers, the map) that runs when the route changes.
 */
import './styles.css';
import { h, replaceChildren } from './dom';
import { currentSession, signOut, type Session } from './session';

export interface ViewContext {
  readonly session: Session;
  /** Parameters after `?` in the hash (`#/containers?n=…`). */
  readonly params: URLSearchParams;
}

export type Cleanup = () => void;

interface ViewModule {
  render(root: HTMLElement, context: ViewContext): Cleanup;
}

interface Route {
  readonly path: string;
  readonly title: string;
  readonly nav: boolean;
  readonly load: () => Promise<ViewModule>;
}

const ROUTES: readonly Route[] = [
  { path: 'map', title: 'Live map', nav: true, load: () => import('./views/map-view') },
  { path: 'calls', title: 'Vessel calls', nav: true, load: () => import('./views/calls-view') },
  { path: 'anchorage', title: 'Anchorage queue', nav: true, load: () => import('./views/anchorage-view') },
  { path: 'berths', title: 'Berth line-up', nav: true, load: () => import('./views/berths-view') },
  { path: 'containers', title: 'Container look-up', nav: true, load: () => import('./views/containers-view') },
  { path: 'truckers', title: 'For truckers', nav: true, load: () => import('./views/truckers-view') },
  { path: 'operations', title: 'Operations', nav: true, load: () => import('./views/operations-view') },
  { path: 'green', title: 'Green', nav: true, load: () => import('./views/green-view') },
  { path: 'call', title: 'Vessel call', nav: false, load: () => import('./views/call-view') },
  { path: 'corridor', title: 'Green corridor', nav: false, load: () => import('./views/corridor-view') },
  { path: 'sign-in', title: 'Sign in', nav: false, load: () => import('./views/sign-in-view') },
];

const root = document.getElementById('view') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
const notice = document.getElementById('notice') as HTMLElement;

let cleanup: Cleanup | undefined;
let generation = 0;

function parseHash(): { route: Route; params: URLSearchParams } {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const route = ROUTES.find((r) => r.path === path) ?? ROUTES[0]!;
  return { route, params: new URLSearchParams(query) };
}

function renderChrome(active: Route): void {
  const session = currentSession();
  replaceChildren(
    nav,
    ROUTES.filter((r) => r.nav).map((r) =>
      h('li', {}, h('a', { href: `#/${r.path}`, 'aria-current': r === active ? 'page' : null }, r.title)),
    ),
  );
  if (session.key) {
    const signOutButton = h('button', { type: 'button', class: 'link-button' }, 'Sign out');
    signOutButton.addEventListener('click', () => {
      signOut();
      location.hash = '#/map';
    });
    // The role in its own span: narrow screens drop it from the header (the organisation's name stays, and the role
    // is in the tooltip).
    const role = session.identity ? session.identity.role.replaceAll('_', ' ') : null;
    const name = session.identity
      ? h(
          'span',
          { class: 'org', 'data-testid': 'signed-in-as', title: `${session.identity.organisation} (${role})` },
          session.identity.organisation,
          h('span', { class: 'role' }, ` (${role})`),
        )
      : h('span', { class: 'org', 'data-testid': 'signed-in-as' }, 'signed in');
    replaceChildren(who, name, signOutButton);
    replaceChildren(notice);
    notice.hidden = true;
  } else {
    replaceChildren(who, h('a', { href: '#/sign-in', class: 'sign-in-link' }, 'Sign in'));
    replaceChildren(
      notice,
      h('strong', {}, 'Public view. '),
      'You see what the port community publishes openly. ',
      h('a', { href: '#/sign-in' }, "Sign in with your organisation's API key"),
      ' to see community data and your own.',
    );
    notice.hidden = false;
  }
}

async function show(): Promise<void> {
  const mine = ++generation;
  const { route, params } = parseHash();
  cleanup?.();
  cleanup = undefined;
  renderChrome(route);
  document.title = `${route.title} — openpcs`;
  replaceChildren(root, h('p', { class: 'loading' }, `Loading ${route.title.toLowerCase()}…`));
  let view: ViewModule;
  try {
    view = await route.load();
  } catch (error) {
    replaceChildren(
      root,
      h('p', { class: 'problem', role: 'alert' }, `This view could not be loaded: ${String(error)}`),
    );
    return;
  }
  if (mine !== generation) return;
  replaceChildren(root);
  root.dataset['view'] = route.path;
  cleanup = view.render(root, { session: currentSession(), params });
  // Move focus to the new content for keyboard and screen-reader users (not on the first load).
  if (mine > 1) root.focus({ preventScroll: true });
}

window.addEventListener('hashchange', () => void show());
window.addEventListener('openpcs:session', () => renderChrome(parseHash().route));
void show();
