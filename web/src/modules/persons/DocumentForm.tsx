// Adding a document (file, type, title, retention) or a new version of one (the file only): one form, as
// both send a file the server checks by its content. The server's refusals are shown next to the file
// (content not accepted, content not matching its name, too large…).
import { useRef } from 'preact/hooks';
import { ApiError } from '../../api/client';
import {
  uploadDocument,
  uploadDocumentVersion,
  type DocumentTypes,
  type PersonDocument,
} from '../../api/documents';
import { FileField } from '../../ui/FileField';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatNumber } from '../establishments/format';
import { useForm, type Errors } from '../establishments/useForm';
import { required } from './choices';

interface Values {
  [field: string]: unknown;
  file: File | null;
  type: string;
  title: string;
  retention: string;
  retention_reason: string;
}

interface Props {
  personId: number;
  types: DocumentTypes;
  /** A new version of this document; absent: a new document. */
  document?: PersonDocument;
  onDone: (message: string) => void;
  onCancel?: () => void;
}

/** 20 971 520 → "20 Mo". */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} Mo`;
  if (bytes >= 1024) return `${formatNumber(Math.round(bytes / 1024))} ko`;
  return `${formatNumber(bytes)} octet${bytes > 1 ? 's' : ''}`;
}

/** A refusal without a field (413: too large) is said next to the file. */
async function onFileErrors<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ApiError && error.errors.length === 0 && (error.status === 413 || error.status === 422))
      throw new ApiError(error.status, {
        title: error.title,
        detail: error.detail,
        errors: [{ field: 'file', message: error.detail || error.title }],
      });
    throw error;
  }
}

export function DocumentForm({ personId, types, document, onDone, onCancel }: Props) {
  const prefix = document ? `version-${document.id}` : 'document';
  const ids: Record<keyof Values & string, string> = {
    file: `${prefix}-fichier`,
    type: `${prefix}-type`,
    title: `${prefix}-titre-champ`,
    retention: `${prefix}-conservation`,
    retention_reason: `${prefix}-motif`,
  };
  const writable = types.types.filter((t) => t.can_write);
  const form = useForm<Values>({ file: null, type: '', title: '', retention: '', retention_reason: '' }, ids);
  const { values, set, errors } = form;
  const fileInput = useRef<HTMLInputElement>(null);
  const needsReason = (code: string) =>
    types.retentions.find((r) => r.code === code)?.needs_reason ?? code === 'legal_archive';
  const accept = (types.accepted ?? []).map((a) => `.${a.extension.replace(/^\./, '')}`).join(',');

  function check(v: Values): Errors<Values> {
    const e: Errors<Values> = {};
    if (!v.file) e.file = 'Choisissez un fichier.';
    else if (v.file.size === 0) e.file = 'Le fichier est vide.';
    else if (v.file.size > types.max_bytes)
      e.file = `Le fichier est trop volumineux (${sizeLabel(v.file.size)}) : ${sizeLabel(types.max_bytes)} au plus.`;
    if (!document) {
      if (!v.type) e.type = 'Choisissez le type de document.';
      e.title = required(v.title, 'Saisissez le titre du document.');
      if (needsReason(v.retention)) e.retention_reason = required(v.retention_reason, 'Écrivez le motif légal de la conservation.');
    }
    return e;
  }

  const titleId = `${prefix}-form-titre`;
  return (
    <section class="panel" aria-labelledby={titleId} data-testid={document ? 'document-version-form' : 'document-form'}>
      <h3 id={titleId} class="panel__title">
        {document ? `Nouvelle version de « ${document.title} »` : 'Ajouter un document'}
      </h3>
      <FormAlert message={form.alert} testId={`${prefix}-alert`} />
      <form
        class="form"
        noValidate
        aria-labelledby={titleId}
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) =>
              onFileErrors(() =>
                document
                  ? uploadDocumentVersion(personId, document.id, v.file as File)
                  : uploadDocument(personId, v.file as File, {
                      type: v.type,
                      title: v.title.trim(),
                      ...(v.retention ? { retention: v.retention } : {}),
                      ...(needsReason(v.retention) ? { retention_reason: v.retention_reason.trim() } : {}),
                    }),
              ),
            done: (saved) => {
              form.reset();
              if (fileInput.current) fileInput.current.value = '';
              onDone(
                document
                  ? `Version ${saved.current_version.version} de « ${saved.title} » enregistrée.`
                  : `Document « ${saved.title} » enregistré (${saved.type_label}).`,
              );
            },
            failure: document ? "La nouvelle version n'a pas été enregistrée." : "Le document n'a pas été enregistré.",
          });
        }}
      >
        <FileField
          id={ids.file}
          label="Fichier"
          hint={`PDF, image, document bureautique ou texte ; ${sizeLabel(types.max_bytes)} au plus. Le contenu du fichier est vérifié.`}
          accept={accept || undefined}
          onFile={set('file')}
          error={errors.file}
          inputRef={fileInput}
        />
        {!document && (
          <>
            <div class="form-grid">
              <SelectField
                id={ids.type}
                label="Type de document"
                emptyLabel="Choisir…"
                options={writable.map((t) => ({ value: t.code, label: t.label }))}
                value={values.type}
                onValue={set('type')}
                error={errors.type}
              />
              <TextField id={ids.title} label="Titre" value={values.title} onValue={set('title')} error={errors.title} />
            </div>
            <SelectField
              id={ids.retention}
              label="Durée de conservation"
              emptyLabel="Celle du type de document"
              required={false}
              options={types.retentions.map((r) => ({ value: r.code, label: r.label }))}
              value={values.retention}
              onValue={set('retention')}
              error={errors.retention}
            />
            {needsReason(values.retention) && (
              <TextField
                id={ids.retention_reason}
                label="Motif légal de la conservation"
                value={values.retention_reason}
                onValue={set('retention_reason')}
                error={errors.retention_reason}
              />
            )}
          </>
        )}
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Envoi…' : document ? 'Enregistrer la version' : 'Ajouter le document'}
          </button>
          {onCancel && (
            <button type="button" class="button button--secondary" onClick={onCancel} disabled={form.busy}>
              Annuler
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
