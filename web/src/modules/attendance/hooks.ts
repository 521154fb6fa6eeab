// Shared pieces of the attendance pages: the establishments the account can see, and the warning before
// leaving a page whose changes are not saved.
import { useEffect, useState } from 'preact/hooks';
import { listEstablishments, type Establishment } from '../../api/establishments';
import { problemMessage } from '../../api/problems';

export type EstablishmentsState =
  | { kind: 'loading' }
  | { kind: 'ready'; items: Establishment[] }
  | { kind: 'error'; message: string };

/** The establishments of the account (not archived), by name. */
export function useEstablishments(): EstablishmentsState {
  const [state, setState] = useState<EstablishmentsState>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    listEstablishments({}, null, 200, controller.signal).then(
      (page) => setState({ kind: 'ready', items: page.items }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: problemMessage(error) });
      },
    );
    return () => controller.abort();
  }, []);
  return state;
}

export const LEAVE_WARNING = 'Des présences saisies ne sont pas enregistrées. Quitter la page sans les enregistrer ?';

/**
 * While `dirty`, closing or reloading the tab asks the browser's confirmation, and a click on a link to another
 * page of the application asks ours (before the router handles the click).
 */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      const anchor = event.target instanceof Element ? event.target.closest('a') : null;
      if (!anchor || !anchor.hasAttribute('href') || anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin === window.location.origin && url.pathname === window.location.pathname && url.hash) return;
      if (!window.confirm(LEAVE_WARNING)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
}
