import { AGENT_MAX_LENGTH } from '@iq/core/domain';
import { useCallback, useState } from 'react';

/** The lease lengths the panel offers, in seconds; the first is the API's default. */
export const LEASE_CHOICES = [
  { seconds: 300, label: '5 min' },
  { seconds: 900, label: '15 min' },
  { seconds: 3600, label: '60 min' },
] as const;

export const DEFAULT_LEASE_SECONDS: number = LEASE_CHOICES[0].seconds;

/** Where the agent's own name and lease choice are remembered, across tabs and reloads. */
export const AGENT_KEY = 'iq.agent';
export const LEASE_KEY = 'iq.leaseSeconds';

type SettingsStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage, or null where the browser refuses it (the settings then last for the page). */
function localStorageOrNull(): SettingsStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function read(storage: SettingsStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: SettingsStorage | null, key: string, value: string): void {
  try {
    if (value) storage?.setItem(key, value);
    else storage?.removeItem(key);
  } catch {
    // Full or refused: the setting lasts for the page.
  }
}

export const leaseLabel = (seconds: number): string =>
  LEASE_CHOICES.find((c) => c.seconds === seconds)?.label ?? `${Math.round(seconds / 60)} min`;

/** The agent name to send: trimmed, null when blank (the API's "nobody named"). */
export const agentToSend = (name: string): string | null => name.trim() || null;

/** Whether a claim is this agent's own: its agent is the remembered name (ignoring surrounding spaces). */
export const isOwnClaim = (claimAgent: string | null, name: string): boolean => {
  const own = agentToSend(name);
  return own !== null && claimAgent !== null && claimAgent.trim() === own;
};

/** The agent name and lease choice, read from and written to `storage` as they change. */
export function useClaimSettings(storage: SettingsStorage | null = localStorageOrNull()) {
  const [agent, setAgentState] = useState(() => (read(storage, AGENT_KEY) ?? '').slice(0, AGENT_MAX_LENGTH));
  const [leaseSeconds, setLeaseState] = useState(() => {
    const saved = Number(read(storage, LEASE_KEY));
    return LEASE_CHOICES.some((c) => c.seconds === saved) ? saved : DEFAULT_LEASE_SECONDS;
  });
  const setAgent = useCallback(
    (name: string) => {
      setAgentState(name);
      write(storage, AGENT_KEY, name);
    },
    [storage],
  );
  const setLeaseSeconds = useCallback(
    (seconds: number) => {
      setLeaseState(seconds);
      write(storage, LEASE_KEY, String(seconds));
    },
    [storage],
  );
  return { agent, setAgent, leaseSeconds, setLeaseSeconds };
}
