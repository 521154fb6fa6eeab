-- The person record, part 1 continued: search index, waiting list, legal protection, contacts,
-- attendance.

-- Type-ahead: one row per word of the person's names (folded), so that "mar" is an index range
-- ('mar' <= token < 'mas') instead of a scan of every record.
CREATE TABLE person_name_token (
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  token {{binary_text}} NOT NULL,
  person_id BIGINT NOT NULL REFERENCES person (id),
  PRIMARY KEY (organisation_id, token, person_id)
);
CREATE INDEX person_name_token_by_person ON person_name_token (person_id);

-- Waiting list: a request for admission in an establishment (ANS value set JDV_J252 statuses).
CREATE TABLE admission_request (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  care_mode TEXT NOT NULL,
  received_date DATE NOT NULL,
  status TEXT NOT NULL,
  status_date DATE NOT NULL,
  decision_id BIGINT REFERENCES orientation_decision (id),
  comment TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX admission_request_by_person ON admission_request (person_id);
CREATE INDEX admission_request_by_establishment ON admission_request (establishment_id, status);

-- Legal protection (tutelle, curatelle, habilitation familiale…) and who exercises it.
CREATE TABLE protection_measure (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  kind TEXT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE,
  judgement_reference TEXT,
  protector_kind TEXT NOT NULL,      -- family | professional (mandataire judiciaire) | association
  protector_name TEXT NOT NULL,
  protector_phone TEXT,
  protector_email TEXT,
  protector_address TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX protection_measure_by_person ON protection_measure (person_id);

-- Family and contacts, with their rights on the record's correspondence.
CREATE TABLE contact (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  kind TEXT NOT NULL,                -- family | legal_representative | trusted_person | doctor | other
  relationship TEXT,
  civility TEXT,
  last_name TEXT NOT NULL,
  first_name TEXT,
  phone TEXT,
  email TEXT,
  address_line TEXT,
  postal_code TEXT,
  city TEXT,
  receives_letters INTEGER NOT NULL,
  to_be_informed INTEGER NOT NULL,
  emergency INTEGER NOT NULL,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX contact_by_person ON contact (person_id);

-- Attendance: one row per stay and day recorded; no row means nothing entered yet.
CREATE TABLE attendance (
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  stay_id BIGINT NOT NULL REFERENCES stay (id),
  day DATE NOT NULL,
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  care_mode TEXT NOT NULL,
  status TEXT NOT NULL,              -- present | absent | not_expected
  absence_reason TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (stay_id, day)
);
CREATE INDEX attendance_by_establishment ON attendance (establishment_id, day);
CREATE INDEX attendance_by_person ON attendance (person_id, day);
