-- Copying a person's name tokens (person_name_token → person_name_token_visible, on every creation,
-- change of names and admission) read the whole organisation's tokens on SQLite: its planner preferred
-- the primary key (organisation_id, token, person_id), covering, to the (person_id, organisation_id)
-- index that is not. Each write cost a scan of the organisation, and an import of N persons N² (found by
-- bench/persons-import.sh: 170 persons/s at 20,000, falling). With the token in the person index, that
-- index is covering too and wins on its two equalities.
DROP INDEX person_name_token_by_person;
CREATE INDEX person_name_token_by_person ON person_name_token (person_id, organisation_id, token);
