-- Letters (mail merge): the organisation's letter templates, and a trace of every letter produced.

-- The establishment's switchboard, for letterheads ({{ establishment.phone }}).
ALTER TABLE establishment ADD COLUMN phone TEXT;

-- A template is checked against the field catalogue of the persons brick before it is saved.
CREATE TABLE letter_template (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT REFERENCES establishment (id),  -- NULL: usable in every establishment
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  archived_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX letter_template_by_organisation ON letter_template (organisation_id, name);

-- One row per letter produced: to whom, from which template, by whom, when (the letter itself is not kept).
CREATE TABLE letter_sent (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  template_id BIGINT NOT NULL REFERENCES letter_template (id),
  template_name TEXT NOT NULL,       -- as it was when the letter was produced
  subject TEXT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES person (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  contact_id BIGINT REFERENCES contact (id),  -- NULL: addressed to the person
  addressee TEXT NOT NULL,
  account_id BIGINT REFERENCES account (id),
  sent_by TEXT NOT NULL,
  batch INTEGER NOT NULL,            -- 1 when produced by a batch for an establishment
  sent_at TEXT NOT NULL
);
CREATE INDEX letter_sent_by_person ON letter_sent (person_id, sent_at);
