-- Read paths of the steering brick (issue #8's dashboard benchmark):
-- 1. The stay a transfer came from is looked up for every stay (is this discharge a transfer? is this
--    stay still running on the transfer's eve?): index it, or each lookup scans the stays.
-- 2. The monthly roll-ups are read by organisation and range of months: keep their rows in that order
--    (SQLite: a WITHOUT ROWID table clustered on its primary key, so a year of an organisation is one
--    contiguous range instead of one random row lookup per index entry; PostgreSQL: the same primary
--    key). Rewritten per establishment, hence the second index.
-- 3. ACT-05's stays absent at least once are counted from an index alone.
CREATE INDEX stay_by_transfer_from ON stay (transfer_from_stay_id);

CREATE TABLE steering_activity_month_clustered (
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  month DATE NOT NULL,
  care_mode TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  year INTEGER NOT NULL,
  places_authorised BIGINT NOT NULL,
  places_installed BIGINT NOT NULL,
  places_funded BIGINT NOT NULL,
  places_authorised_funded BIGINT NOT NULL,
  open_micro BIGINT NOT NULL,
  theoretical_micro BIGINT NOT NULL,
  funded_theoretical_micro BIGINT NOT NULL,
  present BIGINT NOT NULL,
  absent BIGINT NOT NULL,
  absent_illness BIGINT NOT NULL,
  absent_hospitalisation BIGINT NOT NULL,
  absent_holiday BIGINT NOT NULL,
  absent_family BIGINT NOT NULL,
  absent_unjustified BIGINT NOT NULL,
  absent_other BIGINT NOT NULL,
  absent_counted BIGINT NOT NULL,
  admissions BIGINT NOT NULL,
  admissions_home BIGINT NOT NULL,
  admissions_family BIGINT NOT NULL,
  admissions_establishment BIGINT NOT NULL,
  admissions_hospital BIGINT NOT NULL,
  admissions_school BIGINT NOT NULL,
  admissions_child_welfare BIGINT NOT NULL,
  admissions_other BIGINT NOT NULL,
  discharges BIGINT NOT NULL,
  discharges_definitive BIGINT NOT NULL,
  discharges_home BIGINT NOT NULL,
  discharges_family BIGINT NOT NULL,
  discharges_establishment BIGINT NOT NULL,
  discharges_hospital BIGINT NOT NULL,
  discharges_death BIGINT NOT NULL,
  discharges_ordinary_work BIGINT NOT NULL,
  discharges_other BIGINT NOT NULL,
  discharges_unknown BIGINT NOT NULL,
  completed_stay_days BIGINT NOT NULL,
  stays_continuing BIGINT NOT NULL,
  stays_continuing_admission BIGINT NOT NULL,
  requests_admitted BIGINT NOT NULL,
  requests_waiting_days BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, month, establishment_id, care_mode)
){{without_rowid}};
INSERT INTO steering_activity_month_clustered SELECT * FROM steering_activity_month;
DROP TABLE steering_activity_month;
ALTER TABLE steering_activity_month_clustered RENAME TO steering_activity_month;
CREATE INDEX steering_activity_month_by_establishment ON steering_activity_month (establishment_id, month);
CREATE INDEX steering_activity_month_by_month ON steering_activity_month (month);

CREATE TABLE steering_hr_month_clustered (
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  month DATE NOT NULL,
  job_category TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  year INTEGER NOT NULL,
  fte BIGINT NOT NULL,
  fte_permanent BIGINT NOT NULL,
  fte_fixed_term BIGINT NOT NULL,
  fte_temporary_agency BIGINT NOT NULL,
  fte_apprenticeship BIGINT NOT NULL,
  fte_civil_servant BIGINT NOT NULL,
  fte_civil_servant_trainee BIGINT NOT NULL,
  fte_public_contract BIGINT NOT NULL,
  headcount_permanent BIGINT NOT NULL,
  hires BIGINT NOT NULL,
  departures BIGINT NOT NULL,
  replacement_contracts BIGINT NOT NULL,
  absence_illness_short BIGINT NOT NULL,
  absence_illness_medium BIGINT NOT NULL,
  absence_long_illness BIGINT NOT NULL,
  absence_maternity_paternity BIGINT NOT NULL,
  absence_work_accident BIGINT NOT NULL,
  absence_special_leave BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, month, establishment_id, job_category)
){{without_rowid}};
INSERT INTO steering_hr_month_clustered SELECT * FROM steering_hr_month;
DROP TABLE steering_hr_month;
ALTER TABLE steering_hr_month_clustered RENAME TO steering_hr_month;
CREATE INDEX steering_hr_month_by_establishment ON steering_hr_month (establishment_id, month);
CREATE INDEX steering_hr_month_by_month ON steering_hr_month (month);

CREATE INDEX steering_absent_stay_by_organisation_stay ON steering_absent_stay (organisation_id, month, stay_id, day_mask);
DROP INDEX steering_absent_stay_by_organisation;

-- 4. Yearly roll-ups, summed from the monthly ones when those are rewritten: a whole year is one row
--    per establishment and kind of care (or job category) instead of twelve.
CREATE TABLE steering_activity_year (
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  year INTEGER NOT NULL,
  care_mode TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  places_authorised BIGINT NOT NULL,
  places_installed BIGINT NOT NULL,
  places_funded BIGINT NOT NULL,
  places_authorised_funded BIGINT NOT NULL,
  open_micro BIGINT NOT NULL,
  theoretical_micro BIGINT NOT NULL,
  funded_theoretical_micro BIGINT NOT NULL,
  present BIGINT NOT NULL,
  absent BIGINT NOT NULL,
  absent_illness BIGINT NOT NULL,
  absent_hospitalisation BIGINT NOT NULL,
  absent_holiday BIGINT NOT NULL,
  absent_family BIGINT NOT NULL,
  absent_unjustified BIGINT NOT NULL,
  absent_other BIGINT NOT NULL,
  absent_counted BIGINT NOT NULL,
  admissions BIGINT NOT NULL,
  admissions_home BIGINT NOT NULL,
  admissions_family BIGINT NOT NULL,
  admissions_establishment BIGINT NOT NULL,
  admissions_hospital BIGINT NOT NULL,
  admissions_school BIGINT NOT NULL,
  admissions_child_welfare BIGINT NOT NULL,
  admissions_other BIGINT NOT NULL,
  discharges BIGINT NOT NULL,
  discharges_definitive BIGINT NOT NULL,
  discharges_home BIGINT NOT NULL,
  discharges_family BIGINT NOT NULL,
  discharges_establishment BIGINT NOT NULL,
  discharges_hospital BIGINT NOT NULL,
  discharges_death BIGINT NOT NULL,
  discharges_ordinary_work BIGINT NOT NULL,
  discharges_other BIGINT NOT NULL,
  discharges_unknown BIGINT NOT NULL,
  completed_stay_days BIGINT NOT NULL,
  stays_continuing BIGINT NOT NULL,
  stays_continuing_admission BIGINT NOT NULL,
  requests_admitted BIGINT NOT NULL,
  requests_waiting_days BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, year, establishment_id, care_mode)
){{without_rowid}};
INSERT INTO steering_activity_year SELECT establishment_id, year, care_mode, organisation_id, SUM(places_authorised), SUM(places_installed), SUM(places_funded), SUM(places_authorised_funded), SUM(open_micro), SUM(theoretical_micro), SUM(funded_theoretical_micro), SUM(present), SUM(absent), SUM(absent_illness), SUM(absent_hospitalisation), SUM(absent_holiday), SUM(absent_family), SUM(absent_unjustified), SUM(absent_other), SUM(absent_counted), SUM(admissions), SUM(admissions_home), SUM(admissions_family), SUM(admissions_establishment), SUM(admissions_hospital), SUM(admissions_school), SUM(admissions_child_welfare), SUM(admissions_other), SUM(discharges), SUM(discharges_definitive), SUM(discharges_home), SUM(discharges_family), SUM(discharges_establishment), SUM(discharges_hospital), SUM(discharges_death), SUM(discharges_ordinary_work), SUM(discharges_other), SUM(discharges_unknown), SUM(completed_stay_days), SUM(stays_continuing), SUM(stays_continuing_admission), SUM(requests_admitted), SUM(requests_waiting_days) FROM steering_activity_month GROUP BY organisation_id, year, establishment_id, care_mode;
CREATE INDEX steering_activity_year_by_establishment ON steering_activity_year (establishment_id, year);
CREATE TABLE steering_hr_year (
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  year INTEGER NOT NULL,
  job_category TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  fte BIGINT NOT NULL,
  fte_permanent BIGINT NOT NULL,
  fte_fixed_term BIGINT NOT NULL,
  fte_temporary_agency BIGINT NOT NULL,
  fte_apprenticeship BIGINT NOT NULL,
  fte_civil_servant BIGINT NOT NULL,
  fte_civil_servant_trainee BIGINT NOT NULL,
  fte_public_contract BIGINT NOT NULL,
  headcount_permanent BIGINT NOT NULL,
  hires BIGINT NOT NULL,
  departures BIGINT NOT NULL,
  replacement_contracts BIGINT NOT NULL,
  absence_illness_short BIGINT NOT NULL,
  absence_illness_medium BIGINT NOT NULL,
  absence_long_illness BIGINT NOT NULL,
  absence_maternity_paternity BIGINT NOT NULL,
  absence_work_accident BIGINT NOT NULL,
  absence_special_leave BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, year, establishment_id, job_category)
){{without_rowid}};
INSERT INTO steering_hr_year SELECT establishment_id, year, job_category, organisation_id, SUM(fte), SUM(fte_permanent), SUM(fte_fixed_term), SUM(fte_temporary_agency), SUM(fte_apprenticeship), SUM(fte_civil_servant), SUM(fte_civil_servant_trainee), SUM(fte_public_contract), SUM(headcount_permanent), SUM(hires), SUM(departures), SUM(replacement_contracts), SUM(absence_illness_short), SUM(absence_illness_medium), SUM(absence_long_illness), SUM(absence_maternity_paternity), SUM(absence_work_accident), SUM(absence_special_leave) FROM steering_hr_month GROUP BY organisation_id, year, establishment_id, job_category;
CREATE INDEX steering_hr_year_by_establishment ON steering_hr_year (establishment_id, year);

-- 5. The stays absent at least once in a year (ACT-05's denominator over whole years: distinct stays,
--    which monthly rows cannot be summed into), from the monthly rows, rewritten with them.
CREATE TABLE steering_absent_stay_year (
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  year INTEGER NOT NULL,
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  stay_id BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, year, establishment_id, stay_id)
){{without_rowid}};
INSERT INTO steering_absent_stay_year SELECT DISTINCT organisation_id, CAST(SUBSTR(CAST(month AS TEXT), 1, 4) AS INTEGER),
  establishment_id, stay_id FROM steering_absent_stay;
CREATE INDEX steering_absent_stay_year_by_establishment ON steering_absent_stay_year (establishment_id, year);
