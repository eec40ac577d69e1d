import { useEffect, useRef, useState } from 'react';
import { useConnection } from './live-context';

/**
 * Calls `onReconnect` after every (re)connect of the live feed that happens while the
 * caller is mounted, so a query asks again for what changed while the socket was down.
 * The mount itself does not count: `useQuery` has just asked.
 */
export function useOnReconnect(onReconnect: () => void): void {
  const { epoch } = useConnection();
  const seen = useRef(epoch);
  useEffect(() => {
    if (epoch === seen.current) return;
    seen.current = epoch;
    onReconnect();
  }, [epoch, onReconnect]);
}

/**
 * The last answer a query gave. urql drops `data` when a refetch fails; a panel keeps
 * showing what it had (next to the error) rather than going blank.
 */
export function useLastAnswer<T>(answer: T | undefined): T | undefined {
  const [last, setLast] = useState(answer);
  if (answer !== undefined && answer !== last) setLast(answer);
  return answer ?? last;
}
