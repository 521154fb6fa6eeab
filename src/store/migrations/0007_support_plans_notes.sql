-- The person record, part 2: support plans (projet personnalisé) and notes (transmissions).

-- One version of a person's support plan: draft → validated → archived (when a newer one is validated).
CREATE TABLE support_plan (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  version INTEGER NOT NULL,
  status TEXT NOT NULL,              -- draft | validated | archived
  needs_assessment TEXT NOT NULL,
  person_wishes TEXT,                -- the person's own words, as drafted with them
  review_due DATE,                   -- at least yearly once validated
  validated_at TEXT,
  validated_by TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (person_id, establishment_id, version)
);
CREATE INDEX support_plan_by_person ON support_plan (person_id);
CREATE INDEX support_plan_by_review ON support_plan (organisation_id, status, review_due);

CREATE TABLE plan_goal (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  plan_id BIGINT NOT NULL REFERENCES support_plan (id),
  position INTEGER NOT NULL,
  domain TEXT NOT NULL,
  description TEXT NOT NULL,
  expected_outcome TEXT NOT NULL,
  target_date DATE
);
CREATE INDEX plan_goal_by_plan ON plan_goal (plan_id, position);

CREATE TABLE plan_action (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  plan_id BIGINT NOT NULL REFERENCES support_plan (id),
  goal_id BIGINT NOT NULL REFERENCES plan_goal (id),
  description TEXT NOT NULL,
  who TEXT NOT NULL,
  frequency TEXT NOT NULL
);
CREATE INDEX plan_action_by_plan ON plan_action (plan_id);

CREATE TABLE plan_review (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  plan_id BIGINT NOT NULL REFERENCES support_plan (id),
  review_date DATE NOT NULL,
  summary TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX plan_review_by_plan ON plan_review (plan_id);

CREATE TABLE plan_review_outcome (
  review_id BIGINT NOT NULL REFERENCES plan_review (id),
  goal_id BIGINT NOT NULL REFERENCES plan_goal (id),
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  outcome TEXT NOT NULL,             -- achieved | partly_achieved | not_achieved | abandoned | continued
  comment TEXT,
  PRIMARY KEY (review_id, goal_id)
);

CREATE TABLE plan_signature (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  plan_id BIGINT NOT NULL REFERENCES support_plan (id),
  signatory TEXT NOT NULL,           -- person | legal_representative | referent | director
  name TEXT NOT NULL,
  signed_on DATE NOT NULL,
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (plan_id, signatory)
);

-- Notes (transmissions / observations). Never deleted: a correction is a new note pointing to the
-- one it corrects, which stays readable. The body is encrypted (key outside the database).
CREATE TABLE person_note (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  category TEXT NOT NULL,            -- daily_life | health | education | incident | family | work | other
  confidentiality TEXT NOT NULL,     -- team | named | medical
  occurred_on DATE NOT NULL,
  body TEXT NOT NULL,                -- sealed (core/sealed_text.hpp), base64
  corrects_note_id BIGINT REFERENCES person_note (id),
  author_account_id BIGINT,
  author_label TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX person_note_by_person ON person_note (person_id, occurred_on);

-- Named notes: the professionals who may read them besides their author.
CREATE TABLE person_note_reader (
  note_id BIGINT NOT NULL REFERENCES person_note (id),
  account_id BIGINT NOT NULL REFERENCES account (id),
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (note_id, account_id)
);
