-- The person supported (Gestusa), part 1: identity with identity-vigilance, and stays.

CREATE TABLE person (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  registered_establishment_id BIGINT NOT NULL REFERENCES establishment (id),  -- where the record was opened
  birth_name TEXT NOT NULL,
  used_name TEXT,
  first_names TEXT NOT NULL,          -- all birth first names, in order, separated by one space
  used_first_name TEXT,
  sex TEXT NOT NULL,                  -- F | M | I (indeterminate)
  birth_date TEXT NOT NULL,           -- YYYY-MM-DD, or YYYY when only the year is known
  birth_place TEXT,                   -- INSEE commune code, or 99 + country code
  nir TEXT,
  identity_status TEXT NOT NULL,      -- PROV | RECUP | VALI | QUAL
  identity_document TEXT,
  identity_checked_by TEXT,
  identity_checked_at TEXT,
  search_text TEXT NOT NULL,          -- folded names, for the type-ahead
  merged_into BIGINT REFERENCES person (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX person_by_organisation ON person (organisation_id, id);
CREATE INDEX person_by_birth_date ON person (organisation_id, birth_date);
CREATE INDEX person_by_nir ON person (organisation_id, nir);

CREATE TABLE stay (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  care_mode TEXT NOT NULL,
  admission_date DATE NOT NULL,
  origin TEXT NOT NULL,
  discharge_date DATE,
  destination TEXT,
  discharge_reason TEXT,
  transfer_from_stay_id BIGINT REFERENCES stay (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX stay_by_person ON stay (person_id, admission_date);
CREATE INDEX stay_by_establishment ON stay (establishment_id, admission_date);
