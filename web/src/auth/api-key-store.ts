/** Where the key is kept: sessionStorage, so it lasts as long as this tab's session and no longer. */
export const API_KEY_STORAGE_KEY = 'iq.apiKey';

/** Whether the key prompt is shown, and why: no key was sent, or the one sent was refused. */
export type KeyPrompt = 'hidden' | 'missing' | 'rejected';

export interface ApiKeySnapshot {
  /** Whether a key is held. The key itself is never part of rendered state. */
  hasKey: boolean;
  prompt: KeyPrompt;
  /** Increases when a key is entered or forgotten: connections made with the old one are redone. */
  version: number;
}

export type KeyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The tab's sessionStorage, or null where the browser refuses it (the key then lasts for the page). */
function sessionStorageOrNull(): KeyStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The API key for this browser session, and whether the API has asked for one. HTTP
 * requests and the live socket read the key when they are sent and report a refusal
 * here; the prompt and the header control read and change it.
 */
export class ApiKeyStore {
  private key: string | null;
  private snapshot: ApiKeySnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: KeyStorage | null = sessionStorageOrNull()) {
    this.key = this.read();
    this.snapshot = { hasKey: this.key !== null, prompt: 'hidden', version: 0 };
  }

  /** The key to send now, or null to send none. */
  current = (): string | null => this.key;

  getSnapshot = (): ApiKeySnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The API refused a request or the socket; `sent` is the key that went with it (null: none). */
  unauthorized(sent: string | null): void {
    // An answer to something sent before the key changed says nothing about the key now held.
    if (sent !== this.key) return;
    if (sent === null) {
      // A refused key stays the reason shown, even when later requests go out without one.
      if (this.snapshot.prompt === 'hidden') this.set({ prompt: 'missing' });
      return;
    }
    // Dropped so that a reload does not send it again; no version bump, as what used it
    // was refused already.
    this.write(null);
    this.set({ hasKey: false, prompt: 'rejected' });
  }

  /** Keeps a key the API accepted, for this session. */
  accept(key: string): void {
    this.write(key);
    this.set({ hasKey: true, prompt: 'hidden', version: this.snapshot.version + 1 });
  }

  /** Drops the key; what the API then says decides whether the prompt comes back. */
  forget(): void {
    if (this.key === null) return;
    this.write(null);
    this.set({ hasKey: false, prompt: 'hidden', version: this.snapshot.version + 1 });
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(API_KEY_STORAGE_KEY) || null;
    } catch {
      return null;
    }
  }

  private write(key: string | null): void {
    this.key = key;
    try {
      if (key === null) this.storage?.removeItem(API_KEY_STORAGE_KEY);
      else this.storage?.setItem(API_KEY_STORAGE_KEY, key);
    } catch {
      // Storage full or refused: the key still works for as long as the page is open.
    }
  }

  private set(change: Partial<ApiKeySnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

/** Calls `listener` whenever a key is entered or forgotten. */
export function onKeyChange(keys: ApiKeyStore, listener: () => void): () => void {
  let version = keys.getSnapshot().version;
  return keys.subscribe(() => {
    const next = keys.getSnapshot().version;
    if (next === version) return;
    version = next;
    listener();
  });
}
