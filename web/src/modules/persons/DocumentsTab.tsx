// « Documents »: the documents of the person the account may read (type, title, version, date, author), the
// archived ones on demand; adding a document, a new version, downloading, archiving (kept for the retention
// period, no new version). The rights depend on the type of document (medical documents: care roles only).
import { useEffect, useState } from 'preact/hooks';
import {
  archiveDocument,
  downloadDocument,
  fetchDocumentTypes,
  fetchDocuments,
  type DocumentTypes,
  type PersonDocument,
} from '../../api/documents';
import { problemMessage } from '../../api/problems';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { focusField } from '../../ui/focusField';
import { FormAlert } from '../../ui/FormAlert';
import { formatDateTime } from '../establishments/format';
import { DocumentForm, sizeLabel } from './DocumentForm';
import type { TabProps } from './tabProps';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; documents: PersonDocument[]; types: DocumentTypes }
  | { kind: 'error'; message: string };

export function DocumentsTab({ person, onChanged }: TabProps) {
  const [archived, setArchived] = useState(false);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [newVersion, setNewVersion] = useState<PersonDocument | null>(null);
  const [archiving, setArchiving] = useState<PersonDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchDocuments(person.id, archived, controller.signal), fetchDocumentTypes(controller.signal)]).then(
      ([documents, types]) => setState({ kind: 'ready', documents, types }),
      (error: unknown) => !controller.signal.aborted && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, [person, archived]);

  const open = person.merged_into === null;

  function finished(message: string) {
    setNewVersion(null);
    setFailure(null);
    void onChanged(message);
  }

  async function download(doc: PersonDocument) {
    setFailure(null);
    try {
      const file = await downloadDocument(person.id, doc);
      await onChanged(`Document « ${doc.title} » téléchargé : ${file.name}.`);
    } catch (error) {
      setFailure(`Le document « ${doc.title} » n'a pas été téléchargé. ${problemMessage(error)}`);
    }
  }

  async function archive() {
    if (!archiving) return;
    setBusy(true);
    setDialogError(null);
    try {
      await archiveDocument(person.id, archiving.id);
      const title = archiving.title;
      setArchiving(null);
      finished(`Le document « ${title} » a été archivé.`);
    } catch (error) {
      setDialogError(`Le document n'a pas été archivé. ${problemMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const documents = state.kind === 'ready' ? state.documents : [];
  const types = state.kind === 'ready' ? state.types : null;
  return (
    <>
      <h2 class="tab-title">Documents</h2>
      <div class="checkbox">
        <input
          type="checkbox"
          id="documents-archives"
          checked={archived}
          onChange={(event) => setArchived(event.currentTarget.checked)}
        />
        <label for="documents-archives">Afficher aussi les documents archivés</label>
      </div>
      <div aria-live="polite" class="results-status">
        {state.kind === 'loading' && <p class="loading">Chargement des documents…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les documents. {state.message}
          </p>
        )}
        {state.kind === 'ready' && documents.length === 0 && (
          <p class="notice" data-testid="documents-empty">
            Aucun document que vous puissiez lire n'est enregistré.
          </p>
        )}
      </div>
      <FormAlert message={failure} testId="documents-alert" />
      {documents.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="documents-legende" tabIndex={0}>
          <table class="table" data-testid="documents-table">
            <caption id="documents-legende">Documents de la personne, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Type</th>
                <th scope="col">Version</th>
                <th scope="col">Déposé le</th>
                <th scope="col">Par</th>
                <th scope="col">Fichier</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id} data-document-id={d.id} data-type={d.type}>
                  <th scope="row">
                    {d.title}
                    {d.archived && <span class="badge badge--muted">Archivé</span>}
                  </th>
                  <td>{d.type_label}</td>
                  <td class="number">{d.current_version.version}</td>
                  <td class="nowrap">
                    <time dateTime={d.current_version.uploaded_at}>{formatDateTime(d.current_version.uploaded_at)}</time>
                  </td>
                  <td>{d.current_version.uploaded_by}</td>
                  <td>
                    {d.current_version.kind_label}, {sizeLabel(d.current_version.size)}
                  </td>
                  <td>
                    <div class="row-actions">
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        aria-label={`Télécharger — ${d.title}`}
                        onClick={() => void download(d)}
                      >
                        Télécharger
                      </button>
                      {open && d.can_write && !d.archived && (
                        <>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            aria-label={`Nouvelle version — ${d.title}`}
                            onClick={() => {
                              setNewVersion(d);
                              focusField(`version-${d.id}-fichier`);
                            }}
                          >
                            Nouvelle version
                          </button>
                          <button
                            type="button"
                            class="button button--danger-outline button--small"
                            aria-label={`Archiver — ${d.title}`}
                            onClick={() => {
                              setDialogError(null);
                              setArchiving(d);
                            }}
                          >
                            Archiver
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {types && newVersion && (
        <DocumentForm
          key={newVersion.id}
          personId={person.id}
          types={types}
          document={newVersion}
          onDone={finished}
          onCancel={() => setNewVersion(null)}
        />
      )}
      {types && open && !newVersion && types.types.some((t) => t.can_write) && (
        <DocumentForm personId={person.id} types={types} onDone={finished} />
      )}
      <ConfirmDialog
        id="archiver-document"
        open={archiving !== null}
        title="Archiver le document"
        confirmLabel="Archiver"
        busy={busy}
        error={dialogError}
        onConfirm={() => void archive()}
        onCancel={() => setArchiving(null)}
      >
        <p>
          Le document « {archiving?.title} » restera au dossier pendant sa durée de conservation, téléchargeable par les
          personnes autorisées, mais ne recevra plus de nouvelle version.
        </p>
      </ConfirmDialog>
    </>
  );
}
