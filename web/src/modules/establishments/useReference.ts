// The nomenclatures (categories, kinds of care, publics…): read once per page load and shared by every page
// of the brick; a failure is forgotten so that the next page asks again.
import { useEffect, useState } from 'preact/hooks';
import { fetchReference, type Reference } from '../../api/establishments';
import { problemMessage } from '../../api/problems';

let cached: Promise<Reference> | null = null;

function loadReference(): Promise<Reference> {
  if (!cached) {
    cached = fetchReference();
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

export type ReferenceState =
  | { kind: 'loading' }
  | { kind: 'ready'; reference: Reference }
  | { kind: 'error'; message: string };

export function useReference(): ReferenceState {
  const [state, setState] = useState<ReferenceState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    loadReference().then(
      (reference) => live && setState({ kind: 'ready', reference }),
      (error: unknown) => live && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
