// The tabs of a person record, and the one in the address (?onglet=sejours). The support plan and the notes,
// the appointments and the letters are offered only to the roles that read them (the server refuses the others
// anyway).
import type { Session } from '../../api/session';
import type { TabItem } from '../../ui/Tabs';
import { canReadAdministrative, canReadTeamRecord } from './recordAccess';

interface RecordTab extends TabItem {
  /** Shown to this session; always when absent. */
  shown?: (session: Session) => boolean;
}

const ALL: readonly RecordTab[] = [
  { id: 'identite', label: 'Identité' },
  { id: 'sejours', label: 'Séjours' },
  { id: 'decisions', label: 'Décisions' },
  { id: 'entourage', label: 'Entourage' },
  { id: 'projet', label: 'Projet personnalisé', shown: canReadTeamRecord },
  { id: 'notes', label: 'Notes', shown: canReadTeamRecord },
  { id: 'documents', label: 'Documents' },
  { id: 'rendez-vous', label: 'Rendez-vous', shown: canReadAdministrative },
  { id: 'courriers', label: 'Courriers', shown: canReadAdministrative },
  { id: 'presences', label: 'Présences' },
  { id: 'historique', label: 'Historique' },
];

export const tabsFor = (session: Session): TabItem[] =>
  ALL.filter((tab) => !tab.shown || tab.shown(session)).map(({ id, label }) => ({ id, label }));

export function tabFromQuery(search: string, tabs: readonly TabItem[]): string {
  const wanted = new URLSearchParams(search).get('onglet');
  return tabs.some((tab) => tab.id === wanted) ? (wanted as string) : 'identite';
}

export function queryWithTab(search: string, tab: string): URLSearchParams {
  const params = new URLSearchParams(search);
  if (tab === 'identite') params.delete('onglet');
  else params.set('onglet', tab);
  return params;
}
