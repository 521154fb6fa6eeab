// « Personnel »: the professionals of the establishments the account manages, with filters (name, establishment,
// job category, in post on a date), a link to add one and the XLSX export.
import { useEffect, useState } from 'preact/hooks';
import { listStaff, staffExportUrl, type StaffFilters, type StaffMember } from '../../api/staff';
import { problemMessage } from '../../api/problems';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { establishmentName, establishmentOptions, useEstablishments } from '../persons/useEstablishments';
import { percent } from './format';
import { useStaffReference } from './useStaffReference';
import './staff.css';

export function StaffPage() {
  const reference = useStaffReference();
  const establishments = useEstablishments();
  const list = establishments.kind === 'ready' ? establishments.establishments : [];
  const [filters, setFilters] = useState<StaffFilters>({ active_on: new Date().toISOString().slice(0, 10) });
  const [items, setItems] = useState<StaffMember[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    listStaff(filters, null, controller.signal).then(
      (page) => {
        setItems(page.items);
        setCursor(page.next_cursor);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(problemMessage(e));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [filters]);

  async function more() {
    if (!cursor) return;
    try {
      const page = await listStaff(filters, cursor);
      setItems([...items, ...page.items]);
      setCursor(page.next_cursor);
    } catch (e) {
      setError(problemMessage(e));
    }
  }

  const set = (key: keyof StaffFilters) => (value: string) => setFilters({ ...filters, [key]: value || undefined });
  return (
    <article class="page">
      <PageTitle>Personnel</PageTitle>
      <p class="staff-actions">
        <a class="button" href="/personnel/nouveau">
          Ajouter un professionnel
        </a>{' '}
        <a class="button button--secondary" href="/personnel/import">
          Importer un tableur
        </a>{' '}
        <a class="button button--secondary" href={staffExportUrl()} download>
          Exporter (XLSX)
        </a>
      </p>
      <form class="staff-filters" role="search" aria-label="Filtrer le personnel" onSubmit={(e) => e.preventDefault()}>
        <TextField id="personnel-recherche" label="Nom" type="search" value={filters.q ?? ''} onValue={set('q')} required={false} />
        <SelectField
          id="personnel-etablissement"
          label="Établissement"
          value={filters.establishment ?? ''}
          onValue={set('establishment')}
          options={establishmentOptions(list, null)}
          emptyLabel="Tous les établissements"
          required={false}
        />
        <SelectField
          id="personnel-categorie"
          label="Catégorie de métier"
          value={filters.job_category ?? ''}
          onValue={set('job_category')}
          options={(reference?.job_categories ?? []).map((c) => ({ value: c.code, label: c.label }))}
          emptyLabel="Toutes les catégories"
          required={false}
        />
        <TextField
          id="personnel-en-poste"
          label="En poste le"
          type="date"
          value={filters.active_on ?? ''}
          onValue={set('active_on')}
          required={false}
          hint="Vide : tout le personnel, même parti."
        />
      </form>
      {error && (
        <p class="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {loading && <p class="loading">Chargement…</p>}
      {!loading && items.length === 0 && !error && <p>Aucun professionnel ne correspond à ces critères.</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="staff-table">
            <caption class="visually-hidden">Personnel</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Métier</th>
                <th scope="col">Contrats en cours</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => {
                const today = new Date().toISOString().slice(0, 10);
                const running = m.contracts.filter((c) => c.start_date <= today && (!c.end_date || c.end_date >= today));
                return (
                  <tr key={m.id}>
                    <th scope="row">
                      <a href={`/personnel/${m.id}`}>
                        {m.last_name.toUpperCase()} {m.first_name}
                      </a>
                    </th>
                    <td>{m.job_label}</td>
                    <td>
                      {running.length === 0
                        ? 'Aucun'
                        : running.map((c) => `${c.kind_label} ${percent(c.working_time)} — ${establishmentName(list, c.establishment_id)}`).join(' ; ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" class="button button--secondary" onClick={() => void more()}>
          Afficher la suite
        </button>
      )}
    </article>
  );
}
