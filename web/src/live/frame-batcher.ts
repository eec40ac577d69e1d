/** Runs `callback` before the next paint (a timer where there is no animation frame). */
export type FrameScheduler = (callback: () => void) => void;

export const nextFrame: FrameScheduler = (callback) => {
  // A hidden tab gets no frames: events would pile up until it is shown again.
  const hidden = typeof document !== 'undefined' && document.hidden;
  if (typeof requestAnimationFrame === 'function' && !hidden) requestAnimationFrame(() => callback());
  else setTimeout(callback, hidden ? 250 : 16);
};

/**
 * Collects items and hands them to `flush` together, once per frame. Live events arrive
 * one WebSocket message at a time (thousands a second in a burst); applied one by one,
 * each would re-render the dashboard, and the page froze for minutes. Batched, a burst
 * costs at most one store update and one render per frame.
 */
export function createFrameBatcher<T>(flush: (items: T[]) => void, schedule: FrameScheduler = nextFrame) {
  let pending: T[] = [];
  let scheduled = false;
  let disposed = false;
  const run = () => {
    scheduled = false;
    if (disposed || pending.length === 0) return;
    const items = pending;
    pending = [];
    flush(items);
  };
  return {
    push(item: T): void {
      pending.push(item);
      if (scheduled) return;
      scheduled = true;
      schedule(run);
    },
    dispose(): void {
      disposed = true;
      pending = [];
    },
  };
}
