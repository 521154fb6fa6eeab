// The values of the identity form, their checks (the same rules as the server's) and what is sent:
// every field at creation, only the changed ones on a record (PATCH), a cleared field sent as null.
import type { Identity, Person, PersonInput, Sex, IdentityStatus } from '../../api/persons';
import { isIsoDate } from '../establishments/format';
import type { Errors } from '../establishments/useForm';
import { NEEDS_DOCUMENT } from './labels';

export interface IdentityValues {
  [field: string]: unknown;
  establishment_id: string;
  birth_name: string;
  first_names: string[];
  used_name: string;
  used_first_name: string;
  sex: string;
  /** 'full': a calendar day; 'year': only the year is known. */
  birth_precision: string;
  birth_date: string;
  birth_year: string;
  birth_place: string;
  nir: string;
  identity_status: string;
  identity_document: string;
}

/** The ids of the inputs, in the order of the form (the focus goes to the first field in error). */
export const IDENTITY_IDS: Record<keyof IdentityValues & string, string> = {
  establishment_id: 'usager-etablissement',
  birth_name: 'usager-nom-naissance',
  first_names: 'usager-prenom-0',
  used_name: 'usager-nom-usage',
  used_first_name: 'usager-prenom-usage',
  sex: 'usager-sexe',
  birth_precision: 'usager-precision-naissance',
  birth_date: 'usager-naissance',
  birth_year: 'usager-naissance',
  birth_place: 'usager-lieu-naissance',
  nir: 'usager-nir',
  identity_status: 'usager-statut-identite',
  identity_document: 'usager-piece-identite',
};

export const MAX_FIRST_NAMES = 10;

export const EMPTY_IDENTITY: IdentityValues = {
  establishment_id: '',
  birth_name: '',
  first_names: [''],
  used_name: '',
  used_first_name: '',
  sex: '',
  birth_precision: 'full',
  birth_date: '',
  birth_year: '',
  birth_place: '',
  nir: '',
  identity_status: 'PROV',
  identity_document: '',
};

export function identityValuesOf(p: Person): IdentityValues {
  const yearOnly = /^\d{4}$/.test(p.birth_date);
  return {
    establishment_id: String(p.registered_establishment_id),
    birth_name: p.birth_name,
    first_names: p.first_names.length > 0 ? [...p.first_names] : [''],
    used_name: p.used_name ?? '',
    used_first_name: p.used_first_name ?? '',
    sex: p.sex,
    birth_precision: yearOnly ? 'year' : 'full',
    birth_date: yearOnly ? '' : p.birth_date,
    birth_year: yearOnly ? p.birth_date : '',
    birth_place: p.birth_place ?? '',
    nir: p.nir ?? '',
    identity_status: p.identity_status,
    identity_document: p.identity_document ?? '',
  };
}

const compactNir = (nir: string) => nir.replace(/\s+/g, '').toUpperCase();

export function checkIdentity(v: IdentityValues, creating: boolean): Errors<IdentityValues> {
  const errors: Errors<IdentityValues> = {};
  if (creating && !v.establishment_id) errors.establishment_id = "Choisissez l'établissement du dossier.";
  if (!v.birth_name.trim()) errors.birth_name = 'Saisissez le nom de naissance.';
  if (!v.first_names.some((f) => f.trim())) errors.first_names = 'Saisissez au moins le premier prénom.';
  if (!v.sex) errors.sex = 'Choisissez le sexe.';
  if (v.birth_precision === 'year') {
    const year = Number(v.birth_year.trim());
    if (!/^\d{4}$/.test(v.birth_year.trim()) || year < 1880 || year > new Date().getFullYear())
      errors.birth_year = "Saisissez l'année de naissance (4 chiffres).";
  } else if (!isIsoDate(v.birth_date)) errors.birth_date = 'Saisissez la date de naissance.';
  const place = v.birth_place.trim().toUpperCase();
  if (place && !/^(\d{5}|2[AB]\d{3})$/.test(place))
    errors.birth_place = 'Code INSEE de la commune : 5 caractères (2A ou 2B pour la Corse, 99 + pays né à l’étranger).';
  const nir = compactNir(v.nir);
  if (nir && !/^[12378]\d{4}(\d|2A|2B)\d{9}$/.test(nir)) errors.nir = 'Un NIR compte 15 caractères (13 + clé de 2 chiffres).';
  if (NEEDS_DOCUMENT.has(v.identity_status) && !v.identity_document.trim())
    errors.identity_document = "Indiquez la pièce d'identité vérifiée.";
  if (v.identity_status === 'QUAL' && !nir) errors.nir = 'Une identité qualifiée a besoin du NIR.';
  return errors;
}

function identityOf(v: IdentityValues): Identity {
  const text = (s: string) => (s.trim() ? s.trim() : null);
  return {
    birth_name: v.birth_name.trim(),
    used_name: text(v.used_name),
    first_names: v.first_names.map((f) => f.trim()).filter(Boolean),
    used_first_name: text(v.used_first_name),
    sex: v.sex as Sex,
    birth_date: v.birth_precision === 'year' ? v.birth_year.trim() : v.birth_date,
    birth_place: text(v.birth_place.toUpperCase()),
    nir: v.nir.trim() ? compactNir(v.nir) : null,
    identity_status: v.identity_status as IdentityStatus,
    identity_document: NEEDS_DOCUMENT.has(v.identity_status) ? text(v.identity_document) : null,
  };
}

/** POST /api/v1/persons: the fields filled in. */
export function creationInput(v: IdentityValues, confirmDuplicate: boolean): PersonInput {
  const identity = identityOf(v);
  const input: PersonInput = { establishment_id: Number(v.establishment_id) };
  for (const [field, value] of Object.entries(identity)) if (value !== null) Object.assign(input, { [field]: value });
  if (confirmDuplicate) input.confirm_duplicate = true;
  return input;
}

/** PATCH /api/v1/persons/{id}: what differs from the record. */
export function identityChanges(v: IdentityValues, p: Person): PersonInput {
  const identity = identityOf(v);
  const changes: PersonInput = {};
  for (const [field, value] of Object.entries(identity) as [keyof Identity, unknown][]) {
    if (JSON.stringify(value) !== JSON.stringify(p[field] ?? null)) Object.assign(changes, { [field]: value });
  }
  return changes;
}
