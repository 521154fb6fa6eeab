-- Orientation decisions (CDAPH / MDPH notifications): the category of establishment a person is
-- oriented to, for a period.
CREATE TABLE orientation_decision (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  mdph_number TEXT,
  decision_reference TEXT NOT NULL,
  decision_date DATE NOT NULL,
  category_code TEXT NOT NULL,       -- FINESS category the person is oriented to (IME 183, ESAT 246…)
  valid_from DATE NOT NULL,
  valid_to DATE NOT NULL,
  creton INTEGER NOT NULL,           -- young adult kept in a children's establishment (amendement Creton)
  created_at TEXT NOT NULL
);
CREATE INDEX orientation_decision_by_person ON orientation_decision (person_id, valid_to);
