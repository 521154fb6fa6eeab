// The dashboards an account can choose from, grouped for the scope selector: the platform and its
// organisations (platform administration), the organisation, its categories and its establishments (a grant
// over the whole organisation), or the establishments a grant names. Names come from the establishments API.
import { useEffect, useState } from 'preact/hooks';
import { fetchOrganisations, type Establishment, type Organisation } from '../../api/establishments';
import type { Session } from '../../api/session';
import { useEstablishments } from '../persons/useEstablishments';
import { grantedEstablishments, isPlatformAdmin, readsOrganisation } from './access';

export interface ScopeOption {
  value: string;
  label: string;
}

export interface ScopeGroup {
  label: string;
  options: ScopeOption[];
}

export interface ScopeOptions {
  groups: ScopeGroup[];
  /** The establishments the account sees (names of the drill-down lists). */
  establishments: Establishment[];
  /** Something could not be read: the selector offers what it has. */
  error: string | null;
}

function useOrganisations(enabled: boolean): Organisation[] {
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    fetchOrganisations(controller.signal).then(setOrganisations, () => {
      // Without the list, the platform's dashboard still leads to each organisation (its children).
    });
    return () => controller.abort();
  }, [enabled]);
  return organisations;
}

export function categoryOptions(establishments: readonly Establishment[]): ScopeOption[] {
  const seen = new Map<string, string>();
  for (const e of establishments) {
    if (!seen.has(e.category_code)) seen.set(e.category_code, `${e.category} — ${e.category_label}`);
  }
  return [...seen.entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'fr'))
    .map(([code, label]) => ({ value: `category:${code}`, label }));
}

export function useScopeOptions(session: Session): ScopeOptions {
  const platform = isPlatformAdmin(session);
  const organisations = useOrganisations(platform);
  const state = useEstablishments();
  const all = state.kind === 'ready' ? state.establishments.filter((e) => !e.archived_at) : [];
  const groups: ScopeGroup[] = [];
  if (platform) {
    groups.push({ label: 'Plateforme', options: [{ value: 'platform', label: 'Toute la plateforme' }] });
    if (organisations.length > 0)
      groups.push({
        label: 'Organismes',
        options: organisations.map((o) => ({ value: `organisation:${o.id}`, label: o.name })),
      });
  }
  if (readsOrganisation(session)) {
    const organisationIds = new Set(session.grants.map((g) => g.organisation_id).filter((id) => id !== null));
    const own = all.filter((e) => organisationIds.has(e.organisation_id));
    groups.push({ label: 'Organisme', options: [{ value: 'organisation', label: "Tout l'organisme" }] });
    const categories = categoryOptions(own);
    if (categories.length > 0) groups.push({ label: 'Catégories', options: categories });
    if (own.length > 0)
      groups.push({
        label: 'Établissements',
        options: own.map((e) => ({ value: `establishment:${e.id}`, label: e.name })),
      });
  } else {
    const granted = new Set(grantedEstablishments(session));
    const mine = all.filter((e) => granted.has(e.id));
    const options = [...granted].map((id) => ({
      value: `establishment:${id}`,
      label: mine.find((e) => e.id === id)?.name ?? `Établissement n° ${id}`,
    }));
    if (options.length > 0) groups.push({ label: 'Établissements', options });
  }
  return {
    groups,
    establishments: state.kind === 'ready' ? state.establishments : [],
    error: state.kind === 'error' ? state.message : null,
  };
}
