import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { agentToSend, AGENT_KEY, DEFAULT_LEASE_SECONDS, isOwnClaim, LEASE_KEY, useClaimSettings } from './claim-settings';

const memory = (initial: Record<string, string> = {}) => {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
};

describe('the claim settings', () => {
  it('reads the remembered agent and lease, and writes them as they change', () => {
    const storage = memory({ [AGENT_KEY]: 'ana', [LEASE_KEY]: '900' });
    const { result } = renderHook(() => useClaimSettings(storage));
    expect(result.current.agent).toBe('ana');
    expect(result.current.leaseSeconds).toBe(900);
    act(() => result.current.setAgent('bo'));
    act(() => result.current.setLeaseSeconds(3600));
    expect(result.current.agent).toBe('bo');
    expect(storage.items.get(AGENT_KEY)).toBe('bo');
    expect(storage.items.get(LEASE_KEY)).toBe('3600');
    act(() => result.current.setAgent(''));
    expect(storage.items.has(AGENT_KEY)).toBe(false);
  });

  it('falls back to the default lease for a value it does not offer, and works without storage', () => {
    expect(renderHook(() => useClaimSettings(memory({ [LEASE_KEY]: '7' }))).result.current.leaseSeconds).toBe(DEFAULT_LEASE_SECONDS);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {},
    };
    const { result } = renderHook(() => useClaimSettings(refusing));
    expect(result.current.agent).toBe('');
    act(() => result.current.setAgent('ana'));
    expect(result.current.agent).toBe('ana');
    expect(renderHook(() => useClaimSettings(null)).result.current.leaseSeconds).toBe(DEFAULT_LEASE_SECONDS);
  });

  it("sends a blank name as nobody, and tells an agent's own claims by name", () => {
    expect(agentToSend('  ')).toBeNull();
    expect(agentToSend(' ana ')).toBe('ana');
    expect(isOwnClaim('ana', ' ana')).toBe(true);
    expect(isOwnClaim('bo', 'ana')).toBe(false);
    expect(isOwnClaim(null, '')).toBe(false);
    expect(isOwnClaim('ana', '')).toBe(false);
  });
});
