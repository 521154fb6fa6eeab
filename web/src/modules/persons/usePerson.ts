// One person record (GET /api/v1/persons/{id}), read again on demand after a change.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { fetchPerson, type PersonRecord } from '../../api/persons';
import { problemMessage } from '../../api/problems';

export type PersonState =
  | { kind: 'loading' }
  | { kind: 'ready'; person: PersonRecord }
  /** Unknown, of another organisation, or of an establishment the account does not see: 404 either way. */
  | { kind: 'not-found' }
  | { kind: 'error'; message: string };

export function usePerson(id: number | null) {
  const [state, setState] = useState<PersonState>(id === null ? { kind: 'not-found' } : { kind: 'loading' });
  const [version, setVersion] = useState(0);
  const waiting = useRef<(() => void)[]>([]);

  useEffect(() => {
    if (id === null) {
      setState({ kind: 'not-found' });
      return;
    }
    const controller = new AbortController();
    const settle = () => {
      for (const resolve of waiting.current.splice(0)) resolve();
    };
    fetchPerson(id, controller.signal).then(
      (person) => {
        setState({ kind: 'ready', person });
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

  /** Reads the record again; what is shown stays until the new version arrives (then the promise resolves). */
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
