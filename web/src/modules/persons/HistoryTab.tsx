// « Historique »: every change of the record, newest first (GET /history): when, who, what, before, after.
import { useEffect, useState } from 'preact/hooks';
import { fetchPersonHistory, type HistoryEntry } from '../../api/persons';
import { problemMessage } from '../../api/problems';
import { formatDateTime } from '../establishments/format';
import { fieldLabel, valueLabel } from './historyLabels';
import type { TabProps } from './tabProps';

type State = { kind: 'loading' } | { kind: 'ready'; items: HistoryEntry[] } | { kind: 'error'; message: string };

export function HistoryTab({ person, reference, establishments }: TabProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  // Read again each time the record is read again (after a change), so that the change is listed.
  useEffect(() => {
    const controller = new AbortController();
    fetchPersonHistory(person.id, controller.signal).then(
      (items) => setState({ kind: 'ready', items }),
      (error: unknown) => !controller.signal.aborted && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, [person]);

  const value = (h: HistoryEntry, v: string | null) => valueLabel(reference, establishments, h.field, v);
  return (
    <>
      <h2 class="tab-title">Historique</h2>
      <div aria-live="polite" class="results-status">
        {state.kind === 'loading' && <p class="loading">Chargement de l'historique…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher l'historique. {state.message}
          </p>
        )}
        {state.kind === 'ready' && state.items.length === 0 && (
          <p class="notice">Aucune modification n'a été enregistrée.</p>
        )}
      </div>
      {state.kind === 'ready' && state.items.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="historique-legende" tabIndex={0}>
          <table class="table" data-testid="history-table">
            <caption id="historique-legende">Modifications du dossier, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Compte</th>
                <th scope="col">Champ</th>
                <th scope="col">Ancienne valeur</th>
                <th scope="col">Nouvelle valeur</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((h) => (
                <tr key={h.id} data-field={h.field}>
                  <th scope="row" class="nowrap">
                    <time dateTime={h.at}>{formatDateTime(h.at)}</time>
                  </th>
                  <td>{h.account || '—'}</td>
                  <td>{fieldLabel(h.field, person.contacts)}</td>
                  <td>{value(h, h.previous_value)}</td>
                  <td>{value(h, h.new_value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
