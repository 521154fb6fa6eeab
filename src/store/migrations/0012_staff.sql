-- Staff records (brick hr): professionals, their employment contracts and absences. A support
-- function that feeds the HR indicators (DOMAIN.md RH-01 to RH-06), not a payroll.
--   FTE on a date / over a period      = Σ working_time of the contracts running, by establishment and
--                                        job category (the contract's job)
--   absenteeism (RH-01)                = calendar days of absence by kind ÷ (real FTE × days)
--   turnover (RH-02)                   = hires and departures of permanent staff (contract kind, dates,
--                                        end_reason)
--   age pyramid (RH-05)                = birth_date and sex of the staff member
-- No health detail is ever stored: an absence has a kind, never a reason or a free-text comment.

-- A professional of the organisation; account_id links the sign-in account, so that a professional
-- sees their own record.
CREATE TABLE staff_member (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  sex TEXT,                          -- F | M, or unknown
  birth_date DATE,
  job_code TEXT NOT NULL,            -- current job, from the job list (modules/staff/domain.hpp)
  account_id BIGINT REFERENCES account (id),
  search_name {{binary_text}} NOT NULL, -- last and first names folded (no accents, lower case) for filters
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX staff_member_by_organisation ON staff_member (organisation_id, search_name);
CREATE UNIQUE INDEX staff_member_by_account ON staff_member (account_id);

-- One employment contract in one establishment. Several per member over time, possibly at once in
-- several establishments. Working time in ten-thousandths of full time (8000 = 80 %), exact sums.
CREATE TABLE staff_contract (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  staff_id BIGINT NOT NULL REFERENCES staff_member (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  job_code TEXT NOT NULL,            -- the job held under this contract (FTE by job category)
  kind TEXT NOT NULL,                -- permanent | fixed_term | temporary_agency | apprenticeship |
                                     -- civil_servant | civil_servant_trainee | public_contract
  fixed_term_reason TEXT,            -- fixed_term only: replacement | temporary_increase | seasonal
  start_date DATE NOT NULL,
  end_date DATE,                     -- required for fixed_term; empty: still running
  end_reason TEXT,                   -- resignation | dismissal | retirement | end_of_contract | transfer | other
  working_time INTEGER NOT NULL,     -- 1 to 10000 (ten-thousandths of full time)
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX staff_contract_by_staff ON staff_contract (staff_id, start_date);
CREATE INDEX staff_contract_by_establishment ON staff_contract (organisation_id, establishment_id, start_date);

-- An absence of a staff member, within their contracts. Half days at either end: the absence starts
-- at midday (start_half_day) or ends at midday (end_half_day).
CREATE TABLE staff_absence (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  staff_id BIGINT NOT NULL REFERENCES staff_member (id),
  kind TEXT NOT NULL,                -- see modules/staff/domain.hpp (grouped as in RH-01)
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  start_half_day INTEGER NOT NULL,   -- 1: starts at midday
  end_half_day INTEGER NOT NULL,     -- 1: ends at midday
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX staff_absence_by_staff ON staff_absence (staff_id, start_date);
CREATE INDEX staff_absence_by_organisation ON staff_absence (organisation_id, start_date);
