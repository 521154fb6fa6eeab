// « CPOM » (/pilotage/cpom): the contracts the account sees, with their funders, period, status and progress.
// An external reader (a funder) lands here after signing in and sees only the contracts that name them.
import { useEffect, useState } from 'preact/hooks';
import { listCpoms, type Cpom } from '../../api/cpom';
import { problemMessage } from '../../api/problems';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { canCreateCpom, seesOnlyCpom } from './access';
import { period } from './format';
import { ProgressBar } from './ProgressBar';
import './cpom.css';

export function CpomListPage() {
  const { session } = useSession();
  const [items, setItems] = useState<Cpom[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listCpoms(controller.signal).then(
      (page) => setItems(page.items),
      (e: unknown) => !controller.signal.aborted && setError(problemMessage(e)),
    );
    return () => controller.abort();
  }, []);
  const funder = seesOnlyCpom(session);
  return (
    <article class="page page--wide">
      <PageTitle>CPOM</PageTitle>
      <p class="lead">
        {funder
          ? "Les contrats pluriannuels d'objectifs et de moyens dont vous êtes lecteur : leurs fiches action, l'avancement des actions et les indicateurs, à jour."
          : "Les contrats pluriannuels d'objectifs et de moyens signés avec les financeurs : objectifs, fiches action, avancement et indicateurs."}
      </p>
      {canCreateCpom(session) && (
        <p class="cpom-actions">
          <a class="button" href="/pilotage/cpom/nouveau">
            Nouveau CPOM
          </a>
        </p>
      )}
      {error && (
        <p class="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {!items && !error && <p class="loading">Chargement…</p>}
      {items && items.length === 0 && <p>Aucun CPOM.</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="cpom-table">
            <caption class="visually-hidden">CPOM</caption>
            <thead>
              <tr>
                <th scope="col">Contrat</th>
                <th scope="col">Financeurs</th>
                <th scope="col">Période</th>
                <th scope="col">Statut</th>
                <th scope="col">Avancement</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={`/pilotage/cpom/${c.id}`}>{c.name}</a>
                  </th>
                  <td>{c.funders.map((f) => f.label).join(', ')}</td>
                  <td>{period(c.start_date, c.end_date)}</td>
                  <td>{c.status_label}</td>
                  <td>
                    <ProgressBar value={c.progress} label={`Avancement de ${c.name}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
