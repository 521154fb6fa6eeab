// French labels of the codes of the person record. The server sends codes; an unknown code is shown as it is.
import type { SelectOption } from '../../ui/SelectField';

export type Labels = Readonly<Record<string, string>>;

export const label = (labels: Labels, code: string | null | undefined): string => (code ? (labels[code] ?? code) : '');

export const optionsOf = (labels: Labels): SelectOption[] =>
  Object.entries(labels).map(([value, text]) => ({ value, label: text }));

export const SEXES: Labels = { F: 'Féminin', M: 'Masculin', I: 'Indéterminé' };

/** Statuses of the national identity-vigilance framework (RNIV). */
export const IDENTITY_STATUSES: Labels = {
  PROV: 'Identité provisoire',
  RECUP: 'Identité récupérée',
  VALI: 'Identité validée',
  QUAL: 'Identité qualifiée',
};

/** The statuses that need the identity document that was checked. */
export const NEEDS_DOCUMENT = new Set(['VALI', 'QUAL']);

export const ORIGINS: Labels = {
  home: 'Domicile',
  family: 'Famille',
  establishment: 'Autre établissement ou service',
  hospital: 'Hôpital',
  school: 'Milieu scolaire',
  child_welfare: "Aide sociale à l'enfance",
  other: 'Autre',
};

export const DESTINATIONS: Labels = {
  home: 'Domicile',
  family: 'Famille',
  establishment: 'Autre établissement ou service',
  hospital: 'Hôpital',
  death: 'Décès',
  ordinary_work: 'Milieu ordinaire de travail',
  other: 'Autre',
};

export const ATTENDANCE_STATUSES: Labels = { present: 'Présent', absent: 'Absent', not_expected: 'Non attendu' };

export const ABSENCE_REASONS: Labels = {
  illness: 'Maladie',
  hospitalisation: 'Hospitalisation',
  holiday: 'Congés',
  family: 'Raison familiale',
  unjustified: 'Non justifiée',
  other: 'Autre motif',
};

export const CONTACT_KINDS: Labels = {
  family: 'Famille',
  legal_representative: 'Représentant légal',
  trusted_person: 'Personne de confiance',
  doctor: 'Médecin',
  other: 'Autre',
};

export const CIVILITIES: Labels = { Mme: 'Mme', 'M.': 'M.' };

export const PROTECTION_KINDS: Labels = {
  sauvegarde_justice: 'Sauvegarde de justice',
  curatelle_simple: 'Curatelle simple',
  curatelle_renforcee: 'Curatelle renforcée',
  tutelle: 'Tutelle',
  habilitation_familiale: 'Habilitation familiale',
  mandat_protection_future: 'Mandat de protection future',
  mesure_accompagnement: "Mesure d'accompagnement",
};

export const PROTECTOR_KINDS: Labels = {
  family: 'Famille',
  professional: 'Mandataire professionnel',
  association: 'Association tutélaire',
};

export const VALIDITIES: Labels = {
  future: 'À venir',
  valid: 'En cours de validité',
  expiring: 'Expire dans moins de six mois',
  expired: 'Expirée',
};

export interface RequestStatus {
  code: string;
  label: string;
  /** The request is still on the waiting list. */
  waiting: boolean;
}

/** Statuses of an admission request (ANS nomenclature JDV_J252), in the order of the process. */
export const REQUEST_STATUSES: readonly RequestStatus[] = [
  { code: '39', label: 'Notification envoyée', waiting: true },
  { code: '40', label: 'Notification lue', waiting: true },
  { code: '41', label: 'Contact établi', waiting: true },
  { code: '42', label: "Liste d'attente – demande reçue", waiting: true },
  { code: '43', label: "Période d'essai", waiting: true },
  { code: '72', label: "Liste d'attente – admissible", waiting: true },
  { code: '71', label: "Liste d'attente – admis", waiting: true },
  { code: '44', label: 'Essai non concluant', waiting: false },
  { code: '45', label: 'Admission impossible signalée', waiting: false },
  { code: '46', label: 'Admission impossible confirmée', waiting: false },
  { code: '47', label: 'Personne entrée', waiting: false },
  { code: '48', label: 'Personne sortie', waiting: false },
  { code: '49', label: 'Notification annulée', waiting: false },
  { code: '51', label: 'Réorientation demandée', waiting: false },
];

export const requestStatusOptions = (): SelectOption[] =>
  REQUEST_STATUSES.map((s) => ({ value: s.code, label: `${s.label} (${s.code})` }));

// Support plans (projet personnalisé).
export const PLAN_STATUSES: Labels = { draft: 'Brouillon', validated: 'Validé', archived: 'Archivé' };

export const GOAL_DOMAINS: Labels = {
  autonomy: 'Autonomie',
  health: 'Santé',
  communication: 'Communication',
  social_life: 'Vie sociale',
  education: 'Scolarité, apprentissages',
  work: 'Travail',
  housing: 'Logement',
  leisure: 'Loisirs',
  family: 'Famille',
  rights: 'Droits, citoyenneté',
  other: 'Autre',
};

export const SIGNATORIES: Labels = {
  person: 'La personne accompagnée',
  legal_representative: 'Son représentant légal',
  referent: 'Le professionnel référent',
  director: 'La direction',
};

export const OUTCOMES: Labels = {
  achieved: 'Atteint',
  partly_achieved: 'Partiellement atteint',
  not_achieved: 'Non atteint',
  abandoned: 'Abandonné',
  continued: 'Reconduit',
};

// Notes (transmissions).
export const NOTE_CATEGORIES: Labels = {
  daily_life: 'Vie quotidienne',
  health: 'Santé',
  education: 'Scolarité, apprentissages',
  incident: 'Incident',
  family: 'Famille',
  work: 'Travail',
  other: 'Autre',
};

export const NOTE_LEVELS: Labels = {
  team: "Équipe de l'établissement",
  named: 'Professionnels nommés',
  medical: 'Secret médical',
};
