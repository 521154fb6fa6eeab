// One action sheet (/pilotage/cpom/:id/fiches/:sheet): its objective, pilot, context, actions, indicators and
// comments. Those who may change the CPOM edit the sheet, comment it and read its history; external readers read.
import { useEffect, useState } from 'preact/hooks';
import { addComment, getCpom, getSheet, sheetHistory, type Cpom, type Sheet } from '../../api/cpom';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import type { RouteProps } from '../../app/routes';
import { FormAlert } from '../../ui/FormAlert';
import { PageTitle } from '../../ui/PageTitle';
import { TextAreaField } from '../../ui/TextAreaField';
import { HistoryTable } from './HistoryTable';
import { ProgressBar } from './ProgressBar';
import { ActionsTable, IndicatorsTable } from './SheetView';
import { frenchDateTime } from './format';
import { historyField } from './historyLabels';
import './cpom.css';

function CommentForm({ cpomId, sheetId, done }: { cpomId: number; sheetId: number; done: () => void }) {
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await addComment(cpomId, sheetId, text);
      setText('');
      setErrors({});
      setAlert(null);
      done();
    } catch (e) {
      setErrors(fieldMessages(e));
      setAlert(`Le commentaire n'a pas été ajouté. ${problemMessage(e)}`);
    }
  }
  return (
    <form class="cpom-form" onSubmit={(e) => void submit(e)} data-testid="comment-form" noValidate>
      <FormAlert message={alert} />
      <TextAreaField id="commentaire" label="Nouveau commentaire" rows={3} value={text} onValue={setText} error={errors.text} />
      <button type="submit" class="button">
        Commenter
      </button>
    </form>
  );
}

export function SheetPage({ params }: RouteProps) {
  const cpomId = Number(params.id);
  const sheetId = Number(params.sheet);
  const [cpom, setCpom] = useState<Cpom | null>(null);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [history, setHistory] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getCpom(cpomId, controller.signal), getSheet(cpomId, sheetId, controller.signal)]).then(
      ([c, s]) => {
        setCpom(c);
        setSheet(s);
      },
      (e: unknown) => !controller.signal.aborted && setError(problemMessage(e)),
    );
    return () => controller.abort();
  }, [cpomId, sheetId, version]);
  const objective = cpom?.objectives?.find((o) => o.id === sheet?.objective_id);
  const strategic = cpom?.objectives?.find((o) => o.id === objective?.parent_id);
  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href={`/pilotage/cpom/${cpomId}`}>{cpom?.name ?? 'CPOM'}</a>
      </p>
      {error && (
        <p class="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {(!cpom || !sheet) && !error && <p class="loading">Chargement…</p>}
      {cpom && sheet && (
        <>
          <PageTitle>{sheet.title}</PageTitle>
          <dl class="cpom-facts" data-testid="sheet-facts">
            {strategic && (
              <>
                <dt>Objectif stratégique</dt>
                <dd>{strategic.title}</dd>
              </>
            )}
            <dt>Objectif opérationnel</dt>
            <dd>{objective?.title ?? ''}</dd>
            {sheet.owner && (
              <>
                <dt>Pilote</dt>
                <dd>{sheet.owner}</dd>
              </>
            )}
            <dt>Avancement</dt>
            <dd>
              <ProgressBar value={sheet.progress} label="Avancement de la fiche" />
              {sheet.late_actions > 0 && (
                <span class="badge badge--late">
                  {sheet.late_actions} action{sheet.late_actions > 1 ? 's' : ''} en retard
                </span>
              )}
            </dd>
          </dl>
          {sheet.description && <p class="lead cpom-description">{sheet.description}</p>}
          {cpom.can_write && (
            <p class="cpom-actions">
              <a class="button button--secondary" href={`/pilotage/cpom/${cpomId}/fiches/${sheet.id}/modifier`}>
                Modifier la fiche
              </a>
            </p>
          )}
          <section aria-labelledby="actions">
            <h2 id="actions">Actions</h2>
            <ActionsTable cpom={cpom} sheet={sheet} />
          </section>
          <section aria-labelledby="indicateurs">
            <h2 id="indicateurs">Indicateurs</h2>
            <IndicatorsTable cpom={cpom} sheet={sheet} />
          </section>
          <section aria-labelledby="commentaires">
            <h2 id="commentaires">Commentaires</h2>
            {sheet.comments.length === 0 && <p>Aucun commentaire.</p>}
            <ol class="cpom-comments" data-testid="sheet-comments">
              {sheet.comments.map((c) => (
                <li key={c.id}>
                  <p class="cpom-comment__meta">
                    {c.author}, le {frenchDateTime(c.at)}
                  </p>
                  {c.text}
                </li>
              ))}
            </ol>
            {cpom.can_write && <CommentForm cpomId={cpomId} sheetId={sheet.id} done={() => setVersion(version + 1)} />}
          </section>
          {cpom.can_write && (
            <section aria-labelledby="historique">
              <h2 id="historique">Historique</h2>
              {history ? (
                <HistoryTable
                  load={(signal) => sheetHistory(cpomId, sheet.id, signal)}
                  label={(field) => historyField(field, sheet)}
                  testId="sheet-history"
                />
              ) : (
                <button type="button" class="button button--secondary" onClick={() => setHistory(true)}>
                  Afficher l'historique des modifications
                </button>
              )}
            </section>
          )}
        </>
      )}
    </article>
  );
}
