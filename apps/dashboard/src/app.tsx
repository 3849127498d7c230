import { useCallback, useState } from 'preact/hooks';
import type { ApiProblem } from './api/graphql';
import { AdsView } from './ads/ads-view';
import { OperatorView } from './operator/operator-view';
import { clearSession, loadSession, saveSession, type Session } from './session/session';
import { SignIn } from './session/sign-in';

type Tab = 'ads' | 'operations';

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [signOutReason, setSignOutReason] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('ads');

  const signOut = useCallback((reason: string | null = null) => {
    clearSession();
    setSession(null);
    setSignOutReason(reason);
    setTab('ads');
  }, []);
  const onUnauthenticated = useCallback(
    (_problem: ApiProblem) => signOut('Your key is no longer accepted. Sign in again.'),
    [signOut],
  );

  if (!session)
    return (
      <SignIn
        reason={signOutReason}
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
          setSignOutReason(null);
        }}
      />
    );

  const isAdmin = session.role === 'ADMIN';
  return (
    <>
      <header class="top-bar">
        <span class="brand">clickstream</span>
        <nav aria-label="Views">
          <button
            type="button"
            aria-current={tab === 'ads' ? 'page' : undefined}
            onClick={() => setTab('ads')}
          >
            {isAdmin ? 'All ads' : 'Your ads'}
          </button>
          {isAdmin && (
            <button
              type="button"
              aria-current={tab === 'operations' ? 'page' : undefined}
              onClick={() => setTab('operations')}
            >
              Operations
            </button>
          )}
        </nav>
        <span class="who">{isAdmin ? 'Operator' : session.name}</span>
        <button type="button" class="sign-out" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <main>
        {tab === 'operations' && isAdmin ? (
          <OperatorView apiKey={session.apiKey} onUnauthenticated={onUnauthenticated} />
        ) : (
          <AdsView
            apiKey={session.apiKey}
            onUnauthenticated={onUnauthenticated}
            isAdmin={isAdmin}
          />
        )}
      </main>
    </>
  );
}
