-- The steering aggregates are derived from the facts (rewritten with them, rebuilt by
-- `passerelle rebuild-aggregates`): on PostgreSQL their foreign keys cost two lookups per row written,
-- half of the time of writing them (125,000 days of the `s` dataset by COPY: 2.3 s with the keys,
-- 1.1 s without), and they are written by the hundred thousand (a recompute of ten years, an import,
-- a generated dataset). Their establishment and organisation are the facts' own, which keep their
-- keys. SQLite checks a key with one lookup in the parent's primary key and keeps them (dropping
-- one there means rebuilding the table).
{{postgresql_only}} ALTER TABLE steering_activity_day DROP CONSTRAINT IF EXISTS steering_activity_day_establishment_id_fkey;
{{postgresql_only}} ALTER TABLE steering_activity_day DROP CONSTRAINT IF EXISTS steering_activity_day_organisation_id_fkey;
{{postgresql_only}} ALTER TABLE steering_absent_stay DROP CONSTRAINT IF EXISTS steering_absent_stay_establishment_id_fkey;
{{postgresql_only}} ALTER TABLE steering_absent_stay DROP CONSTRAINT IF EXISTS steering_absent_stay_organisation_id_fkey;
{{postgresql_only}} ALTER TABLE steering_hr_day DROP CONSTRAINT IF EXISTS steering_hr_day_establishment_id_fkey;
{{postgresql_only}} ALTER TABLE steering_hr_day DROP CONSTRAINT IF EXISTS steering_hr_day_organisation_id_fkey;
{{postgresql_only}} ALTER TABLE steering_activity_month DROP CONSTRAINT IF EXISTS steering_activity_month_clustered_establishment_id_fkey;
{{postgresql_only}} ALTER TABLE steering_activity_month DROP CONSTRAINT IF EXISTS steering_activity_month_clustered_organisation_id_fkey;
{{postgresql_only}} ALTER TABLE steering_hr_month DROP CONSTRAINT IF EXISTS steering_hr_month_clustered_establishment_id_fkey;
{{postgresql_only}} ALTER TABLE steering_hr_month DROP CONSTRAINT IF EXISTS steering_hr_month_clustered_organisation_id_fkey;
{{postgresql_only}} ALTER TABLE steering_activity_year DROP CONSTRAINT IF EXISTS steering_activity_year_establishment_id_fkey;
{{postgresql_only}} ALTER TABLE steering_activity_year DROP CONSTRAINT IF EXISTS steering_activity_year_organisation_id_fkey;
{{postgresql_only}} ALTER TABLE steering_hr_year DROP CONSTRAINT IF EXISTS steering_hr_year_establishment_id_fkey;
{{postgresql_only}} ALTER TABLE steering_hr_year DROP CONSTRAINT IF EXISTS steering_hr_year_organisation_id_fkey;
{{postgresql_only}} ALTER TABLE steering_absent_stay_year DROP CONSTRAINT IF EXISTS steering_absent_stay_year_establishment_id_fkey;
{{postgresql_only}} ALTER TABLE steering_absent_stay_year DROP CONSTRAINT IF EXISTS steering_absent_stay_year_organisation_id_fkey;
