-- Appointments (rendez-vous) of a person supported and/or professionals (sign-in accounts), in an
-- establishment. Times are the establishment's local wall-clock time (Europe/Paris) as
-- "YYYY-MM-DDTHH:MM" text, compared byte by byte: the text sorts like the time.
CREATE TABLE appointment (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  person_id BIGINT REFERENCES person (id),       -- NULL: a meeting of professionals only
  starts_at {{binary_text}} NOT NULL,
  ends_at {{binary_text}} NOT NULL,              -- after starts_at, at most 72 hours later
  kind TEXT NOT NULL,                            -- medical | paramedical | family | external_partner | internal | other
  title TEXT NOT NULL,
  place TEXT,
  comment TEXT,
  status TEXT NOT NULL,                          -- planned | done | cancelled | missed
  cancel_reason TEXT,
  created_by_account_id BIGINT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX appointment_by_start ON appointment (organisation_id, starts_at);
CREATE INDEX appointment_by_person ON appointment (person_id, starts_at);

CREATE TABLE appointment_professional (
  appointment_id BIGINT NOT NULL REFERENCES appointment (id),
  account_id BIGINT NOT NULL REFERENCES account (id),
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (appointment_id, account_id)
);
CREATE INDEX appointment_professional_by_account ON appointment_professional (account_id, appointment_id);

-- Who a planned appointment keeps busy, and when: "person:<id>" and "account:<id>" per
-- professional. Rows exist for planned appointments only (done, missed and cancelled ones keep
-- nobody busy), so a conflict is two rows of one party whose intervals overlap.
CREATE TABLE appointment_busy (
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  appointment_id BIGINT NOT NULL REFERENCES appointment (id),
  party {{binary_text}} NOT NULL,
  starts_at {{binary_text}} NOT NULL,
  ends_at {{binary_text}} NOT NULL,
  PRIMARY KEY (appointment_id, party)
);
CREATE INDEX appointment_busy_by_party ON appointment_busy (organisation_id, party, starts_at);
CREATE INDEX appointment_busy_by_start ON appointment_busy (organisation_id, starts_at);
