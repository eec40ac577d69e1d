import { useMemo } from 'react';
import { Provider, type Client } from 'urql';
import type { ActivityStore } from './activity/activity-store';
import { ActivityPanel } from './activity/ActivityPanel';
import { LiveProvider } from './activity/LiveProvider';
import { Header } from './header/Header';
import type { LiveConnection } from './live/connection';
import { useActivityEvents } from './live/live-context';
import { QueuePanel } from './queue/QueuePanel';
import { useLiveQueue } from './queue/use-live-queue';
import { SubmitPanel } from './submit/SubmitPanel';
import { UrgencyPicture } from './urgency/UrgencyPicture';

export interface AppProps {
  client: Client;
  connection: LiveConnection;
  activity: ActivityStore;
}

/** The live dashboard: header, submit, queue, activity and urgency picture. */
export function App({ client, connection, activity }: AppProps) {
  return (
    <Provider value={client}>
      <LiveProvider connection={connection} activity={activity}>
        <Dashboard />
      </LiveProvider>
    </Provider>
  );
}

function Dashboard() {
  const queue = useLiveQueue();
  const events = useActivityEvents();
  const scores = useMemo(() => (queue.tickets ?? []).map((t) => t.urgencyScore), [queue.tickets]);
  return (
    <>
      <Header />
      <main className="grid">
        <SubmitPanel />
        <QueuePanel queue={queue} />
        <ActivityPanel events={events} />
        <UrgencyPicture scores={scores} events={events} />
      </main>
    </>
  );
}
