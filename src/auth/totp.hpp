#pragma once
// The second factor: time-based one-time passwords (RFC 6238) and single-use recovery codes.
// Parameters are the ones every authenticator app understands without asking:
// HMAC-SHA-1, 6 digits, 30-second steps, counted from the Unix epoch.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::auth {

inline constexpr int totp_digits = 6;
inline constexpr std::int64_t totp_step_seconds = 30;
// Steps accepted on each side of the current one, for phones whose clock is a little off.
inline constexpr std::int64_t totp_drift_steps = 1;

// A new shared secret: 20 random bytes (the RFC 4226 recommended length) as Base32 (RFC 4648),
// upper case and without padding, which is what authenticator apps expect to be typed or scanned.
std::string generate_totp_secret();

// The enrolment URI put in the QR code (Key Uri Format of Google Authenticator), e.g.
// otpauth://totp/Passerelle:alice%40example.org?secret=...&issuer=Passerelle&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view base32_secret);

// The code for the step containing `unix_time`. Throws std::invalid_argument if the secret is not Base32
// or the time is before the epoch.
std::string totp_code(std::string_view base32_secret, std::int64_t unix_time);

// The time step the code belongs to, if `code` is exactly 6 digits and matches the current step or one
// of its neighbours, and that step is after `last_used_step`. Pass -1 when the factor has never been used.
// The caller stores the returned step as the new `last_used_step`, so that a code seen by someone
// else (shoulder, phishing proxy) cannot be replayed within its validity window.
std::optional<std::int64_t> verify_totp(std::string_view base32_secret, std::string_view code, std::int64_t unix_time,
                                        std::int64_t last_used_step);

// Single-use codes for when the phone is lost, formatted like 7KQ2-M9XD-4TPA (about 59 bits each).
// Their alphabet has no 0/O, 1/I/L, so that a code read from paper is typed right.
std::vector<std::string> generate_recovery_codes(std::size_t count = 10);

// The canonical form of a recovery code, to hash at generation and to compare with what the person types:
// upper case, without spaces or dashes ("7kq2 m9xd-4tpa" and "7KQ2-M9XD-4TPA" both give "7KQ2M9XD4TPA").
std::string normalise_recovery_code(std::string_view typed);

}  // namespace passerelle::auth
