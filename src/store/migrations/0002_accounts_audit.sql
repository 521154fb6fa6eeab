-- Accounts, grants, sessions, second factor, API tokens, sign-in throttling, and the audit trail.

CREATE TABLE account (
  id {{id}},
  organisation_id BIGINT REFERENCES organisation (id),  -- NULL only for platform administrators
  email TEXT NOT NULL UNIQUE,                            -- stored in lower case
  display_name TEXT NOT NULL,
  source TEXT NOT NULL,                                  -- local | directory
  password_hash TEXT,                                    -- argon2id (libsodium); NULL for directory accounts
  password_changed_at TEXT,
  totp_secret TEXT,                                      -- Base32; NULL until enrolment is confirmed
  totp_pending_secret TEXT,                              -- during enrolment
  totp_last_step BIGINT NOT NULL DEFAULT 0,              -- last accepted TOTP step: a code works once
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE account_grant (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES account (id),
  role TEXT NOT NULL,
  organisation_id BIGINT REFERENCES organisation (id),    -- NULL: the platform (platform_admin only)
  establishment_id BIGINT REFERENCES establishment (id),  -- NULL: the whole organisation
  created_at TEXT NOT NULL
);
CREATE INDEX account_grant_by_account ON account_grant (account_id);

CREATE TABLE recovery_code (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES account (id),
  code_hash TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX recovery_code_by_account ON recovery_code (account_id);

CREATE TABLE user_session (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,                       -- BLAKE2b of the cookie value; the token itself is never stored
  account_id BIGINT NOT NULL REFERENCES account (id),
  csrf_token TEXT NOT NULL,
  second_factor_done INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,                              -- absolute timeout
  revoked_at TEXT,
  client_address TEXT
);
CREATE INDEX user_session_by_account ON user_session (account_id);

CREATE TABLE password_reset (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES account (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_by BIGINT REFERENCES account (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);

CREATE TABLE sign_in_attempt (
  id {{id}},
  email TEXT NOT NULL,
  client_address TEXT NOT NULL,
  at TEXT NOT NULL,
  success INTEGER NOT NULL
);
CREATE INDEX sign_in_attempt_by_email ON sign_in_attempt (email, at);
CREATE INDEX sign_in_attempt_by_address ON sign_in_attempt (client_address, at);

CREATE TABLE api_token (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  access TEXT NOT NULL,                                  -- read | read_write
  bricks TEXT NOT NULL,                                  -- comma-separated brick codes
  created_by BIGINT REFERENCES account (id),
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);

-- Roles whose accounts must use a second factor, per organisation (NULL: platform-wide rule).
CREATE TABLE second_factor_rule (
  id {{id}},
  organisation_id BIGINT REFERENCES organisation (id),
  role TEXT NOT NULL
);

-- The audit trail: append-only, hash-chained. hash = BLAKE2b-256(previous_hash | canonical event).
CREATE TABLE audit_event (
  id {{id}},
  at TEXT NOT NULL,
  account_id BIGINT,
  account_label TEXT NOT NULL,
  role TEXT,
  organisation_id BIGINT,
  establishment_id BIGINT,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  object_type TEXT,
  object_id TEXT,
  person_id BIGINT,
  fields TEXT,
  client_address TEXT,
  request_id TEXT,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_event_by_organisation ON audit_event (organisation_id, at);
CREATE INDEX audit_event_by_account ON audit_event (account_id, at);
CREATE INDEX audit_event_by_person ON audit_event (person_id, at);

-- The chain's head, updated with every append: deleting the newest events breaks it too.
CREATE TABLE audit_head (
  singleton INTEGER PRIMARY KEY,
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL,
  event_count BIGINT NOT NULL
);

-- After a retention purge, where the chain now starts: the first event kept and its predecessor's hash.
CREATE TABLE audit_anchor (
  singleton INTEGER PRIMARY KEY,
  first_id BIGINT NOT NULL,
  previous_hash TEXT NOT NULL,
  purged_at TEXT NOT NULL
);
