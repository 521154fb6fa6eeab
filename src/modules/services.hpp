#pragma once
// What the bricks receive from the application: shared services, and the rule that turns the
// authenticated caller into the tenant scope their queries run in.
#include <memory>

#include "auth/sessions.hpp"
#include "core/files/encrypted_file_store.hpp"
#include "core/request.hpp"
#include "core/sealed_text.hpp"
#include "store/database.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules {

struct Services {
  std::shared_ptr<store::Database> database;
  auth::SessionSettings sessions;
  bool secure_cookies = false;  // add Secure to cookies (behind TLS)
  std::optional<auth::DirectorySettings> directory;
  // Seals note bodies with a key derived from the master key (kept outside the database).
  std::shared_ptr<const TextSealer> notes_sealer;
  // Documents and photos, encrypted at rest with per-file keys wrapped by the same master key.
  std::shared_ptr<files::EncryptedFileStore> file_store;
};

// The organisation an organisation-level action applies to: the caller's own, or for the platform
// the one named in ?organisation= (required then).
std::int64_t organisation_of(const Request& request);

// The scope of the caller's queries; an anonymous caller is refused (401).
store::Scope scope_of(const Caller& caller);

}  // namespace passerelle::modules
