-- Tenancy: the organisations hosted on the platform and their establishments.
-- Every tenant-owned table carries organisation_id; the store's Scoped filter relies on it.
-- Dates are DATE; timestamps are ISO 8601 UTC text written by the server (identical on both backends).

CREATE TABLE organisation (
  id {{id}},
  name TEXT NOT NULL,
  finess_ej TEXT UNIQUE,
  siren TEXT,
  legal_status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);

CREATE TABLE establishment (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  finess_et TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  category_code TEXT NOT NULL,
  parent_id BIGINT REFERENCES establishment (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);

CREATE INDEX establishment_by_organisation ON establishment (organisation_id, id);
