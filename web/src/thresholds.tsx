import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from './graphql';
import { useOnReconnect } from './live/live-query';

/** Where S turns urgent, and where the workers alert their webhook (null: no webhook, no badge). */
export interface Thresholds {
  urgent: number;
  webhook: number | null;
}

/** Until the API has answered: the defaults of the API and the worker. */
export const DEFAULT_THRESHOLDS: Thresholds = { urgent: 0.5, webhook: 0.8 };

export const ThresholdsContext = createContext<Thresholds>(DEFAULT_THRESHOLDS);

export const useThresholds = (): Thresholds => useContext(ThresholdsContext);

export const ThresholdsQuery = graphql(`
  query Thresholds {
    health { urgentThreshold webhookThreshold }
  }
`);

/**
 * Asks the API for the thresholds on load and after every reconnect (a worker may have
 * restarted with another WEBHOOK_MIN_URGENCY), so the badges follow the configuration.
 */
export function ThresholdsProvider({ children }: { children: ReactNode }) {
  const [result, reexecute] = useQuery({ query: ThresholdsQuery, requestPolicy: 'network-only' });
  useOnReconnect(reexecute);
  const health = result.data?.health;
  const value = health ? { urgent: health.urgentThreshold, webhook: health.webhookThreshold ?? null } : DEFAULT_THRESHOLDS;
  return <ThresholdsContext.Provider value={value}>{children}</ThresholdsContext.Provider>;
}
