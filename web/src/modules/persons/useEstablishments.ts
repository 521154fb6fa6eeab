// The establishments the account can see (GET /api/v1/establishments, archived ones left out): the choices of
// the forms and the names shown on the record. Read once per page load; a failure is forgotten.
import { useEffect, useState } from 'preact/hooks';
import { listEstablishments, type Establishment } from '../../api/establishments';
import { problemMessage } from '../../api/problems';
import type { SelectOption } from '../../ui/SelectField';

let cached: Promise<Establishment[]> | null = null;

async function loadAll(): Promise<Establishment[]> {
  const all: Establishment[] = [];
  let cursor: string | null = null;
  do {
    const page = await listEstablishments({}, cursor, 200);
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && all.length < 2000);
  return all;
}

function load(): Promise<Establishment[]> {
  if (!cached) {
    cached = loadAll();
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

export type EstablishmentsState =
  | { kind: 'loading' }
  | { kind: 'ready'; establishments: Establishment[] }
  | { kind: 'error'; message: string };

export function useEstablishments(): EstablishmentsState {
  const [state, setState] = useState<EstablishmentsState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (establishments) => live && setState({ kind: 'ready', establishments }),
      (error: unknown) => live && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** "IME Les Tilleuls", or "Établissement n° 4" when the account does not see it. */
export function establishmentName(list: readonly Establishment[], id: number): string {
  return list.find((e) => e.id === id)?.name ?? `Établissement n° ${id}`;
}

/** The choices of a form: the establishments not archived, among `allowed` (null: all of them). */
export function establishmentOptions(list: readonly Establishment[], allowed: Set<number> | null): SelectOption[] {
  return list
    .filter((e) => !e.archived_at && (allowed === null || allowed.has(e.id)))
    .map((e) => ({ value: String(e.id), label: e.name }));
}
