// The identity of an establishment as typed in its form: checks before sending, and the bodies of
// POST /api/v1/establishments (creation) and PATCH /api/v1/establishments/{id} (changed fields only).
import type { Establishment, ProfileInput } from '../../api/establishments';
import { finessProblem } from './finess';
import type { Errors } from './useForm';

export interface ProfileValues {
  [field: string]: unknown;
  /** Only for the platform administration, at creation. */
  organisation_id: string;
  finess_et: string;
  name: string;
  category_code: string;
  publics: string[];
  disabilities: string[];
  funders: string[];
  bricks: string[];
  address_line: string;
  postal_code: string;
  city: string;
}

/** The ids of the inputs, in the order of the form (the server's field names are the keys). */
export const PROFILE_IDS: Record<keyof ProfileValues & string, string> = {
  organisation_id: 'etablissement-organisme',
  finess_et: 'etablissement-finess',
  name: 'etablissement-nom',
  category_code: 'etablissement-categorie',
  publics: 'etablissement-publics',
  disabilities: 'etablissement-handicaps',
  funders: 'etablissement-financeurs',
  bricks: 'etablissement-briques',
  address_line: 'etablissement-adresse',
  postal_code: 'etablissement-code-postal',
  city: 'etablissement-ville',
};

export const EMPTY_PROFILE: ProfileValues = {
  organisation_id: '',
  finess_et: '',
  name: '',
  category_code: '',
  publics: [],
  disabilities: [],
  funders: [],
  bricks: [],
  address_line: '',
  postal_code: '',
  city: '',
};

export function profileValuesOf(e: Establishment): ProfileValues {
  return {
    organisation_id: String(e.organisation_id),
    finess_et: e.finess_et,
    name: e.name,
    category_code: e.category_code,
    publics: [...e.publics],
    disabilities: [...e.disabilities],
    funders: [...e.funders],
    bricks: [...e.bricks],
    address_line: e.address_line ?? '',
    postal_code: e.postal_code ?? '',
    city: e.city ?? '',
  };
}

export function checkProfile(values: ProfileValues, needsOrganisation: boolean): Errors<ProfileValues> {
  const errors: Errors<ProfileValues> = {};
  if (needsOrganisation && !values.organisation_id) errors.organisation_id = "Choisissez l'organisme gestionnaire.";
  const finess = finessProblem(values.finess_et);
  if (finess) errors.finess_et = finess;
  if (!values.name.trim()) errors.name = "Saisissez le nom de l'établissement.";
  else if (values.name.trim().length > 200) errors.name = 'Le nom compte au plus 200 caractères.';
  if (!values.category_code) errors.category_code = 'Choisissez la catégorie FINESS.';
  if (values.postal_code.trim() && !/^\d{5}$/.test(values.postal_code.trim()))
    errors.postal_code = 'Le code postal compte 5 chiffres.';
  if (values.address_line.trim().length > 200) errors.address_line = "L'adresse compte au plus 200 caractères.";
  if (values.city.trim().length > 100) errors.city = 'La ville compte au plus 100 caractères.';
  return errors;
}

const optional = (text: string) => (text.trim() ? text.trim() : null);

export function creationInput(values: ProfileValues, withOrganisation: boolean): ProfileInput {
  const input: ProfileInput = {
    finess_et: values.finess_et,
    name: values.name.trim(),
    category_code: values.category_code,
    publics: values.publics,
    disabilities: values.disabilities,
    funders: values.funders,
    bricks: values.bricks,
  };
  for (const field of ['address_line', 'postal_code', 'city'] as const) {
    const value = optional(values[field]);
    if (value !== null) input[field] = value;
  }
  if (withOrganisation) input.organisation_id = Number(values.organisation_id);
  return input;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.join(',') === b.join(',');

/** The fields that differ from the establishment (an emptied optional field is sent as null). */
export function changesOf(values: ProfileValues, current: Establishment): ProfileInput {
  const changes: ProfileInput = {};
  if (values.finess_et !== current.finess_et) changes.finess_et = values.finess_et;
  if (values.name.trim() !== current.name) changes.name = values.name.trim();
  if (values.category_code !== current.category_code) changes.category_code = values.category_code;
  for (const field of ['publics', 'disabilities', 'funders', 'bricks'] as const)
    if (!sameList(values[field], current[field])) changes[field] = values[field];
  for (const field of ['address_line', 'postal_code', 'city'] as const)
    if (optional(values[field]) !== current[field]) changes[field] = optional(values[field]);
  return changes;
}
