-- CPOM action sheets (brick cpom, DOMAIN.md §6): the multi-year contract of objectives and means between
-- the organisation and its funders (CASF L.313-11, L.313-12), its strategic and operational objectives,
-- the action sheets of the operational objectives (actions, indicators, comments) and the external reader
-- accounts (the funders) who may read it. Rules: modules/steering/cpom.hpp.

CREATE TABLE cpom (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  name TEXT NOT NULL,
  funders TEXT NOT NULL,             -- funder codes separated by commas (ars, departement)
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,            -- before the sixth anniversary of the start (5 years + 1 by amendment)
  status TEXT NOT NULL,              -- draft | signed | ended
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cpom_by_organisation ON cpom (organisation_id, id);

-- The establishments the contract concerns.
CREATE TABLE cpom_establishment (
  cpom_id BIGINT NOT NULL REFERENCES cpom (id),
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  PRIMARY KEY (cpom_id, establishment_id)
);

-- The external reader accounts (the funders' people) named on the contract: they read it, and nothing else.
CREATE TABLE cpom_reader (
  cpom_id BIGINT NOT NULL REFERENCES cpom (id),
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  account_id BIGINT NOT NULL REFERENCES account (id),
  PRIMARY KEY (cpom_id, account_id)
);
CREATE INDEX cpom_reader_by_account ON cpom_reader (account_id);

-- Strategic objectives (parent_id NULL) and the operational objectives under them.
CREATE TABLE cpom_objective (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  cpom_id BIGINT NOT NULL REFERENCES cpom (id),
  parent_id BIGINT REFERENCES cpom_objective (id),
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cpom_objective_by_cpom ON cpom_objective (cpom_id, id);

-- An action sheet: the actions and indicators of one operational objective.
CREATE TABLE cpom_sheet (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  cpom_id BIGINT NOT NULL REFERENCES cpom (id),
  objective_id BIGINT NOT NULL REFERENCES cpom_objective (id),
  title TEXT NOT NULL,
  description TEXT,
  owner TEXT,                        -- who steers the sheet (a name or a function)
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cpom_sheet_by_cpom ON cpom_sheet (cpom_id, id);

CREATE TABLE cpom_action (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  sheet_id BIGINT NOT NULL REFERENCES cpom_sheet (id),
  position INTEGER NOT NULL,         -- order within the sheet
  label TEXT NOT NULL,
  owner TEXT,
  means TEXT,
  start_date DATE,
  deadline DATE NOT NULL,
  status TEXT NOT NULL,              -- not_started | in_progress | done | abandoned
  progress INTEGER NOT NULL          -- percent, 0 to 100
);
CREATE INDEX cpom_action_by_sheet ON cpom_action (sheet_id, position);

CREATE TABLE cpom_action_establishment (
  action_id BIGINT NOT NULL REFERENCES cpom_action (id),
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  PRIMARY KEY (action_id, establishment_id)
);

-- An indicator of a sheet: initial value, target and target year, values by year; optionally linked to a
-- computed indicator (ACT-02…) over a scope, whose current value is computed at each read.
CREATE TABLE cpom_indicator (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  sheet_id BIGINT NOT NULL REFERENCES cpom_sheet (id),
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  unit TEXT NOT NULL,                -- rate (fractions: 0.95) | count | days | persons | fte | ratio | euros | number
  higher_is_better INTEGER NOT NULL, -- 1: the target is a floor; 0: a ceiling
  initial_value DOUBLE PRECISION,
  target_value DOUBLE PRECISION NOT NULL,
  target_year INTEGER NOT NULL,
  computed_id TEXT,                  -- id of the computed indicator (modules/steering/indicators.hpp)
  computed_scope TEXT                -- organisation | establishment:<id> | category:<code>
);
CREATE INDEX cpom_indicator_by_sheet ON cpom_indicator (sheet_id, position);

CREATE TABLE cpom_indicator_value (
  indicator_id BIGINT NOT NULL REFERENCES cpom_indicator (id),
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  year INTEGER NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (indicator_id, year)
);

-- Comments on a sheet (follow-up meetings, yearly review): written once, never changed.
CREATE TABLE cpom_comment (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  sheet_id BIGINT NOT NULL REFERENCES cpom_sheet (id),
  account_id BIGINT REFERENCES account (id),
  author TEXT NOT NULL,
  at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX cpom_comment_by_sheet ON cpom_comment (sheet_id, id);
