// French labels for the codes of the audit trail; an unknown code is shown as it is.

const ROLES: Record<string, string> = {
  platform_admin: 'Administrateur de la plateforme',
  organisation_admin: "Administrateur de l'organisme",
  director: 'Directeur',
  head_of_service: 'Chef de service',
  educator: 'Professionnel éducatif',
  care_professional: 'Professionnel soignant ou médical',
  secretary: 'Secrétaire',
  quality_manager: 'Responsable qualité',
  data_protection_officer: 'Délégué à la protection des données',
  external_reader: 'Lecteur externe (financeur)',
};

/** The actions written by the server, in the order of the filter's list. */
export const ACTIONS: ReadonlyArray<readonly [string, string]> = [
  ['sign_in', 'Connexion'],
  ['sign_out', 'Déconnexion'],
  ['read', 'Consultation'],
  ['create', 'Création'],
  ['update', 'Modification'],
  ['delete', 'Suppression'],
  ['export', 'Export'],
  ['access', 'Accès refusé à une ressource'],
  ['password_reset', 'Réinitialisation du mot de passe'],
  ['revoke', 'Révocation'],
];

const ACTION_LABELS: Record<string, string> = Object.fromEntries(ACTIONS);

const OUTCOMES: Record<string, string> = {
  success: 'Réussite',
  failure: 'Échec',
  denied: 'Refus',
};

const OBJECTS: Record<string, string> = {
  session: 'Session',
  account: 'Compte',
  audit_trail: 'Trace des accès',
  password_reset: 'Réinitialisation du mot de passe',
  api_token: "Jeton d'accès (API)",
  organisation: 'Organisme',
  establishment: 'Établissement',
  person: 'Personne accompagnée',
  second_factor_rule: 'Règles du second facteur',
};

export const roleLabel = (code: string) => (code ? (ROLES[code] ?? code) : '—');
export const actionLabel = (code: string) => ACTION_LABELS[code] ?? code;
export const outcomeLabel = (code: string) => OUTCOMES[code] ?? code;
export const objectLabel = (code: string) => OBJECTS[code] ?? code;

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

/** The reasons the server writes in object_id for refused sign-ins and exports. */
const REASONS: Record<string, string> = {
  'bad credentials': 'identifiants incorrects',
  'second factor invalid': 'code de vérification incorrect',
  throttled: 'trop de tentatives',
  'account disabled': 'compte désactivé',
  'second factor enrolment required': 'second facteur à activer',
  'account created from directory': "compte créé depuis l'annuaire",
};

export function reasonLabel(text: string): string {
  const events = /^(\d+) events?$/.exec(text);
  if (events) return `${events[1]} événement${events[1] === '1' ? '' : 's'}`;
  return REASONS[text] ?? text;
}
