import { graphql } from '../graphql';

/** The queue's size and job counts, pushed by the API as they change (throttled); the header and the queue panel share it. */
export const QueueStatsSubscription = graphql(`
  subscription QueueStats {
    queueStats { size waiting active failed }
  }
`);
