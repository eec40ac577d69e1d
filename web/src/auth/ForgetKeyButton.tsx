import { useApiKeyAccess, useApiKeyState } from './api-key-context';

/** Header control: drops the session's key. Only there when a key is held. */
export function ForgetKeyButton() {
  const { keys } = useApiKeyAccess();
  const { hasKey } = useApiKeyState();
  if (!hasKey) return null;
  return (
    <button type="button" className="link-button forget-key" onClick={() => keys.forget()}>
      Forget key
    </button>
  );
}
