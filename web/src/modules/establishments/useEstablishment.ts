// One establishment (GET /api/v1/establishments/{id}), read again on demand after a change.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { fetchEstablishment, type EstablishmentDetail } from '../../api/establishments';
import { problemMessage } from '../../api/problems';

export type EstablishmentState =
  | { kind: 'loading' }
  | { kind: 'ready'; establishment: EstablishmentDetail }
  /** Unknown, or of another organisation: the server says 404 either way. */
  | { kind: 'not-found' }
  | { kind: 'error'; message: string };

export function useEstablishment(id: number | null) {
  const [state, setState] = useState<EstablishmentState>(id === null ? { kind: 'not-found' } : { kind: 'loading' });
  const [version, setVersion] = useState(0);
  // The callers of reload() waiting for the new version.
  const waiting = useRef<(() => void)[]>([]);

  useEffect(() => {
    if (id === null) return;
    const controller = new AbortController();
    const settle = () => {
      for (const resolve of waiting.current.splice(0)) resolve();
    };
    fetchEstablishment(id, controller.signal).then(
      (establishment) => {
        setState({ kind: 'ready', establishment });
        settle();
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) setState({ kind: 'not-found' });
        else setState({ kind: 'error', message: problemMessage(error) });
        settle();
      },
    );
    return () => controller.abort();
  }, [id, version]);

  /** Reads the establishment again; what is shown stays until the new version arrives (then the promise resolves). */
  const reload = useCallback(
    () =>
      new Promise<void>((resolve) => {
        waiting.current.push(resolve);
        setVersion((v) => v + 1);
      }),
    [],
  );
  return { state, reload };
}
