import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ActivityStore } from './activity/activity-store';
import { App } from './App';
import { createUrqlClient } from './live/client';
import { createLiveSocket } from './live/connection';
import './styles.css';

const { socket, connection } = createLiveSocket();
const client = createUrqlClient(socket);
const activity = new ActivityStore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} connection={connection} activity={activity} />
  </StrictMode>,
);
