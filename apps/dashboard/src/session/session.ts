import type { Role } from '../api/operations';

/** Session storage, not local: the key goes when the tab does, and sign-out clears it at once. */
const STORAGE_KEY = 'clickstream.session';

export interface Session {
  readonly apiKey: string;
  readonly role: Role;
  /** The advertiser's name, or null for the operator. */
  readonly name: string | null;
}

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
