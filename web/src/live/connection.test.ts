import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeWebSocket } from '../test/fake-websocket';
import { memoryKeyStore } from '../test/render-live';
import { createLiveSocket } from './connection';

/** An API without keys: every connection_init is acknowledged. */
const open = () =>
  fakeWebSocket((socket, message) => {
    if (message.type === 'connection_init') socket.receive({ type: 'connection_ack' });
  });

describe('createLiveSocket and the API key', () => {
  it('sends the held key in connection_init, and drops the socket at once when the key changes', async () => {
    const keys = memoryKeyStore('k-1');
    const { WebSocket, sockets } = open();
    const { socket, connection } = createLiveSocket(keys, { url: 'ws://test.invalid/graphql', webSocketImpl: WebSocket });
    try {
      await waitFor(() => expect(connection.getSnapshot()).toEqual({ state: 'connected', epoch: 1 }));
      expect(sockets[0]!.sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer k-1' } });

      keys.forget();
      expect(connection.getSnapshot().state).toBe('reconnecting');
      await waitFor(() => expect(connection.getSnapshot()).toEqual({ state: 'connected', epoch: 2 }));
      expect(sockets).toHaveLength(2);
      expect(sockets[1]!.sent[0]).toEqual({ type: 'connection_init' });
      // Without keys required, no refusal: the prompt never shows.
      expect(keys.getSnapshot().prompt).toBe('hidden');

      keys.accept('k-2');
      await waitFor(() => expect(connection.getSnapshot().epoch).toBe(3));
      expect(sockets[2]!.sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer k-2' } });
    } finally {
      await socket.dispose();
    }
  });

  it('reports a 4401 close with the key that was refused', async () => {
    const keys = memoryKeyStore('k-revoked');
    const { WebSocket } = fakeWebSocket((socket, message) => {
      if (message.type === 'connection_init') socket.close(4401, 'Unauthorized');
    });
    const { socket } = createLiveSocket(keys, { url: 'ws://test.invalid/graphql', webSocketImpl: WebSocket });
    try {
      await waitFor(() => expect(keys.getSnapshot().prompt).toBe('rejected'));
      expect(keys.current()).toBeNull();
    } finally {
      await socket.dispose();
    }
  });
});
