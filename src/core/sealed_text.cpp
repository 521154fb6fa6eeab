#include "core/sealed_text.hpp"

#include <sodium.h>

#include <stdexcept>

namespace passerelle {

TextSealer::TextSealer(const unsigned char* master_key, const char (&purpose)[9]) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium unavailable");
  key_ = static_cast<unsigned char*>(sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES));
  if (!key_) throw std::bad_alloc();
  static_assert(crypto_kdf_KEYBYTES == 32 && crypto_kdf_CONTEXTBYTES == 8);
  crypto_kdf_derive_from_key(key_, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, 1, purpose, master_key);
}

TextSealer::~TextSealer() { sodium_free(key_); }

std::string TextSealer::seal(std::string_view plaintext, std::string_view context) const {
  constexpr auto nonce_size = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string out(nonce_size + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(bytes, nonce_size);
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(bytes + nonce_size, &length, reinterpret_cast<const unsigned char*>(plaintext.data()),
                                             plaintext.size(), reinterpret_cast<const unsigned char*>(context.data()),
                                             context.size(), nullptr, bytes, key_);
  out.resize(nonce_size + length);
  std::string text(sodium_base64_ENCODED_LEN(out.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes, out.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.find('\0'));
  return text;
}

std::string TextSealer::open(std::string_view text, std::string_view context) const {
  constexpr auto nonce_size = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string sealed(text.size(), '\0');
  std::size_t decoded = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(sealed.data()), sealed.size(), text.data(), text.size(), nullptr,
                        &decoded, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("sealed text is not base64");
  sealed.resize(decoded);
  if (sealed.size() < nonce_size + crypto_aead_xchacha20poly1305_ietf_ABYTES)
    throw std::runtime_error("sealed text too short");
  const auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string out(sealed.size() - nonce_size - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &length, nullptr,
                                                 bytes + nonce_size, sealed.size() - nonce_size,
                                                 reinterpret_cast<const unsigned char*>(context.data()), context.size(),
                                                 bytes, key_) != 0)
    throw std::runtime_error("sealed text altered, or sealed with another key or for another record");
  out.resize(length);
  return out;
}

}  // namespace passerelle
