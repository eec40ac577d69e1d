import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryKeyStore } from '../test/render-live';
import { API_KEY_STORAGE_KEY, ApiKeyStore, onKeyChange } from './api-key-store';

afterEach(() => {
  window.sessionStorage.clear();
});

describe('ApiKeyStore', () => {
  it('keeps the key in sessionStorage under iq.apiKey, so a reload in the tab still has it', () => {
    expect(API_KEY_STORAGE_KEY).toBe('iq.apiKey');
    const keys = new ApiKeyStore();
    expect(keys.current()).toBeNull();
    expect(keys.getSnapshot()).toEqual({ hasKey: false, prompt: 'hidden', version: 0 });

    keys.accept('k-123');
    expect(window.sessionStorage.getItem('iq.apiKey')).toBe('k-123');
    expect(window.localStorage.getItem('iq.apiKey')).toBeNull();
    expect(new ApiKeyStore().current()).toBe('k-123');

    keys.forget();
    expect(window.sessionStorage.getItem('iq.apiKey')).toBeNull();
    expect(keys.current()).toBeNull();
  });

  it('asks for a key when a request without one is refused', () => {
    const keys = memoryKeyStore();
    const listener = vi.fn();
    keys.subscribe(listener);
    keys.unauthorized(null);
    expect(keys.getSnapshot().prompt).toBe('missing');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('drops a held key the API refuses, and says so', () => {
    const keys = memoryKeyStore('old');
    keys.unauthorized('old');
    expect(keys.current()).toBeNull();
    expect(keys.getSnapshot()).toMatchObject({ hasKey: false, prompt: 'rejected' });
    // Requests made after it was dropped go without a key; the reason shown stays.
    keys.unauthorized(null);
    expect(keys.getSnapshot().prompt).toBe('rejected');
  });

  it('ignores a refusal of a key it no longer holds', () => {
    const keys = memoryKeyStore();
    keys.accept('new');
    keys.unauthorized(null);
    keys.unauthorized('older');
    expect(keys.current()).toBe('new');
    expect(keys.getSnapshot().prompt).toBe('hidden');
  });

  it('closes the prompt and bumps the version when a key is accepted or forgotten', () => {
    const keys = memoryKeyStore();
    const changes = vi.fn();
    onKeyChange(keys, changes);
    keys.unauthorized(null);
    expect(changes).not.toHaveBeenCalled();
    keys.accept('k');
    expect(keys.getSnapshot()).toEqual({ hasKey: true, prompt: 'hidden', version: 1 });
    keys.forget();
    expect(keys.getSnapshot()).toEqual({ hasKey: false, prompt: 'hidden', version: 2 });
    keys.forget();
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('still works for the page when the browser refuses storage', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const keys = new ApiKeyStore(refusing);
    expect(keys.current()).toBeNull();
    keys.accept('k');
    expect(keys.current()).toBe('k');
    keys.forget();
    expect(keys.current()).toBeNull();
  });
});
