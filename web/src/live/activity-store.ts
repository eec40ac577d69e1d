import { mergeEvents } from './event-list';
import type { FeedEvent } from './feed-event';

type Listener = () => void;
type AddedListener = (added: FeedEvent[]) => void;

/**
 * Every activity event the dashboard knows of, newest first, deduplicated by event id
 * (the whole id: two teams' streams can give the same "<ms>-<seq>").
 * Live events and history fetched after a (re)connect are both `add`ed here; whatever
 * order they arrive in, the list has no duplicates.
 */
export class ActivityStore {
  private events: FeedEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly addedListeners = new Set<AddedListener>();

  constructor(readonly max = 2000) {}

  /** Adds events; returns (and announces) those that were not known yet. */
  add(incoming: readonly FeedEvent[]): FeedEvent[] {
    const { events, added } = mergeEvents(this.events, incoming, this.max);
    if (added.length === 0) return added;
    this.events = events;
    for (const listener of this.listeners) listener();
    for (const listener of this.addedListeners) listener(added);
    return added;
  }

  /** The current list (a new array after every change), newest first. */
  getSnapshot = (): FeedEvent[] => this.events;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Calls `listener` with the events each `add` brought that were new. */
  onAdded(listener: AddedListener): () => void {
    this.addedListeners.add(listener);
    return () => {
      this.addedListeners.delete(listener);
    };
  }
}
