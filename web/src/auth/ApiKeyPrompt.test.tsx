import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Client as WsClient } from 'graphql-ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pipe, subscribe } from 'wonka';
import { App } from '../App';
import { ActivitySubscription } from '../live/activity-feed';
import { ActivityStore } from '../live/activity-store';
import { createUrqlClient } from '../live/client';
import { createLiveSocket, ManualConnection } from '../live/connection';
import { fakeApi, forbidden, type Role } from '../test/fake-api';
import { fakeWebSocket } from '../test/fake-websocket';
import { memoryKeyStore } from '../test/render-live';
import { checkApiKey, type Fetch } from './api-key-http';
import { ApiKeyContext } from './api-key-context';
import { ApiKeyPrompt } from './ApiKeyPrompt';

const scorer = { __typename: 'ScorerInfo', kind: 'lexicon', model: 'vader', reason: 'r' };
const health = { health: { __typename: 'Health', status: 'ok', scorer } };

/** The whole app over a fake HTTP API; the socket is a stand-in whose subscriptions stay silent. */
function setup(apiKeys: Record<string, Role> | null, heldKey?: string) {
  const api = fakeApi({
    keys: apiKeys,
    answers: {
      Health: () => ({ body: { data: health } }),
      QueuePage: () => ({ body: { data: { queuePage: { size: 0, matching: 0, tickets: [] } } } }),
      QueueSummary: () => ({ body: { data: { queueSummary: { size: 0, bins: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], urgent: 0, high: 0 } } } }),
      ActivityHistory: () => ({ body: { data: { activity: [] } } }),
      ClearQueue: (_, role) => (role === 'admin' ? { body: { data: { clearQueue: 0 } } } : forbidden('clearQueue')),
    },
  });
  const silentSocket = { subscribe: () => () => {} } as unknown as WsClient;
  const keys = memoryKeyStore(heldKey);
  const connection = new ManualConnection();
  const client = createUrqlClient(silentSocket, keys, api.fetch);
  render(
    <App
      client={client}
      connection={connection}
      activity={new ActivityStore()}
      apiKey={{ keys, check: (key) => checkApiKey(key, api.fetch) }}
    />,
  );
  return { api, keys, connection };
}

const dialog = () => screen.findByRole('dialog', { name: 'API key needed' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('API key prompt', () => {
  it('never appears when the API runs without keys, and no Authorization header is sent', async () => {
    const { api } = setup(null);
    expect(await screen.findByText('Queue is empty')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('lexicon'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Forget key' })).toBeNull();
    expect(api.requests.length).toBeGreaterThan(0);
    expect(api.requests.every((r) => r.authorization === null)).toBe(true);
  });

  it('appears when /graphql answers 401, asking for a password-type key kept for the session only', async () => {
    setup({ 'k-agent': 'agent' });
    const prompt = await dialog();
    const input = within(prompt).getByLabelText('API key');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveFocus();
    expect(prompt).toHaveTextContent(/kept only for this browser session/);
    expect(within(prompt).getByRole('button', { name: 'Use key' })).toBeInTheDocument();
  });

  it('keeps the prompt open with "That key was not accepted" for an unknown key', async () => {
    const user = userEvent.setup();
    const { api, keys } = setup({ 'k-agent': 'agent' });
    const prompt = await dialog();
    await user.type(within(prompt).getByLabelText('API key'), 'k-wrong');
    await user.click(within(prompt).getByRole('button', { name: 'Use key' }));
    expect(await within(prompt).findByRole('alert')).toHaveTextContent('That key was not accepted');
    expect(screen.getByRole('dialog')).toBe(prompt);
    expect(keys.current()).toBeNull();
    expect(api.of('ApiKeyCheck').map((r) => r.authorization)).toEqual(['Bearer k-wrong']);
  });

  it('says when the API gave no verdict on the key (here: rate limited), and keeps the prompt open', async () => {
    const user = userEvent.setup();
    const keys = memoryKeyStore();
    keys.unauthorized(null);
    const limited: Fetch = async () => new Response('', { status: 429, statusText: 'Too Many Requests' });
    render(
      <ApiKeyContext.Provider value={{ keys, check: (key) => checkApiKey(key, limited) }}>
        <ApiKeyPrompt />
      </ApiKeyContext.Provider>,
    );
    await user.type(screen.getByLabelText('API key'), 'k-agent');
    await user.click(screen.getByRole('button', { name: 'Use key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not check the key: the API answered 429 Too Many Requests');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(keys.current()).toBeNull();
  });

  it('sends the accepted key as a Bearer header on the requests that follow, and re-runs them', async () => {
    const user = userEvent.setup();
    const consoles = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const { api, connection } = setup({ 'k-agent': 'agent' });
    const prompt = await dialog();
    expect(await screen.findByText(/Could not load the queue/)).toBeInTheDocument();
    const refusedQueries = api.of('QueuePage').length;

    await user.type(within(prompt).getByLabelText('API key'), '  k-agent ');
    await user.click(within(prompt).getByRole('button', { name: 'Use key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // The socket reconnects with the key; its connect re-runs the queries.
    act(() => connection.connected());
    expect(await screen.findByText('Queue is empty')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('lexicon'));
    const after = api.requests.slice(api.requests.findIndex((r) => r.operationName === 'ApiKeyCheck') + 1);
    expect(api.of('QueuePage').length).toBeGreaterThan(refusedQueries);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.authorization === 'Bearer k-agent')).toBe(true);
    expect(after.every((r) => r.url === '/graphql')).toBe(true);
    const logged = consoles.flatMap((spy) => spy.mock.calls.flat().map(String)).join('\n');
    expect(logged).not.toContain('k-agent');
  });

  it('"Forget key" drops the key; the next refused request brings the prompt back', async () => {
    const user = userEvent.setup();
    const { api, keys, connection } = setup({ 'k-admin': 'admin' });
    await user.type(within(await dialog()).getByLabelText('API key'), 'k-admin');
    await user.click(screen.getByRole('button', { name: 'Use key' }));
    await user.click(await screen.findByRole('button', { name: 'Forget key' }));
    expect(keys.current()).toBeNull();
    expect(screen.queryByRole('button', { name: 'Forget key' })).toBeNull();

    const sent = api.requests.length;
    act(() => connection.connected());
    expect(await dialog()).toBeInTheDocument();
    expect(api.requests.slice(sent).every((r) => r.authorization === null)).toBe(true);
  });

  it('shows a 403 FORBIDDEN where the action failed, not as the prompt', async () => {
    const user = userEvent.setup();
    setup({ 'k-agent': 'agent' }, 'k-agent');
    expect(await screen.findByText('Queue is empty')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear queue' }));
    await user.click(screen.getByRole('button', { name: 'Confirm clear' }));
    const queue = screen.getByRole('region', { name: 'Queue' });
    expect(await within(queue).findByRole('alert')).toHaveTextContent("This key's role may not do that");
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Forget key' })).toBeInTheDocument();
  });

  it('appears when the live socket is closed with 4401; with the key, the socket and its subscriptions come back', async () => {
    const user = userEvent.setup();
    const keys = memoryKeyStore();
    const { WebSocket, sockets } = fakeWebSocket((socket, message) => {
      if (message.type !== 'connection_init') return;
      const payload = message.payload as { authorization?: string } | undefined;
      if (payload?.authorization === 'Bearer k-agent') socket.receive({ type: 'connection_ack' });
      else socket.close(4401, 'Unauthorized');
    });
    const { socket, connection } = createLiveSocket(keys, { url: 'ws://test.invalid/graphql', webSocketImpl: WebSocket });
    const api = fakeApi({ keys: { 'k-agent': 'agent' }, answers: {} });
    const events: unknown[] = [];
    const { unsubscribe } = pipe(
      createUrqlClient(socket, keys, api.fetch).subscription(ActivitySubscription, {}),
      subscribe((result) => events.push(result.data ?? result.error)),
    );
    render(
      <ApiKeyContext.Provider value={{ keys, check: (key) => checkApiKey(key, api.fetch) }}>
        <ApiKeyPrompt />
      </ApiKeyContext.Provider>,
    );
    try {
      const prompt = await dialog();
      expect(sockets.every((s) => s.sent[0]?.type === 'connection_init' && s.sent[0].payload === undefined)).toBe(true);
      await user.type(within(prompt).getByLabelText('API key'), 'k-agent');
      await user.click(within(prompt).getByRole('button', { name: 'Use key' }));
      await waitFor(() => expect(connection.getSnapshot()).toEqual({ state: 'connected', epoch: 1 }));
      expect(screen.queryByRole('dialog')).toBeNull();

      const live = sockets.at(-1)!;
      expect(live.sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer k-agent' } });
      expect(sockets.every((s) => !s.url.includes('k-agent'))).toBe(true);
      // The subscription ended by the refusal was made again on the new socket.
      await waitFor(() => expect(live.sent.map((m) => m.type)).toContain('subscribe'));
      const id = live.sent.find((m) => m.type === 'subscribe')!.id!;
      const event = { __typename: 'ActivityEvent', id: '1-0', ts: '2024-01-01T00:00:00Z', type: 'x', ticketId: null, data: {} };
      act(() => live.receive({ type: 'next', id, payload: { data: { activity: event } } }));
      await waitFor(() => expect(events).toEqual([{ activity: event }]));
    } finally {
      unsubscribe();
      await socket.dispose();
    }
  });
});
