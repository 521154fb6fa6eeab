-- Type-ahead for accounts limited to some establishments: the name tokens again, per establishment
-- a person is visible from (the one that opened the record, and every stay's), so that a search is
-- an ordered range scan of that establishment's names instead of a filter over the organisation's.
-- Measured in bench/RESULTS.md (search at 400,000 persons).
CREATE TABLE person_name_token_visible (
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  token {{binary_text}} NOT NULL,
  person_id BIGINT NOT NULL REFERENCES person (id),
  PRIMARY KEY (organisation_id, establishment_id, token, person_id)
);
CREATE INDEX person_name_token_visible_by_person ON person_name_token_visible (person_id, organisation_id);

INSERT INTO person_name_token_visible (organisation_id, establishment_id, token, person_id)
SELECT DISTINCT t.organisation_id, e.establishment_id, t.token, t.person_id
FROM person_name_token t
JOIN (SELECT id AS person_id, registered_establishment_id AS establishment_id FROM person
      UNION SELECT person_id, establishment_id FROM stay) e ON e.person_id = t.person_id;

-- Indexes that make the right plan win even without statistics: the visibility check (a stay of
-- this person in these establishments) and the token rewrite of one person.
CREATE INDEX stay_by_person_establishment ON stay (person_id, establishment_id);
DROP INDEX person_name_token_by_person;
CREATE INDEX person_name_token_by_person ON person_name_token (person_id, organisation_id);
