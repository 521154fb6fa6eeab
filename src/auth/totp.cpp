#include "auth/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <unordered_set>

namespace passerelle::auth {
namespace {

constexpr std::size_t secret_bytes = 20;
// 31 symbols: digits and capitals without 0, O, 1, I and L.
constexpr std::string_view recovery_alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr std::size_t recovery_groups = 3;
constexpr std::size_t recovery_group_length = 4;

// liboath must be initialised once before use; a function-local static makes that thread-safe.
void ensure_oath() {
  static const int rc = oath_init();
  if (rc != OATH_OK) throw std::runtime_error("liboath could not be initialised");
}

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

std::string base32_encode(std::string_view bytes) {
  ensure_oath();
  char* out = nullptr;
  std::size_t out_length = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &out_length) != OATH_OK)
    throw std::runtime_error("Base32 encoding failed");
  std::unique_ptr<char, FreeDeleter> owned(out);
  std::string encoded(out, out_length);
  // Authenticator apps are given the secret without padding (Key Uri Format).
  while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
  return encoded;
}

// liboath accepts lower case, spaces and missing padding, as people type secrets by hand.
std::string base32_decode(std::string_view text) {
  ensure_oath();
  char* out = nullptr;
  std::size_t out_length = 0;
  if (oath_base32_decode(text.data(), text.size(), &out, &out_length) != OATH_OK)
    throw std::invalid_argument("TOTP secret is not valid Base32");
  std::unique_ptr<char, FreeDeleter> owned(out);
  if (out_length == 0) throw std::invalid_argument("TOTP secret is empty");
  return std::string(out, out_length);
}

// TOTP is HOTP over the number of the time step (RFC 6238 section 4.2).
std::string code_for_step(const std::string& secret, std::int64_t step) {
  char code[totp_digits + 1] = {};
  if (oath_hotp_generate(secret.data(), secret.size(), static_cast<std::uint64_t>(step), totp_digits, false,
                         OATH_HOTP_DYNAMIC_TRUNCATION, code) != OATH_OK)
    throw std::runtime_error("TOTP code generation failed");
  return std::string(code, totp_digits);
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// RFC 3986 percent-encoding of everything but unreserved characters: the label may hold '@', ':' or
// spaces, and UTF-8 names, which apps must read back exactly.
std::string percent_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (is_unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0F];
    }
  }
  return out;
}

std::string random_recovery_code() {
  std::string code;
  for (std::size_t group = 0; group < recovery_groups; ++group) {
    if (group > 0) code += '-';
    for (std::size_t i = 0; i < recovery_group_length; ++i)
      code += recovery_alphabet[randombytes_uniform(static_cast<std::uint32_t>(recovery_alphabet.size()))];
  }
  return code;
}

}  // namespace

std::string generate_totp_secret() {
  ensure_sodium();
  std::string bytes(secret_bytes, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  auto encoded = base32_encode(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return encoded;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view base32_secret) {
  // The issuer appears both as the label prefix (older apps) and as a parameter (newer ones).
  const auto encoded_issuer = percent_encode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + percent_encode(account) +
         "?secret=" + percent_encode(base32_secret) + "&issuer=" + encoded_issuer +
         "&algorithm=SHA1&digits=" + std::to_string(totp_digits) + "&period=" + std::to_string(totp_step_seconds);
}

std::string totp_code(std::string_view base32_secret, std::int64_t unix_time) {
  if (unix_time < 0) throw std::invalid_argument("TOTP time is before the Unix epoch");
  return code_for_step(base32_decode(base32_secret), unix_time / totp_step_seconds);
}

std::optional<std::int64_t> verify_totp(std::string_view base32_secret, std::string_view code, std::int64_t unix_time,
                                        std::int64_t last_used_step) {
  if (code.size() != totp_digits) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  if (unix_time < 0) return std::nullopt;
  const auto secret = base32_decode(base32_secret);
  const auto current = unix_time / totp_step_seconds;
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared in constant time, so timing tells nothing about
  // which step (if any) matched.
  for (auto step = current - totp_drift_steps; step <= current + totp_drift_steps; ++step) {
    if (step < 0) continue;
    const auto expected = code_for_step(secret, step);
    const bool same = sodium_memcmp(expected.data(), code.data(), totp_digits) == 0;
    if (same && step > last_used_step && !matched) matched = step;
  }
  return matched;
}

std::vector<std::string> generate_recovery_codes(std::size_t count) {
  ensure_sodium();
  std::vector<std::string> codes;
  std::unordered_set<std::string> seen;
  codes.reserve(count);
  // A repeat is very unlikely with 59 bits, but two equal codes would make one of them unusable.
  while (codes.size() < count) {
    auto code = random_recovery_code();
    if (seen.insert(code).second) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalise_recovery_code(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

}  // namespace passerelle::auth
