// The definitions of the indicators (GET /api/v1/indicators): read once per page load, shared by the pages of
// the brick; a failure is forgotten so that the next page asks again.
import { useEffect, useState } from 'preact/hooks';
import { fetchDefinitions, type IndicatorDefinition } from '../../api/steering';
import { problemMessage } from '../../api/problems';

let cached: Promise<IndicatorDefinition[]> | null = null;

function load(): Promise<IndicatorDefinition[]> {
  if (!cached) {
    cached = fetchDefinitions();
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

export type DefinitionsState =
  | { kind: 'loading' }
  | { kind: 'ready'; definitions: IndicatorDefinition[] }
  | { kind: 'error'; message: string };

export function useDefinitions(): DefinitionsState {
  const [state, setState] = useState<DefinitionsState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (definitions) => live && setState({ kind: 'ready', definitions }),
      (error: unknown) => live && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
