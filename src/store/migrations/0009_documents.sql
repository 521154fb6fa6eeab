-- The person record, part 2 continued: documents attached to a record (versioned), and the identity photo.
-- No file bytes here: files rest encrypted in the documents directory (core/files/encrypted_file_store.hpp);
-- a row keeps what is needed to read its file back (blob id, file key wrapped by the master key, size, hash).

-- A document: its type decides who reads and writes it (modules/persons/documents.hpp). Never deleted by
-- the application: archived, then kept for its retention category.
CREATE TABLE person_document (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL REFERENCES person (id),
  establishment_id BIGINT NOT NULL REFERENCES establishment (id),
  doc_type TEXT NOT NULL,            -- identity | decision | administrative | correspondence | other | social | plan | medical
  title TEXT NOT NULL,
  retention TEXT NOT NULL,           -- record | health | legal_archive
  retention_reason TEXT,             -- the written legal reason of an intermediate archive
  archived_at TEXT,
  archived_by TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX person_document_by_person ON person_document (person_id, doc_type);

-- Each file uploaded for a document; the highest version is the current one.
CREATE TABLE person_document_version (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  document_id BIGINT NOT NULL REFERENCES person_document (id),
  version INTEGER NOT NULL,
  filename TEXT NOT NULL,            -- as sent, made safe for a download name
  media_type TEXT NOT NULL,          -- decided from the content
  kind_label TEXT NOT NULL,
  embeds_files INTEGER NOT NULL,     -- 1: a PDF carrying attachments (accepted, unchecked)
  size BIGINT NOT NULL,
  content_hash TEXT NOT NULL,        -- BLAKE2b-256 of the plaintext, checked by every read
  blob_id TEXT NOT NULL UNIQUE,
  wrapped_key TEXT NOT NULL,         -- hex of the file key wrapped by the master key
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  UNIQUE (document_id, version)
);

-- The identity photo: at most one per person, replaced or deleted (not versioned).
CREATE TABLE person_photo (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisation (id),
  person_id BIGINT NOT NULL UNIQUE REFERENCES person (id),
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  content_hash TEXT NOT NULL,
  blob_id TEXT NOT NULL UNIQUE,
  wrapped_key TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
