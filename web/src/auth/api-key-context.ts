import { createContext, useContext, useSyncExternalStore } from 'react';
import type { KeyVerdict } from './api-key-http';
import type { ApiKeySnapshot, ApiKeyStore } from './api-key-store';

export interface ApiKeyAccess {
  keys: ApiKeyStore;
  /** Asks the API about a key typed into the prompt (`checkApiKey` in the app). */
  check: (key: string) => Promise<KeyVerdict>;
}

export const ApiKeyContext = createContext<ApiKeyAccess | null>(null);

export function useApiKeyAccess(): ApiKeyAccess {
  const access = useContext(ApiKeyContext);
  if (!access) throw new Error('useApiKeyAccess() needs an <ApiKeyContext.Provider>');
  return access;
}

/** Whether a key is held and whether the prompt is due; re-renders when either changes. */
export function useApiKeyState(): ApiKeySnapshot {
  const { keys } = useApiKeyAccess();
  return useSyncExternalStore(keys.subscribe, keys.getSnapshot);
}
