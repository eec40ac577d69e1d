import { Provider, type Client } from 'urql';
import { ActivityPanel } from './activity/ActivityPanel';
import { ApiKeyContext, useApiKeyState, type ApiKeyAccess } from './auth/api-key-context';
import { ApiKeyPrompt } from './auth/ApiKeyPrompt';
import { ClaimsPanel } from './claims/ClaimsPanel';
import { Header } from './header/Header';
import { FailedJobsPanel } from './jobs/FailedJobsPanel';
import { TeamFilterProvider } from './team-filter';
import { ThresholdsProvider } from './thresholds';
import type { ActivityStore } from './live/activity-store';
import type { LiveConnection } from './live/connection';
import { useActivityEvents } from './live/live-context';
import { LiveProvider } from './live/LiveProvider';
import { QueuePanel } from './queue/QueuePanel';
import { SubmitPanel } from './submit/SubmitPanel';
import { UrgencyPicture } from './urgency/UrgencyPicture';

export interface AppProps {
  client: Client;
  connection: LiveConnection;
  activity: ActivityStore;
  apiKey: ApiKeyAccess;
}

/** The live dashboard: header, submit, claimed tickets and queue, activity and failed jobs, urgency picture; the key prompt over them when due. */
export function App({ client, connection, activity, apiKey }: AppProps) {
  return (
    <ApiKeyContext.Provider value={apiKey}>
      <Provider value={client}>
        <LiveProvider connection={connection} activity={activity}>
          <ThresholdsProvider>
            {/* The team queue the queue panel shows is the urgency picture's too. */}
            <TeamFilterProvider>
              <Dashboard />
            </TeamFilterProvider>
          </ThresholdsProvider>
          <ApiKeyPrompt />
        </LiveProvider>
      </Provider>
    </ApiKeyContext.Provider>
  );
}

function Dashboard() {
  const events = useActivityEvents();
  // Behind the prompt nothing can be reached, by pointer or by keyboard.
  const prompting = useApiKeyState().prompt !== 'hidden';
  return (
    <div className="dashboard" inert={prompting}>
      <Header />
      <main className="grid">
        <SubmitPanel />
        {/* One grid area: the claims an agent works on, over the queue they come from. */}
        <div className="work">
          <ClaimsPanel />
          <QueuePanel />
        </div>
        {/* One grid area: what happened, over the jobs that failed for good (admin keys only). */}
        <div className="side">
          <ActivityPanel events={events} />
          <FailedJobsPanel />
        </div>
        <UrgencyPicture events={events} />
      </main>
    </div>
  );
}
