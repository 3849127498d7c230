import { useEffect, useState } from 'preact/hooks';

/** The time, ticking every `everyMs`: moves live ranges along and keeps "… ago" honest. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
