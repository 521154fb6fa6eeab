// The dashboard's figures as a file (GET /api/v1/dashboards/{scope}/export): XLSX, one sheet per axis and the
// definitions, or CSV for any spreadsheet. The file is read with the session and saved by the browser; a refusal
// is said here, in the page.
import { useState } from 'preact/hooks';
import { downloadDashboard, type ExportFormat } from '../../api/steering';
import { problemMessage } from '../../api/problems';

interface Props {
  scope: string;
  from: string;
  to: string;
}

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; name: string } | { kind: 'error'; message: string };

export function ExportButtons({ scope, from, to }: Props) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function run(format: ExportFormat) {
    setStatus({ kind: 'busy' });
    try {
      const file = await downloadDashboard(scope, from, to, format);
      setStatus({ kind: 'done', name: file.name });
    } catch (error) {
      setStatus({ kind: 'error', message: problemMessage(error) });
    }
  }

  const busy = status.kind === 'busy';
  return (
    <div class="export-links" role="group" aria-labelledby="pilotage-exporter" data-testid="dashboard-export">
      <span class="export-links__label" id="pilotage-exporter">
        Exporter
      </span>
      <button type="button" class="button button--secondary button--small" disabled={busy} onClick={() => run('xlsx')}>
        XLSX<span class="visually-hidden"> (tableau de bord)</span>
      </button>
      <button type="button" class="button button--secondary button--small" disabled={busy} onClick={() => run('csv')}>
        CSV<span class="visually-hidden"> (tableau de bord)</span>
      </button>
      <span class="export-links__status" aria-live="polite" data-testid="dashboard-export-status">
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
