// The capacity on the current day: one row per kind of care, one column per status.
import type { CapacityLine, Reference } from '../../api/establishments';
import { careModeLabel } from './labels';
import { formatNumber } from './format';

export function CapacityToday({ lines, reference }: { lines: CapacityLine[]; reference: Reference }) {
  if (lines.length === 0) return <p class="notice">Aucune capacité n'est en vigueur aujourd'hui.</p>;
  const modes = [...new Set(lines.map((l) => l.care_mode))];
  const statuses = reference.capacity_statuses;
  const value = (mode: string, status: string) => lines.find((l) => l.care_mode === mode && l.status === status)?.value;
  return (
    <div class="table-wrap">
      <table class="table table--numbers" data-testid="capacity-today">
        <caption>Capacité en vigueur aujourd'hui</caption>
        <thead>
          <tr>
            <th scope="col">Mode d'accueil</th>
            {statuses.map((s) => (
              <th scope="col" key={s.code}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {modes.map((mode) => (
            <tr key={mode}>
              <th scope="row">{careModeLabel(reference, mode)}</th>
              {statuses.map((s) => {
                const v = value(mode, s.code);
                return <td key={s.code}>{v === undefined ? '—' : formatNumber(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
