// « Campagne ANAP »: the year's figures in the layout of the ANAP indicator list (GET /api/v1/indicators/anap),
// one row per establishment, so that they can be entered in the campaign without retyping: for the establishment
// shown, or for every establishment of the organisation (or of the platform) the account may export.
import { useState } from 'preact/hooks';
import { downloadAnap, type ExportFormat } from '../../api/steering';
import { problemMessage } from '../../api/problems';
import { yearChoices } from './period';

interface Props {
  /** The establishment shown; undefined: every establishment the account may export. */
  establishmentId?: number;
}

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; name: string } | { kind: 'error'; message: string };

export function AnapExport({ establishmentId }: Props) {
  const years = yearChoices();
  // The campaign is filled in the spring for the year before.
  const [year, setYear] = useState(years[1] ?? years[0] ?? new Date().getFullYear() - 1);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function run(format: ExportFormat) {
    setStatus({ kind: 'busy' });
    try {
      const file = await downloadAnap(year, format, establishmentId);
      setStatus({ kind: 'done', name: file.name });
    } catch (error) {
      setStatus({ kind: 'error', message: problemMessage(error) });
    }
  }

  const busy = status.kind === 'busy';
  return (
    <div class="export-links anap-export" role="group" aria-labelledby="pilotage-anap" data-testid="anap-export">
      <span class="export-links__label" id="pilotage-anap">
        Campagne ANAP{establishmentId === undefined ? ' (tous les établissements)' : ''}
      </span>
      <label class="visually-hidden" for="pilotage-anap-annee">
        Année de la campagne ANAP
      </label>
      <select
        id="pilotage-anap-annee"
        class="field__input anap-export__year"
        value={String(year)}
        onChange={(event) => setYear(Number(event.currentTarget.value))}
      >
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
      <button type="button" class="button button--secondary button--small" disabled={busy} onClick={() => run('xlsx')}>
        XLSX<span class="visually-hidden"> (campagne ANAP)</span>
      </button>
      <button type="button" class="button button--secondary button--small" disabled={busy} onClick={() => run('csv')}>
        CSV<span class="visually-hidden"> (campagne ANAP)</span>
      </button>
      <span class="export-links__status" aria-live="polite" data-testid="anap-export-status">
        {busy && 'Préparation du fichier…'}
        {status.kind === 'done' && `Fichier enregistré : ${status.name}`}
        {status.kind === 'error' && (
          <span class="alert--inline-error" role="alert">
            Export impossible. {status.message}
          </span>
        )}
      </span>
    </div>
  );
}
