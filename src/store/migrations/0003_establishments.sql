-- Reference data of establishments (Gestetab): organisation details, establishment profile,
-- sites, dated capacity, authorisations, opening calendar, closures, and the history of changes.

ALTER TABLE organisation ADD COLUMN address_line TEXT;
ALTER TABLE organisation ADD COLUMN postal_code TEXT;
ALTER TABLE organisation ADD COLUMN city TEXT;
ALTER TABLE organisation ADD COLUMN dpo_name TEXT;
ALTER TABLE organisation ADD COLUMN dpo_email TEXT;
ALTER TABLE organisation ADD COLUMN dpo_phone TEXT;

ALTER TABLE establishment ADD COLUMN publics TEXT NOT NULL DEFAULT '';        -- comma-separated codes
ALTER TABLE establishment ADD COLUMN disabilities TEXT NOT NULL DEFAULT '';
ALTER TABLE establishment ADD COLUMN funders TEXT NOT NULL DEFAULT '';
ALTER TABLE establishment ADD COLUMN bricks TEXT NOT NULL DEFAULT '';
ALTER TABLE establishment ADD COLUMN address_line TEXT;
ALTER TABLE establishment ADD COLUMN postal_code TEXT;
ALTER TABLE establishment ADD COLUMN city TEXT;
ALTER TABLE establishment ADD COLUMN search_text TEXT NOT NULL DEFAULT '';    -- lower case, no accents: name, FINESS, city

CREATE TABLE establishment_site (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  name TEXT NOT NULL,
  address_line TEXT,
  postal_code TEXT,
  city TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX establishment_site_by_establishment ON establishment_site (establishment_id);

-- Places by kind of care and status, for a period; periods of one kind and status never overlap.
CREATE TABLE capacity (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  care_mode TEXT NOT NULL,
  status TEXT NOT NULL,
  places INTEGER NOT NULL,
  effective_from DATE NOT NULL,
  effective_to DATE,
  created_at TEXT NOT NULL
);
CREATE INDEX capacity_by_establishment ON capacity (establishment_id, care_mode, status, effective_from);

CREATE TABLE authorisation (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  decision_reference TEXT NOT NULL,
  decision_date DATE NOT NULL,
  duration_years INTEGER NOT NULL,
  renewal_date DATE NOT NULL,
  notes TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX authorisation_by_renewal ON authorisation (organisation_id, renewal_date);

-- Opening: days open in a year, or a weekly pattern (7 characters, Monday first, 1 = open),
-- per kind of care; closures remove days from the pattern.
CREATE TABLE opening_calendar (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  care_mode TEXT NOT NULL,
  year INTEGER NOT NULL,
  days_open INTEGER,
  weekly_pattern TEXT,
  UNIQUE (establishment_id, care_mode, year)
);

CREATE TABLE closure (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  care_mode TEXT,                                      -- NULL: every kind of care
  date_from DATE NOT NULL,
  date_to DATE NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX closure_by_establishment ON closure (establishment_id, date_from);

-- Who changed what, when, and the value before: shown in the establishment's history tab.
CREATE TABLE change_history (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  object_type TEXT NOT NULL,
  object_id BIGINT NOT NULL,
  field TEXT NOT NULL,
  previous_value TEXT,
  new_value TEXT,
  account_id BIGINT,
  account_label TEXT NOT NULL,
  at TEXT NOT NULL,
  request_id TEXT
);
CREATE INDEX change_history_by_object ON change_history (object_type, object_id, id);
