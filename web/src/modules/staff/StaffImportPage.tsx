// « Importer un tableur du personnel »: the file is sent for a preview (nothing written), its columns are
// matched to the fields (suggested by the server; a change runs the preview again), the lines and their
// errors are listed (an unknown job title names its line), and « Valider l'import » writes all or nothing.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { capitalise, problemMessage } from '../../api/problems';
import { importStaff, type StaffImportResult } from '../../api/staff';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField } from '../../ui/SelectField';
import './staff.css';

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result as ArrayBuffer);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      resolve(btoa(binary));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** "ligne 7/job" → "Ligne 7 — Métier : …". */
function errorText(error: { field: string; message: string }, fields: StaffImportResult['fields']): string {
  const [where, key] = error.field.includes('/') ? error.field.split('/', 2) : ['', error.field];
  const label = fields.find((f) => f.key === key)?.label ?? key;
  const line = /^ligne (\d+)$/.exec(where ?? '');
  const place = line ? `Ligne ${line[1]}` : where === 'mapping' ? 'Correspondance des colonnes' : '';
  return [place, label].filter(Boolean).join(' — ') + ` : ${capitalise(error.message)}`;
}

export function StaffImportPage() {
  const [file, setFile] = useState<string | null>(null);
  const [result, setResult] = useState<StaffImportResult | null>(null);
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<StaffImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(base64: string, mapping: Record<string, string> | undefined, commit: boolean) {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await importStaff({ file_base64: base64, mapping, commit });
      if (answer.committed) setDone(answer);
      else {
        setResult(answer);
        setErrors(answer.errors);
      }
    } catch (error) {
      setErrors(error instanceof ApiError ? error.errors : []);
      setFailure(commit ? "L'import a été refusé : rien n'a été enregistré." : problemMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const chosen = input.files?.[0];
    if (!chosen) return;
    const base64 = await readFile(chosen);
    setFile(base64);
    setDone(null);
    await send(base64, undefined, false);
  }

  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/personnel">Personnel</a>
      </p>
      <PageTitle>Importer un tableur du personnel</PageTitle>
      <p class="lead">
        Un fichier CSV ou XLSX, une ligne par contrat, avec une ligne d'en-tête. Rien n'est enregistré avant « Valider l'import », et
        rien du tout si une ligne est erronée.
      </p>
      <div class="field">
        <label class="field__label" for="import-fichier">
          Fichier (CSV ou XLSX)
        </label>
        <input id="import-fichier" type="file" accept=".csv,.xlsx" class="field__input" onChange={(e) => void choose(e)} />
      </div>
      {busy && <p class="loading">Vérification…</p>}
      <div role="alert">{failure && <p class="alert alert--error">{failure}</p>}</div>
      {done && (
        <p class="alert alert--success" role="status" data-testid="import-done">
          Import enregistré : {done.summary.members_created} fiche(s) créée(s), {done.summary.contracts_created} contrat(s) créé(s),{' '}
          {done.summary.unchanged} ligne(s) déjà connue(s).
        </p>
      )}
      {result && file && !done && (
        <>
          <h2>Correspondance des colonnes</h2>
          <div class="staff-filters">
            {result.fields.map((f) => (
              <SelectField
                key={f.key}
                id={`correspondance-${f.key}`}
                label={f.label}
                value={result.mapping[f.key] ?? ''}
                onValue={(column) => {
                  const mapping = { ...result.mapping };
                  if (column) mapping[f.key] = column;
                  else delete mapping[f.key];
                  void send(file, mapping, false);
                }}
                options={result.columns.map((c) => ({ value: c, label: c }))}
                emptyLabel="Aucune colonne"
                required={f.required}
              />
            ))}
          </div>
          {errors.length > 0 && (
            <>
              <h2>Erreurs à corriger dans le fichier</h2>
              <ul data-testid="import-errors">
                {errors.map((e) => (
                  <li key={e.field + e.message}>{errorText(e, result.fields)}</li>
                ))}
              </ul>
            </>
          )}
          {errors.length === 0 && (
            <>
              <h2>Aperçu</h2>
              <p>
                {result.summary.members_created} fiche(s) à créer, {result.summary.contracts_created} contrat(s) à créer,{' '}
                {result.summary.unchanged} ligne(s) déjà connue(s).
              </p>
              <button type="button" class="button" disabled={busy} onClick={() => void send(file, result.mapping, true)}>
                Valider l'import
              </button>
            </>
          )}
        </>
      )}
    </article>
  );
}
