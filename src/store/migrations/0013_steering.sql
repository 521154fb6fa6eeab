-- Steering brick (Sages): the aggregates the indicators are answered from, and the activity targets.
--
-- The aggregates are derived data: `passerelle rebuild-aggregates` recomputes them all from the facts
-- (capacity, opening_calendar, closure, stay, attendance, admission_request, staff_contract,
-- staff_absence), and every write of a fact recomputes the rows it touches in the same transaction
-- (store/fact_changes.hpp, modules/steering/aggregates.cpp). The code that computes a row is the
-- same in both cases, so the two cannot drift. A row exists only where something exists (places,
-- a stay, attendance, a movement, a contract, an absence).
--
-- How far ahead: rows are materialised up to steering_state.horizon, set to 31 December of the
-- year after the one of the rebuild (open-ended stays, capacities and contracts would otherwise
-- run forever). The server moves it to 31 December of next year at each start, and a question on
-- days beyond it moves it to 31 December of that question's year first (steering::compute).
--
-- Units: counts of days and of persons are integers. Days open are in millionths of a day
-- (open_micro: 1000000 for a day open, a share of it when the year's calendar gives only a number
-- of days), so place-days are exact integers. Working time is in ten-thousandths of full time (as
-- in staff_contract): fte is Σ working_time of the contracts running that day. Staff absence days
-- are in half days × working time (a full day of a 80 % contract counts 2 × 8000).
--
-- Each table of days has a monthly roll-up with the same measures (sums over the month's days), so
-- a year is twelve rows per establishment and kind of care; a period that does not start or end
-- on a month boundary adds the days of its partial months.

-- Per day × establishment × kind of care (FINESS care mode code).
CREATE TABLE steering_activity_day (
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  day DATE NOT NULL,
  care_mode TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  month DATE NOT NULL,                       -- first day of the day's month
  year INTEGER NOT NULL,
  places_authorised INTEGER NOT NULL,        -- capacity periods covering the day, by status
  places_installed INTEGER NOT NULL,
  places_funded INTEGER NOT NULL,
  places_authorised_funded INTEGER NOT NULL, -- min(authorised, funded): what occupancy is measured against
  open_micro BIGINT NOT NULL,                -- millionths of a day open (calendar minus closures)
  theoretical_micro BIGINT NOT NULL,         -- places_authorised_funded × open_micro
  funded_theoretical_micro BIGINT NOT NULL,  -- places_funded × open_micro (activity achievement without a target)
  present INTEGER NOT NULL,                  -- attendance 'present'
  absent INTEGER NOT NULL,                   -- attendance 'absent', every reason
  absent_illness INTEGER NOT NULL,
  absent_hospitalisation INTEGER NOT NULL,
  absent_holiday INTEGER NOT NULL,
  absent_family INTEGER NOT NULL,
  absent_unjustified INTEGER NOT NULL,
  absent_other INTEGER NOT NULL,             -- 'other', and an absence without a reason
  absent_counted INTEGER NOT NULL,           -- counted by occupancy: see modules/steering/aggregates.cpp
  admissions INTEGER NOT NULL,               -- stays admitted that day (transfers in included), by origin
  admissions_home INTEGER NOT NULL,
  admissions_family INTEGER NOT NULL,
  admissions_establishment INTEGER NOT NULL,
  admissions_hospital INTEGER NOT NULL,
  admissions_school INTEGER NOT NULL,
  admissions_child_welfare INTEGER NOT NULL,
  admissions_other INTEGER NOT NULL,
  discharges INTEGER NOT NULL,               -- stays ended that day (transfers out included), by destination
  discharges_definitive INTEGER NOT NULL,    -- not followed by a transfer
  discharges_home INTEGER NOT NULL,
  discharges_family INTEGER NOT NULL,
  discharges_establishment INTEGER NOT NULL,
  discharges_hospital INTEGER NOT NULL,
  discharges_death INTEGER NOT NULL,
  discharges_ordinary_work INTEGER NOT NULL,
  discharges_other INTEGER NOT NULL,
  discharges_unknown INTEGER NOT NULL,
  completed_stay_days BIGINT NOT NULL,       -- Σ (discharge − admission) of the definitive discharges
  stays_continuing INTEGER NOT NULL,         -- stays admitted by that day and not ended on or before it
  stays_continuing_admission BIGINT NOT NULL,-- Σ admission dates (days since 1970-01-01) of those stays
  requests_admitted INTEGER NOT NULL,        -- waiting-list requests that became 'person entered' (47) that day
  requests_waiting_days BIGINT NOT NULL,     -- Σ (status date − received date) of those requests
  PRIMARY KEY (establishment_id, day, care_mode)
);
CREATE INDEX steering_activity_day_by_organisation ON steering_activity_day (organisation_id, day);

CREATE TABLE steering_activity_month (
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
  PRIMARY KEY (establishment_id, month, care_mode)
);
CREATE INDEX steering_activity_month_by_organisation ON steering_activity_month (organisation_id, month);
CREATE INDEX steering_activity_month_by_month ON steering_activity_month (month);

-- Stays absent at least once (ACT-05's denominator, which cannot be summed over days): one row per
-- stay and month with an absence, bit d−1 of day_mask set when the stay was absent on day d.
CREATE TABLE steering_absent_stay (
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  month DATE NOT NULL,
  stay_id BIGINT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  care_mode TEXT NOT NULL,
  day_mask BIGINT NOT NULL,
  PRIMARY KEY (establishment_id, month, stay_id)
);
CREATE INDEX steering_absent_stay_by_organisation ON steering_absent_stay (organisation_id, month);

-- Per day × establishment × job category (modules/staff/domain.hpp job_categories(), 'unknown' for
-- a job outside the list).
CREATE TABLE steering_hr_day (
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  day DATE NOT NULL,
  job_category TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  month DATE NOT NULL,
  year INTEGER NOT NULL,
  fte BIGINT NOT NULL,                        -- Σ working time of the contracts running
  fte_permanent BIGINT NOT NULL,              -- the same by contract kind
  fte_fixed_term BIGINT NOT NULL,
  fte_temporary_agency BIGINT NOT NULL,
  fte_apprenticeship BIGINT NOT NULL,
  fte_civil_servant BIGINT NOT NULL,
  fte_civil_servant_trainee BIGINT NOT NULL,
  fte_public_contract BIGINT NOT NULL,
  headcount_permanent INTEGER NOT NULL,       -- members with a permanent contract running (RH-02), in the
                                              -- category of the first such contract
  hires INTEGER NOT NULL,                     -- members with a permanent contract that day and none the day before
  departures INTEGER NOT NULL,                -- members with a permanent contract that day and none the day after
  replacement_contracts INTEGER NOT NULL,     -- fixed-term replacement contracts starting that day (RH-06)
  absence_illness_short BIGINT NOT NULL,      -- RH-01 absence days (half days × working time), by group;
  absence_illness_medium BIGINT NOT NULL,     -- paid leave and training are not absenteeism
  absence_long_illness BIGINT NOT NULL,
  absence_maternity_paternity BIGINT NOT NULL,
  absence_work_accident BIGINT NOT NULL,
  absence_special_leave BIGINT NOT NULL,
  PRIMARY KEY (establishment_id, day, job_category)
);
CREATE INDEX steering_hr_day_by_organisation ON steering_hr_day (organisation_id, day);

CREATE TABLE steering_hr_month (
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
  PRIMARY KEY (establishment_id, month, job_category)
);
CREATE INDEX steering_hr_month_by_organisation ON steering_hr_month (organisation_id, month);
CREATE INDEX steering_hr_month_by_month ON steering_hr_month (month);

-- The last day materialised (see above); no row: the aggregates were never built.
CREATE TABLE steering_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  horizon DATE NOT NULL,
  built_at TEXT NOT NULL
);

-- Activity target (ACT-01) of an establishment for a calendar year, in days; prorated to a period's
-- days. Without a target, ACT-01 compares with the funded places × days open.
CREATE TABLE activity_target (
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  year INTEGER NOT NULL,
  target_days INTEGER NOT NULL,
  PRIMARY KEY (establishment_id, year)
);
