import { useState } from 'preact/hooks';
import { ApiProblem, graphql } from '../api/graphql';
import { VIEWER, type ViewerData } from '../api/operations';
import { Notice } from '../shared/notice';
import type { Session } from './session';

interface Props {
  readonly onSignedIn: (session: Session) => void;
  /** Why the last session ended, if it did not end by choice (a revoked key, say). */
  readonly reason: string | null;
}

export function SignIn({ onSignedIn, reason }: Props) {
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(reason);

  async function submit(event: Event) {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) return setProblem('Enter an API key.');
    setBusy(true);
    setProblem(null);
    try {
      const { viewer } = await graphql<ViewerData>(key, VIEWER);
      onSignedIn({ apiKey: key, role: viewer.role, name: viewer.advertiser?.name ?? null });
    } catch (error) {
      setProblem(
        error instanceof ApiProblem && error.kind === 'unauthenticated'
          ? 'That key was not accepted. Check it and try again.'
          : error instanceof ApiProblem && error.kind === 'unreachable'
            ? 'The server cannot be reached. Is it running?'
            : String((error as Error).message),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <h1>clickstream</h1>
      <p>Sign in with an advertiser's API key, or the operator key.</p>
      <form onSubmit={(event) => void submit(event)}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={apiKey}
          onInput={(e) => setApiKey((e.target as HTMLInputElement).value)}
          autofocus
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {problem && <Notice kind="error">{problem}</Notice>}
      <p class="hint">The key is kept in this tab's session storage until you sign out.</p>
    </main>
  );
}
