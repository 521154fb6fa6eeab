// One CPOM (/pilotage/cpom/:id): funders, establishments, period, status, readers, overall progress, and its
// objectives (strategic → operational) with the action sheets of each operational objective. Those who may
// change it edit the contract, add objectives and sheets; external readers read.
import { useEffect, useState } from 'preact/hooks';
import { cpomHistory, getCpom, listSheets, updateCpom, type Cpom, type Sheet } from '../../api/cpom';
import { problemMessage } from '../../api/problems';
import type { RouteProps } from '../../app/routes';
import { PageTitle } from '../../ui/PageTitle';
import { CpomForm } from './CpomForm';
import { HistoryTable } from './HistoryTable';
import { cpomHistoryField } from './historyLabels';
import { ObjectiveForm } from './ObjectiveForm';
import { ProgressBar } from './ProgressBar';
import { period } from './format';
import './cpom.css';

function SheetCard({ cpom, sheet }: { cpom: Cpom; sheet: Sheet }) {
  const done = sheet.actions.filter((a) => a.status === 'done').length;
  return (
    <li class="cpom-sheet-card" data-testid="cpom-sheet-card">
      <h4>
        <a href={`/pilotage/cpom/${cpom.id}/fiches/${sheet.id}`}>{sheet.title}</a>
        {sheet.late_actions > 0 && (
          <span class="badge badge--late">
            {sheet.late_actions} action{sheet.late_actions > 1 ? 's' : ''} en retard
          </span>
        )}
      </h4>
      <p>
        <ProgressBar value={sheet.progress} label={`Avancement de la fiche ${sheet.title}`} /> — {done} action
        {done > 1 ? 's' : ''} réalisée{done > 1 ? 's' : ''} sur {sheet.actions.length}
        {sheet.owner ? ` — pilote : ${sheet.owner}` : ''}
      </p>
    </li>
  );
}

export function CpomDetailPage({ params }: RouteProps) {
  const id = Number(params.id);
  const [cpom, setCpom] = useState<Cpom | null>(null);
  const [sheets, setSheets] = useState<Sheet[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [version, setVersion] = useState(0);
  const [history, setHistory] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getCpom(id, controller.signal), listSheets(id, controller.signal)]).then(
      ([c, s]) => {
        setCpom(c);
        setSheets(s.items);
      },
      (e: unknown) => !controller.signal.aborted && setError(problemMessage(e)),
    );
    return () => controller.abort();
  }, [id, version]);
  const reload = () => setVersion(version + 1);
  const objectives = cpom?.objectives ?? [];
  const strategic = objectives.filter((o) => o.level === 'strategic');
  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/pilotage/cpom">CPOM</a>
      </p>
      {error && (
        <p class="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {!cpom && !error && <p class="loading">Chargement…</p>}
      {cpom && (
        <>
          <PageTitle>{cpom.name}</PageTitle>
          {!cpom.can_write && <p class="badge badge--muted">Lecture seule</p>}
          <dl class="cpom-facts" data-testid="cpom-facts">
            <dt>Financeurs</dt>
            <dd>{cpom.funders.map((f) => f.label).join(', ')}</dd>
            <dt>Période</dt>
            <dd>{period(cpom.start_date, cpom.end_date)}</dd>
            <dt>Statut</dt>
            <dd>{cpom.status_label}</dd>
            <dt>Établissements</dt>
            <dd>{cpom.establishments.map((e) => e.name).join(', ')}</dd>
            {cpom.readers.length > 0 && (
              <>
                <dt>Lecteurs externes</dt>
                <dd>{cpom.readers.map((r) => r.display_name).join(', ')}</dd>
              </>
            )}
            <dt>Avancement</dt>
            <dd>
              <ProgressBar value={cpom.progress} label="Avancement du CPOM" />
            </dd>
          </dl>
          {cpom.can_write && !editing && (
            <p class="cpom-actions">
              <button type="button" class="button button--secondary" onClick={() => setEditing(true)}>
                Modifier le contrat
              </button>
            </p>
          )}
          {editing && (
            <CpomForm
              current={cpom}
              submitLabel="Enregistrer"
              cancel={() => setEditing(false)}
              save={async (input) => {
                await updateCpom(cpom.id, input);
                setEditing(false);
                reload();
              }}
            />
          )}
          <section aria-labelledby="objectifs">
            <h2 id="objectifs">Objectifs et fiches action</h2>
            {strategic.length === 0 && <p>Aucun objectif pour l'instant.</p>}
            <ol class="cpom-objectives">
              {strategic.map((s) => (
                <li key={s.id}>
                  <h3>{s.title}</h3>
                  <ol class="cpom-operational">
                    {objectives
                      .filter((o) => o.parent_id === s.id)
                      .map((o) => {
                        const mine = sheets.filter((sheet) => sheet.objective_id === o.id);
                        return (
                          <li key={o.id} data-testid="cpom-operational">
                            <p>
                              <strong>{o.title}</strong>
                            </p>
                            {mine.length > 0 && (
                              <ul class="cpom-sheets">
                                {mine.map((sheet) => (
                                  <SheetCard key={sheet.id} cpom={cpom} sheet={sheet} />
                                ))}
                              </ul>
                            )}
                            {cpom.can_write && (
                              <p>
                                <a class="button button--secondary button--small" href={`/pilotage/cpom/${cpom.id}/fiches/nouvelle?objectif=${o.id}`}>
                                  Nouvelle fiche action<span class="visually-hidden"> pour « {o.title} »</span>
                                </a>
                              </p>
                            )}
                          </li>
                        );
                      })}
                  </ol>
                </li>
              ))}
            </ol>
            {cpom.can_write && <ObjectiveForm cpomId={cpom.id} objectives={objectives} done={reload} />}
          </section>
          {cpom.can_write && (
            <section aria-labelledby="historique">
              <h2 id="historique">Historique du contrat</h2>
              {history ? (
                <HistoryTable
                  key={version}
                  load={(signal) => cpomHistory(cpom.id, signal)}
                  label={(field) => cpomHistoryField(field, cpom)}
                  testId="cpom-history"
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
