// « Liste d'attente »: the admission requests still waiting (or all of them), optionally for one establishment.
// The filters are in the address (?etablissement=1&toutes=1).
import { useEffect, useState } from 'preact/hooks';
import { fetchWaitingList, type WaitingRequest } from '../../api/attendance';
import { problemMessage } from '../../api/problems';
import type { RouteProps } from '../../app/routes';
import { replaceQuery, useQuery } from '../../app/router';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField } from '../../ui/SelectField';
import { formatDate } from '../establishments/format';
import { labelOf } from '../establishments/labels';
import { useReference } from '../establishments/useReference';
import { useEstablishments } from './hooks';
import { personName, plural } from './labels';
import { UsagersLinks } from './UsagersLinks';
import './attendance.css';

type State = { kind: 'loading' } | { kind: 'ready'; items: WaitingRequest[] } | { kind: 'error'; message: string };

export function WaitingListPage(_props: RouteProps) {
  const establishments = useEstablishments();
  const reference = useReference();
  const query = new URLSearchParams(useQuery());
  const establishmentId = Number(query.get('etablissement')) || 0;
  const all = query.get('toutes') === '1';
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchWaitingList({ establishment_id: establishmentId || undefined, all }, controller.signal).then(
      (items) => setState({ kind: 'ready', items }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: problemMessage(error) });
      },
    );
    return () => controller.abort();
  }, [establishmentId, all]);

  function change(next: { etablissement?: number; toutes?: boolean }) {
    const params = new URLSearchParams();
    const id = next.etablissement ?? establishmentId;
    if (id) params.set('etablissement', String(id));
    if (next.toutes ?? all) params.set('toutes', '1');
    replaceQuery(params);
  }

  const list = establishments.kind === 'ready' ? establishments.items : [];
  const establishmentName = (id: number) => list.find((e) => e.id === id)?.name ?? `n° ${id}`;
  const modeLabel = (code: string) =>
    reference.kind === 'ready' ? labelOf(reference.reference.care_modes, code) : code;
  const caption = all ? "Demandes d'admission" : "Demandes d'admission en attente";

  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href="/usagers">Usagers</a>
      </p>
      <PageTitle>Liste d'attente</PageTitle>
      <UsagersLinks current="/usagers/liste-attente" />
      <p class="lead">Demandes d'admission reçues et leur statut, avec la durée d'attente de chaque personne.</p>
      <form class="form filters" aria-labelledby="attente-filtres-titre" noValidate onSubmit={(e) => e.preventDefault()}>
        <h2 id="attente-filtres-titre" class="filters__title">
          Filtres
        </h2>
        <div class="filters__grid">
          <SelectField
            id="attente-etablissement"
            label="Établissement"
            emptyLabel="Tous les établissements"
            value={establishmentId ? String(establishmentId) : ''}
            onValue={(value) => change({ etablissement: Number(value) || 0 })}
            options={list.map((e) => ({ value: String(e.id), label: e.name }))}
          />
        </div>
        <div class="form__actions">
          <div class="checkbox">
            <input
              type="checkbox"
              id="attente-toutes"
              checked={all}
              onChange={(event) => change({ toutes: event.currentTarget.checked })}
            />
            <label for="attente-toutes">Toutes les demandes (y compris les demandes closes)</label>
          </div>
        </div>
      </form>

      <div aria-live="polite" class="results-status" data-testid="waiting-status">
        {state.kind === 'loading' && <p class="loading">Chargement des demandes…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher la liste d'attente. {state.message}
          </p>
        )}
        {state.kind === 'ready' && state.items.length === 0 && (
          <div class="empty-state" data-testid="waiting-empty">
            <p>{all ? "Aucune demande d'admission." : "Aucune demande d'admission en attente."}</p>
          </div>
        )}
      </div>

      {state.kind === 'ready' && state.items.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="attente-legende" tabIndex={0}>
          <table class="table" data-testid="waiting-table">
            <caption id="attente-legende">
              {caption} — {plural(state.items.length, 'demande', 'demandes')}
            </caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Établissement</th>
                <th scope="col">Mode d'accueil</th>
                <th scope="col">Reçue le</th>
                <th scope="col">Statut</th>
                <th scope="col" class="number">
                  Attente
                </th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((item) => (
                <tr key={item.id} data-request-id={item.id}>
                  <th scope="row">
                    <a href={`/usagers/${item.person_id}`}>{personName(item.person)}</a>
                  </th>
                  <td>{establishmentName(item.establishment_id)}</td>
                  <td>{modeLabel(item.care_mode)}</td>
                  <td class="nowrap">{formatDate(item.received_date)}</td>
                  <td>
                    {item.status_label}
                    {!item.waiting && <span class="badge badge--muted">Close</span>}
                  </td>
                  <td class="number waiting-days">
                    {item.waiting_days === null ? '—' : plural(item.waiting_days, 'jour', 'jours')}
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
