// The tabs of a person record, and the one in the address (?onglet=sejours).
import type { TabItem } from '../../ui/Tabs';

export const TABS: readonly TabItem[] = [
  { id: 'identite', label: 'Identité' },
  { id: 'sejours', label: 'Séjours' },
  { id: 'decisions', label: 'Décisions' },
  { id: 'entourage', label: 'Entourage' },
  { id: 'presences', label: 'Présences' },
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
