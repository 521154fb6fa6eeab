// The tabs of an establishment's page, and the one in the address (?onglet=capacites).
import type { TabItem } from '../../ui/Tabs';

export const TABS: readonly TabItem[] = [
  { id: 'identite', label: 'Identité' },
  { id: 'capacites', label: 'Capacités' },
  { id: 'autorisations', label: 'Autorisations' },
  { id: 'sites', label: 'Sites' },
  { id: 'calendrier', label: 'Calendrier' },
  { id: 'historique', label: 'Historique' },
];

export function tabFromQuery(search: string): string {
  const wanted = new URLSearchParams(search).get('onglet');
  return TABS.some((tab) => tab.id === wanted) ? (wanted as string) : 'identite';
}

export function queryWithTab(search: string, tab: string): URLSearchParams {
  const params = new URLSearchParams(search);
  if (tab === 'identite') params.delete('onglet');
  else params.set('onglet', tab);
  return params;
}
