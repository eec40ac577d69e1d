import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { checkApiKey } from './auth/api-key-http';
import { ApiKeyStore } from './auth/api-key-store';
import { ActivityStore } from './live/activity-store';
import { createUrqlClient } from './live/client';
import { createLiveSocket } from './live/connection';
import './styles.css';

const keys = new ApiKeyStore();
const { socket, connection } = createLiveSocket(keys);
const client = createUrqlClient(socket, keys);
const activity = new ActivityStore();
const apiKey = { keys, check: (key: string) => checkApiKey(key) };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} connection={connection} activity={activity} apiKey={apiKey} />
  </StrictMode>,
);
