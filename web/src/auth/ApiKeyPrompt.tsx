import { useId, useRef, useState, type FormEvent } from 'react';
import { useApiKeyAccess, useApiKeyState } from './api-key-context';

export const NOT_ACCEPTED = 'That key was not accepted';

/** Asks for an API key once the API has refused a request for want of one. */
export function ApiKeyPrompt() {
  const { prompt } = useApiKeyState();
  if (prompt === 'hidden') return null;
  return <KeyDialog rejected={prompt === 'rejected'} />;
}

function KeyDialog({ rejected }: { rejected: boolean }) {
  const { keys, check } = useApiKeyAccess();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState(rejected ? NOT_ACCEPTED : '');
  const [checking, setChecking] = useState(false);

  const refuse = (message: string) => {
    setChecking(false);
    setError(message);
    input.current?.select();
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (checking) return;
    const key = value.trim();
    if (!key) return refuse('Enter a key');
    setChecking(true);
    setError('');
    let verdict;
    try {
      verdict = await check(key);
    } catch (err) {
      return refuse(`Could not check the key: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Accepting closes this dialog; the socket reconnects with the key and the queries re-run.
    if (verdict === 'accepted') keys.accept(key);
    else refuse(NOT_ACCEPTED);
  }

  return (
    <div className="key-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-note`}
        className="key-dialog"
      >
        <h2 id={`${id}-title`}>API key needed</h2>
        <p id={`${id}-note`}>
          This API only answers requests that carry a key. The key is kept only for this browser session: closing
          the tab forgets it.
        </p>
        <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={checking}>
          <label htmlFor={`${id}-key`}>API key</label>
          <input
            ref={input}
            id={`${id}-key`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error && (
            <p role="alert" id={`${id}-error`} className="form-error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={checking}>
            {checking ? 'Checking…' : 'Use key'}
          </button>
        </form>
      </div>
    </div>
  );
}
