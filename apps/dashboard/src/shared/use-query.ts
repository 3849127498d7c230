import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, graphql } from '../api/graphql';

export interface QueryState<T> {
  readonly data: T | null;
  readonly problem: ApiProblem | null;
  readonly loading: boolean;
  /**
   * Whether `data` answers the current view. While another view's answer is on its way, the
   * last one stays on screen, but anything computed from it and the new view's settings
   * together would be wrong.
   */
  readonly current: boolean;
  /** Ask again now (after a mutation, say). */
  readonly refresh: () => void;
}

interface Options {
  /** Poll at this interval while set; errors keep polling (the server may come back). */
  readonly everyMs?: number | null;
  /** Skip the request (the inputs are not valid yet). */
  readonly skip?: boolean;
  /** Called when the key is no longer accepted, so the app can sign out. */
  readonly onUnauthenticated?: (problem: ApiProblem) => void;
  /**
   * What the answer is about, apart from the moment it is asked (a live range's ends move
   * with every refresh; its zone and granularity do not). Defaults to the variables.
   */
  readonly view?: string;
}

/**
 * One GraphQL query, re-sent when its variables change and, optionally, every few seconds.
 * Answers to superseded requests are dropped. The last answer stays on screen while the next
 * is on its way or a refresh of the same view fails (beside the error): a live chart does not
 * blink. When the request for another view fails, the old answer goes: it would stand under
 * an error about a question it does not answer (another zone's chart, say). Callers that show
 * something else entirely (another ad) remount instead, with a `key`.
 */
export function useQuery<T>(
  apiKey: string,
  query: string,
  variables: Record<string, unknown>,
  options: Options = {},
): QueryState<T> {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(!options.skip);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const dataView = useRef<string | null>(null);
  const varsKey = JSON.stringify(variables);
  const { everyMs, skip, onUnauthenticated } = options;
  const view = options.view ?? varsKey;

  useEffect(() => {
    if (skip) {
      setLoading(false);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const run = async () => {
      const id = ++latest.current;
      setLoading(true);
      try {
        const answer = await graphql<T>(
          apiKey,
          query,
          JSON.parse(varsKey) as Record<string, unknown>,
        );
        if (id !== latest.current) return;
        setData(answer);
        dataView.current = view;
        setProblem(null);
      } catch (error) {
        if (id !== latest.current) return;
        const p = error instanceof ApiProblem ? error : new ApiProblem('server', String(error));
        setProblem(p);
        if (dataView.current !== view) {
          setData(null);
          dataView.current = null;
        }
        if (p.kind === 'unauthenticated') onUnauthenticated?.(p);
      } finally {
        if (id === latest.current) setLoading(false);
      }
      if (!stopped && everyMs) timer = setTimeout(() => void run(), everyMs);
    };
    void run();
    return () => {
      stopped = true;
      latest.current++;
      if (timer) clearTimeout(timer);
    };
    // onUnauthenticated is left out on purpose: a new function identity must not restart polls.
  }, [apiKey, query, varsKey, view, everyMs, skip, tick]);

  return {
    data,
    problem,
    loading,
    current: data !== null && dataView.current === view,
    refresh: () => setTick((t) => t + 1),
  };
}
