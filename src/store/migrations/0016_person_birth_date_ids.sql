-- Type-ahead with a birth year (bench/RESULTS.md, search at 400,000 persons): the year's person
-- ids read from the index alone. SQLite's index held the id already (the rowid); PostgreSQL's
-- did not, and read every person row of the year.
DROP INDEX person_by_birth_date;
CREATE INDEX person_by_birth_date ON person (organisation_id, birth_date, id);
