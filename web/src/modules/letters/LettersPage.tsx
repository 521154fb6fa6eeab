// « Courriers »: the organisation's letter templates (list, editor with the fields, archive) and letters in a
// batch for an establishment. Writing templates is for secretaries, heads of service and directors; everyone who
// reads the administrative record may use them.
import { useEffect, useState } from 'preact/hooks';
import { archiveLetterTemplate, letterFields, listLetterTemplates, type LetterFields, type LetterTemplate } from '../../api/letters';
import { problemMessage } from '../../api/problems';
import type { RouteProps } from '../../app/routes';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { UsagersLinks } from '../attendance/UsagersLinks';
import { formatDate } from '../establishments/format';
import { canWritePersons, writableEstablishments } from '../persons/access';
import { useEstablishments } from '../persons/useEstablishments';
import { BatchForm } from './BatchForm';
import { TemplateEditor } from './TemplateEditor';
import './letters.css';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; template: LetterTemplate };

export function LettersPage(_props: RouteProps) {
  const { session } = useSession();
  const establishments = useEstablishments();
  const [templates, setTemplates] = useState<LetterTemplate[] | null>(null);
  const [fields, setFields] = useState<LetterFields | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const canWrite = canWritePersons(session);

  async function reload() {
    try {
      setTemplates(await listLetterTemplates());
    } catch (e) {
      setError(problemMessage(e));
    }
  }

  useEffect(() => {
    reload();
    letterFields().then(setFields, (e: unknown) => setError(problemMessage(e)));
  }, []);

  const all = establishments.kind === 'ready' ? establishments.establishments : [];
  const options = all.map((e) => ({ value: String(e.id), label: e.name }));
  const writable = writableEstablishments(session);
  const writableOptions = writable === null ? options : options.filter((o) => writable.has(Number(o.value)));
  const establishmentName = (id: number | null) => (id === null ? 'Tout l’organisme' : all.find((e) => e.id === id)?.name ?? `n° ${id}`);

  async function archive(template: LetterTemplate) {
    if (!window.confirm(`Archiver le modèle « ${template.name} » ? Il ne sera plus proposé.`)) return;
    try {
      await archiveLetterTemplate(template.id);
      setNotice(`Le modèle « ${template.name} » est archivé.`);
      await reload();
    } catch (e) {
      setError(problemMessage(e));
    }
  }

  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href="/usagers">Usagers</a>
      </p>
      <PageTitle>Courriers</PageTitle>
      <UsagersLinks current="/usagers/courriers" />
      <p class="lead">Modèles de courrier de l’organisme, remplis avec les données du dossier, et envois en nombre.</p>
      <div aria-live="polite">
        {error && (
          <p class="alert alert--error" role="alert">
            {error}
          </p>
        )}
        {notice && <p class="alert alert--success">{notice}</p>}
      </div>

      {editing.kind !== 'none' && fields ? (
        <TemplateEditor
          key={editing.kind === 'edit' ? editing.template.id : 'new'}
          template={editing.kind === 'edit' ? editing.template : null}
          fields={fields.items}
          filters={fields.filters}
          establishments={writableOptions}
          onCancel={() => setEditing({ kind: 'none' })}
          onSaved={(saved) => {
            setEditing({ kind: 'none' });
            setNotice(`Le modèle « ${saved.name} » est enregistré.`);
            reload();
          }}
        />
      ) : (
        <section aria-labelledby="modeles-titre">
          <div class="toolbar">
            <h2 id="modeles-titre">Modèles</h2>
            {canWrite && (
              <button type="button" class="button" onClick={() => setEditing({ kind: 'new' })}>
                Nouveau modèle
              </button>
            )}
          </div>
          {templates === null && !error && <p class="loading">Chargement des modèles…</p>}
          {templates !== null && templates.length === 0 && <p class="empty-state">Aucun modèle pour l’instant.</p>}
          {templates !== null && templates.length > 0 && (
            <div class="table-wrap" role="region" aria-labelledby="modeles-titre" tabIndex={0}>
              <table class="table" data-testid="letter-templates">
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Établissement</th>
                    <th scope="col">Modifié le</th>
                    {canWrite && <th scope="col">Actions</th>}
                  </tr>
                </thead>
                <tbody>
                  {templates.map((template) => (
                    <tr key={template.id}>
                      <th scope="row">{template.name}</th>
                      <td>{establishmentName(template.establishment_id)}</td>
                      <td class="nowrap">{formatDate(template.updated_at.slice(0, 10))}</td>
                      {canWrite && (
                        <td class="nowrap">
                          <button type="button" class="button button--secondary button--small"
                            onClick={() => setEditing({ kind: 'edit', template })} aria-label={`Modifier « ${template.name} »`}>
                            Modifier
                          </button>{' '}
                          <button type="button" class="button button--secondary button--small" onClick={() => archive(template)}
                            aria-label={`Archiver « ${template.name} »`}>
                            Archiver
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {editing.kind === 'none' && templates !== null && templates.length > 0 && (
        <BatchForm templates={templates} establishments={options} />
      )}
    </article>
  );
}
