// The history of changes (who, when, what, before, after), loaded when shown; for those who change the CPOM.
import { useEffect, useState } from 'preact/hooks';
import type { HistoryEntry } from '../../api/cpom';
import { problemMessage } from '../../api/problems';
import { frenchDateTime } from './format';

export function HistoryTable({ load, label, testId }: {
  load: (signal: AbortSignal) => Promise<{ items: HistoryEntry[] }>;
  label: (field: string) => string;
  testId: string;
}) {
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (h) => setItems(h.items),
      (e: unknown) => !controller.signal.aborted && setError(problemMessage(e)),
    );
    return () => controller.abort();
  }, [load]);
  if (error) return <p class="alert alert--error">{error}</p>;
  if (!items) return <p class="loading">Chargement…</p>;
  if (items.length === 0) return <p>Aucune modification enregistrée.</p>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid={testId}>
        <caption class="visually-hidden">Historique des modifications</caption>
        <thead>
          <tr>
            <th scope="col">Quand</th>
            <th scope="col">Qui</th>
            <th scope="col">Quoi</th>
            <th scope="col">Avant</th>
            <th scope="col">Après</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr key={h.id}>
              <td class="nowrap">{frenchDateTime(h.at)}</td>
              <td>{h.account}</td>
              <td>{label(h.field)}</td>
              <td>{h.previous_value ?? ''}</td>
              <td>{h.new_value ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
