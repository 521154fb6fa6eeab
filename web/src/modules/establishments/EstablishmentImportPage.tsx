// "Importer des établissements": a CSV or XLSX file is sent for a preview (nothing written), its columns are
// matched to the fields (the server suggests a correspondence; any change runs the preview again), the rows
// and their errors are shown, and « Valider l'import » writes everything — or nothing, if a row is wrong.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type FieldError } from '../../api/client';
import { importEstablishments, type ImportAction, type ImportField, type ImportResult } from '../../api/establishmentsImport';
import { capitalise, problemMessage } from '../../api/problems';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { canWriteEstablishment } from './access';
import { frenchDates } from './format';
import './establishments.css';

const ACTIONS: Record<ImportAction, string> = {
  create: 'Création',
  update: 'Mise à jour',
  unchanged: 'Inchangé',
};

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(toBase64(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** "ligne 7/finess_et" → "Ligne 7 — N° FINESS : …"; "mapping/name" → "Correspondance des colonnes — Nom : …". */
function errorText(error: FieldError, fields: readonly ImportField[]): string {
  const message = capitalise(frenchDates(error.message));
  const [where, key] = error.field.includes('/') ? error.field.split('/', 2) : ['', error.field];
  const label = fields.find((f) => f.key === key)?.label ?? key;
  const line = /^ligne (\d+)$/.exec(where ?? '');
  const place = line ? `Ligne ${line[1]}` : where === 'mapping' ? 'Correspondance des colonnes' : capitalise(where ?? '');
  const parts = [place, label].filter(Boolean).join(' — ');
  return parts ? `${parts} : ${message}` : message;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

const fieldId = (key: string) => `correspondance-${key.replace(/[^a-z0-9_-]/gi, '-')}`;

interface File64 {
  name: string;
  base64: string;
}

export function EstablishmentImportPage() {
  const { session } = useSession();
  const allowed = canWriteEstablishment(session);
  const [file, setFile] = useState<File | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const [fileError, setFileError] = useState<string | undefined>();
  const [dateError, setDateError] = useState<string | undefined>();
  const [sent, setSent] = useState<File64 | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const sequence = useRef(0);
  const mappingTitle = useRef<HTMLHeadingElement>(null);
  const doneTitle = useRef<HTMLHeadingElement>(null);
  const focusMapping = useRef(false);

  useEffect(() => {
    if (result && focusMapping.current) {
      focusMapping.current = false;
      mappingTitle.current?.focus();
    }
  }, [result]);
  useEffect(() => {
    if (done) doneTitle.current?.focus();
  }, [done]);

  async function send(source: File64, mapping: Record<string, string> | undefined, commit: boolean) {
    const id = ++sequence.current;
    setBusy(commit ? 'commit' : 'preview');
    setFailure(null);
    try {
      const answer = await importEstablishments({
        file_base64: source.base64,
        mapping,
        commit,
        effective_from: effectiveFrom || undefined,
      });
      if (id !== sequence.current) return;
      if (answer.committed) {
        setDone(answer);
      } else {
        setResult(answer);
        setErrors(answer.errors);
      }
    } catch (error) {
      if (id !== sequence.current) return;
      if (error instanceof ApiError && error.errors.length > 0) {
        setErrors(error.errors);
        setFailure(commit ? "L'import a été refusé : rien n'a été enregistré." : problemMessage(error));
      } else {
        setErrors([]);
        setFailure(problemMessage(error));
      }
      if (commit && error instanceof ApiError && error.status === 422 && result) {
        // The rows are valid no more: the preview is shown again with the reasons.
        setResult({ ...result, rows: [] });
      }
    } finally {
      if (id === sequence.current) setBusy(null);
    }
  }

  async function onPreview(event: Event) {
    event.preventDefault();
    const missingFile = file ? undefined : 'Choisissez un fichier CSV ou XLSX.';
    const badDate = /^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) ? undefined : "Saisissez la date d'effet des capacités.";
    setFileError(missingFile);
    setDateError(badDate);
    if (missingFile || badDate || !file) {
      document.getElementById(missingFile ? 'import-fichier' : 'import-date-effet')?.focus();
      return;
    }
    let base64: string;
    try {
      base64 = await readFile(file);
    } catch {
      setFileError("Le fichier n'a pas pu être lu.");
      return;
    }
    const source = { name: file.name, base64 };
    setSent(source);
    setResult(null);
    setDone(null);
    focusMapping.current = true;
    await send(source, undefined, false);
  }

  function changeMapping(key: string, column: string) {
    if (!result || !sent) return;
    const mapping = { ...result.mapping };
    if (column) mapping[key] = column;
    else delete mapping[key];
    setResult({ ...result, mapping });
    void send(sent, mapping, false);
  }

  const fields = result?.fields ?? [];
  const mappingErrors: Record<string, string> = {};
  for (const error of errors) {
    if (error.field.startsWith('mapping/')) mappingErrors[error.field.slice(8)] ??= capitalise(error.message);
  }

  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href="/etablissements">Établissements</a>
      </p>
      <PageTitle>Importer des établissements</PageTitle>
      {!allowed && (
        <p class="alert alert--error" role="alert">
          Votre compte ne permet pas d'importer des établissements. Adressez-vous à la direction ou à l'administrateur
          de votre organisme.
        </p>
      )}
      {allowed && done && (
        <section class="import-done" aria-labelledby="import-termine">
          <h2 id="import-termine" tabIndex={-1} ref={doneTitle}>
            Import terminé
          </h2>
          <p class="alert alert--success" data-testid="import-done">
            {plural(done.summary.create, 'établissement créé', 'établissements créés')},{' '}
            {plural(done.summary.update, 'mis à jour', 'mis à jour')}, {plural(done.summary.unchanged, 'inchangé', 'inchangés')}.
          </p>
          <p>
            <a class="button" href="/etablissements">
              Retour à la liste des établissements
            </a>
          </p>
        </section>
      )}
      {allowed && !done && (
        <>
          <p class="lead">
            Importez la liste de vos établissements depuis un tableur. Rien n'est enregistré avant la validation, et
            rien ne l'est si une ligne comporte une erreur. Un établissement déjà connu (même numéro FINESS) est mis
            à jour.
          </p>
          <section aria-labelledby="import-etape-1">
            <h2 id="import-etape-1">1. Fichier</h2>
            <form class="form" noValidate onSubmit={onPreview}>
              <div class={['field', fileError ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
                <label class="field__label" for="import-fichier">
                  Fichier à importer
                </label>
                <p class="field__hint" id="import-fichier-aide">
                  CSV (séparateur point-virgule ou virgule) ou XLSX ; la première ligne donne le nom des colonnes.
                </p>
                {fileError && (
                  <p class="field__error" id="import-fichier-erreur">
                    <span class="visually-hidden">Erreur : </span>
                    {fileError}
                  </p>
                )}
                <input
                  id="import-fichier"
                  name="import-fichier"
                  type="file"
                  accept=".csv,.xlsx"
                  class="field__input"
                  aria-invalid={fileError ? 'true' : undefined}
                  aria-describedby={[fileError ? 'import-fichier-erreur' : '', 'import-fichier-aide'].filter(Boolean).join(' ')}
                  onChange={(event) => {
                    setFile(event.currentTarget.files?.[0] ?? null);
                    setFileError(undefined);
                  }}
                />
              </div>
              <TextField
                id="import-date-effet"
                label="Date d'effet des capacités"
                type="date"
                class="field--medium"
                value={effectiveFrom}
                onValue={setEffectiveFrom}
                hint="Les places autorisées du fichier s'appliquent à partir de cette date."
                error={dateError}
              />
              <div class="form__actions">
                <button type="submit" class="button" disabled={busy !== null}>
                  Prévisualiser l'import
                </button>
              </div>
            </form>
          </section>

          <div aria-live="polite" class="results-status">
            {busy === 'preview' && <p class="loading">Analyse du fichier…</p>}
            {busy === 'commit' && <p class="loading">Import en cours…</p>}
          </div>

          {result && sent && (
            <section aria-labelledby="import-etape-2">
              <h2 id="import-etape-2" tabIndex={-1} ref={mappingTitle}>
                2. Correspondance des colonnes
              </h2>
              <p>
                Pour chaque information, choisissez la colonne du fichier « {sent.name} » qui la contient. Les
                informations sans mention « facultatif » sont obligatoires.
              </p>
              <div class="form-grid import-mapping">
                {fields.map((field) => (
                  <SelectField
                    key={field.key}
                    id={fieldId(field.key)}
                    label={field.label}
                    value={result.mapping[field.key] ?? ''}
                    onValue={(column) => changeMapping(field.key, column)}
                    options={result.columns.map((column) => ({ value: column, label: column }))}
                    emptyLabel="— non importé —"
                    required={field.required}
                    error={mappingErrors[field.key]}
                    disabled={busy === 'commit'}
                  />
                ))}
              </div>
            </section>
          )}

          {(result || failure) && (
            <section aria-labelledby="import-etape-3" data-testid="import-preview">
              <h2 id="import-etape-3">3. Aperçu</h2>
              <div class="form-alert" role="alert" data-testid="import-errors">
                {failure && <p class="alert alert--error">{failure}</p>}
                {errors.length > 0 && (
                  <div class="alert alert--error">
                    <p>
                      {plural(errors.length, 'erreur à corriger', 'erreurs à corriger')} dans le fichier ou la
                      correspondance des colonnes :
                    </p>
                    <ul class="import-errors">
                      {errors.map((error, i) => (
                        <li key={i}>{errorText(error, fields)}</li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
              {result && (
                <>
                  <ul class="import-summary" data-testid="import-summary">
                    <li>
                      <strong>{result.summary.create}</strong> à créer
                    </li>
                    <li>
                      <strong>{result.summary.update}</strong> à mettre à jour
                    </li>
                    <li>
                      <strong>{result.summary.unchanged}</strong> inchangé{result.summary.unchanged > 1 ? 's' : ''}
                    </li>
                  </ul>
                  {result.rows.length > 0 && (
                    <div class="table-wrap" role="region" aria-labelledby="import-legende" tabIndex={0}>
                      <table class="table" data-testid="import-rows">
                        <caption id="import-legende">
                          Lignes du fichier — {plural(result.rows.length, 'établissement', 'établissements')}
                        </caption>
                        <thead>
                          <tr>
                            <th scope="col">Ligne</th>
                            <th scope="col">FINESS</th>
                            <th scope="col">Nom</th>
                            <th scope="col">Action</th>
                          </tr>
                        </thead>
                        <tbody>
                          {result.rows.map((row) => (
                            <tr key={row.line}>
                              <td>{row.line}</td>
                              <td class="nowrap">{row.finess_et}</td>
                              <th scope="row">{row.name}</th>
                              <td>
                                <span class={`badge import-action import-action--${row.action}`}>{ACTIONS[row.action]}</span>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                  <div class="form__actions">
                    <button
                      type="button"
                      class="button"
                      disabled={busy !== null || errors.length > 0 || result.rows.length === 0}
                      onClick={() => sent && void send(sent, result.mapping, true)}
                    >
                      Valider l'import
                    </button>
                    <a class="button button--secondary" href="/etablissements">
                      Annuler
                    </a>
                  </div>
                  {errors.length > 0 && (
                    <p class="toolbar__hint">Corrigez le fichier ou la correspondance des colonnes pour pouvoir valider.</p>
                  )}
                </>
              )}
            </section>
          )}
        </>
      )}
    </article>
  );
}
