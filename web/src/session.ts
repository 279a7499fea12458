/**
 * Who the portal is signed in as: the organisation's API key, kept in `sessionStorage` only (gone when the
 * tab closes), and the answer of `GET /whoami` for that key. The portal never filters data for security:
 * it sends the key and shows what the API answers.
 */
export interface Identity {
  readonly organisation: string;
  readonly role: string;
  readonly member: boolean;
  readonly seesAll: boolean;
  readonly scopes: readonly string[];
}

const KEY_ITEM = 'openpcs.apiKey';
const IDENTITY_ITEM = 'openpcs.identity';

export interface Session {
  readonly key: string | null;
  readonly identity: Identity | null;
}

export function currentSession(): Session {
  const key = sessionStorage.getItem(KEY_ITEM);
  const stored = sessionStorage.getItem(IDENTITY_ITEM);
  let identity: Identity | null = null;
  if (key && stored) {
    try {
      identity = JSON.parse(stored) as Identity;
    } catch {
      identity = null;
    }
  }
  return key ? { key, identity } : { key: null, identity: null };
}

export function signIn(key: string, identity: Identity): void {
  sessionStorage.setItem(KEY_ITEM, key);
  sessionStorage.setItem(IDENTITY_ITEM, JSON.stringify(identity));
  window.dispatchEvent(new Event('openpcs:session'));
}

export function signOut(): void {
  sessionStorage.removeItem(KEY_ITEM);
  sessionStorage.removeItem(IDENTITY_ITEM);
  window.dispatchEvent(new Event('openpcs:session'));
}
