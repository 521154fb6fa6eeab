// The history of a sheet in words: "actions/12/status" → « Action « Recrutement… » : statut ».
import type { Cpom, Sheet } from '../../api/cpom';

const FIELDS: Record<string, string> = {
  created: 'Création',
  objective_id: 'Objectif',
  title: 'Titre',
  description: 'Contexte',
  owner: 'Pilote',
  label: 'Intitulé',
  means: 'Moyens',
  establishment_ids: 'Établissements',
  start_date: 'Début',
  deadline: 'Échéance',
  status: 'Statut',
  progress: 'Avancement (%)',
  unit: 'Unité',
  higher_is_better: 'Sens',
  initial_value: 'Valeur initiale',
  target_value: 'Cible',
  target_year: 'Année de la cible',
  computed_id: 'Indicateur calculé',
  computed_scope: 'Périmètre',
};

export function historyField(field: string, sheet: Sheet): string {
  const parts = field.split('/');
  if (parts[0] === 'actions' || parts[0] === 'indicators') {
    const id = Number(parts[1]);
    const item =
      parts[0] === 'actions' ? sheet.actions.find((a) => a.id === id)?.label : sheet.indicators.find((i) => i.id === id)?.label;
    const what = `${parts[0] === 'actions' ? 'Action' : 'Indicateur'} « ${item ?? `n° ${id}, retiré`} »`;
    if (parts.length === 2) return what;
    if (parts[2] === 'values') return `${what} : valeur ${parts[3] ?? ''}`;
    return `${what} : ${(FIELDS[parts[2] ?? ''] ?? parts[2] ?? '').toLowerCase()}`;
  }
  return FIELDS[field] ?? field;
}

const CPOM_FIELDS: Record<string, string> = {
  created: 'Création',
  name: 'Intitulé',
  funders: 'Financeurs',
  establishment_ids: 'Établissements (identifiants)',
  reader_ids: 'Lecteurs externes (comptes)',
  start_date: 'Début',
  end_date: 'Fin',
  status: 'Statut',
};

/** "objectives/4/title" → « Objectif « … » : intitulé ». */
export function cpomHistoryField(field: string, cpom: Cpom): string {
  const parts = field.split('/');
  if (parts[0] === 'objectives') {
    const id = Number(parts[1]);
    const title = cpom.objectives?.find((o) => o.id === id)?.title ?? `n° ${id}`;
    if (parts.length === 2) return `Objectif « ${title} » ajouté`;
    return `Objectif « ${title} » : ${parts[2] === 'title' ? 'intitulé' : 'rattachement'}`;
  }
  return CPOM_FIELDS[field] ?? field;
}
