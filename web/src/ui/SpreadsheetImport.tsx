// The import of a spreadsheet, whatever it holds: the file is sent for a preview (nothing written), its
// columns are matched to the fields (suggested by the server; a change runs the preview again), the errors
// are listed by line and field, and « Valider l'import » writes all or nothing.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { ImportAnswer, ImportField, ImportRequest } from '../api/imports';
import { capitalise, problemMessage } from '../api/problems';
import { SelectField } from './SelectField';

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
function errorText(error: { field: string; message: string }, fields: ImportField[]): string {
  const [where, key] = error.field.includes('/') ? error.field.split('/', 2) : ['', error.field];
  const label = fields.find((f) => f.key === key)?.label ?? key;
  const line = /^ligne (\d+)$/.exec(where ?? '');
  const place = line ? `Ligne ${line[1]}` : where === 'mapping' ? 'Correspondance des colonnes' : '';
  return [place, label].filter(Boolean).join(' — ') + ` : ${capitalise(error.message)}`;
}

interface Props<A extends ImportAnswer> {
  /** Sends the file (with the options of `options`, added by the caller). */
  send: (input: ImportRequest) => Promise<A>;
  /** « 12 fiche(s) à créer… » for the preview, and what was written once committed. */
  preview: (answer: A) => string;
  done: (answer: A) => string;
  /** Options shown above the file (a checkbox…); a change runs the preview again when a file is chosen. */
  options?: ComponentChildren;
  /** Changes when an option changes, so the preview is sent again. */
  optionsKey?: string;
}

export function SpreadsheetImport<A extends ImportAnswer>({ send, preview, done, options, optionsKey }: Props<A>) {
  const [file, setFile] = useState<string | null>(null);
  const [result, setResult] = useState<A | null>(null);
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [committed, setCommitted] = useState<A | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(base64: string, mapping: Record<string, string> | undefined, commit: boolean) {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await send({ file_base64: base64, mapping, commit });
      if (answer.committed) setCommitted(answer);
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
    setCommitted(null);
    await run(base64, undefined, false);
  }

  // An option changed: the preview is run again with it.
  useEffect(() => {
    if (file && result && !committed) void run(file, result.mapping, false);
  }, [optionsKey]);

  const hidden = (result?.error_count ?? errors.length) - errors.length;
  return (
    <>
      {options}
      <div class="field">
        <label class="field__label" for="import-fichier">
          Fichier (CSV ou XLSX)
        </label>
        <input id="import-fichier" type="file" accept=".csv,.xlsx" class="field__input" onChange={(e) => void choose(e)} />
      </div>
      {busy && <p class="loading">Vérification…</p>}
      <div role="alert">{failure && <p class="alert alert--error">{failure}</p>}</div>
      {committed && (
        <p class="alert alert--success" role="status" data-testid="import-done">
          {done(committed)}
        </p>
      )}
      {result && file && !committed && (
        <>
          <h2>Correspondance des colonnes</h2>
          <div class="import-mapping">
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
                  void run(file, mapping, false);
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
              {hidden > 0 && <p>… et {hidden} autre(s) erreur(s).</p>}
            </>
          )}
          {errors.length === 0 && (
            <>
              <h2>Aperçu</h2>
              <p>{preview(result)}</p>
              <button type="button" class="button" disabled={busy} onClick={() => void run(file, result.mapping, true)}>
                Valider l'import
              </button>
            </>
          )}
        </>
      )}
    </>
  );
}
