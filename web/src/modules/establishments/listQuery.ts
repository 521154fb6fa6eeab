// The filters of the list of establishments, kept in the address (?categorie=183&financeur=ars&recherche=…
// &archives=oui) so that a filtered list can be bookmarked, shared, and found again with "Back".
import type { EstablishmentQuery } from '../../api/establishments';

export interface ListFilters {
  category: string;
  funder: string;
  text: string;
  archived: boolean;
}

export const NO_FILTERS: ListFilters = { category: '', funder: '', text: '', archived: false };

export function filtersFromQuery(search: string): ListFilters {
  const params = new URLSearchParams(search);
  return {
    category: params.get('categorie') ?? '',
    funder: params.get('financeur') ?? '',
    text: params.get('recherche') ?? '',
    archived: params.get('archives') === 'oui',
  };
}

export function filtersToQuery(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.category) params.set('categorie', filters.category);
  if (filters.funder) params.set('financeur', filters.funder);
  if (filters.text.trim()) params.set('recherche', filters.text.trim());
  if (filters.archived) params.set('archives', 'oui');
  return params;
}

export function toApiQuery(filters: ListFilters): EstablishmentQuery {
  return {
    category: filters.category || undefined,
    funder: filters.funder || undefined,
    q: filters.text.trim() || undefined,
    include_archived: filters.archived || undefined,
  };
}

export const hasFilters = (filters: ListFilters) =>
  Boolean(filters.category || filters.funder || filters.text.trim() || filters.archived);
