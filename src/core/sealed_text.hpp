#pragma once
// Short confidential texts (notes) encrypted at rest: XChaCha20-Poly1305 with a key derived from the
// master key (kept outside the database), bound to a context (e.g. "person_note:3:41") so that a
// ciphertext moved to another row does not open.
#include <string>
#include <string_view>

namespace passerelle {

class TextSealer {
 public:
  // `master_key`: 32 bytes; a subkey is derived for `purpose` (8 characters, e.g. "notes___").
  TextSealer(const unsigned char* master_key, const char (&purpose)[9]);
  TextSealer(const TextSealer&) = delete;
  TextSealer& operator=(const TextSealer&) = delete;
  ~TextSealer();

  // The ciphertext as base64 text (nonce, then the encrypted text and its tag), ready for a TEXT column.
  std::string seal(std::string_view plaintext, std::string_view context) const;
  // Throws std::runtime_error when the text was altered, sealed with another key or for another context.
  std::string open(std::string_view sealed, std::string_view context) const;

 private:
  unsigned char* key_ = nullptr;  // sodium_malloc: locked, guarded, wiped
};

}  // namespace passerelle
