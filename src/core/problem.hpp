#pragma once
// One error type for every expected failure (validation, not found, conflict...).
// It travels up as an exception and is turned into RFC 9457 problem+json at the HTTP edge,
// so no handler formats errors by itself.
#include <stdexcept>
#include <string>
#include <vector>

namespace passerelle {

struct FieldError {
  std::string field;    // JSON pointer-like name of the offending field, e.g. "finess" or "rows/3/name"
  std::string message;  // written for the person in front of the screen, in French
};

class Problem : public std::runtime_error {
 public:
  Problem(int status, std::string slug, std::string title, std::string detail,
          std::vector<FieldError> errors = {});

  int status() const { return status_; }
  const std::string& slug() const { return slug_; }
  const std::string& title() const { return title_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  std::string type_uri() const { return "/problems/" + slug_; }
  // Set when the refusal is an access-control decision, so that it is audited even when it is
  // answered as 404 (ids of other organisations must look unknown).
  bool access_denied() const { return access_denied_; }
  Problem& mark_access_denied() {
    access_denied_ = true;
    return *this;
  }

  static Problem bad_request(std::string detail, std::vector<FieldError> errors = {});
  static Problem invalid(std::vector<FieldError> errors);
  static Problem invalid_field(std::string field, std::string message);
  static Problem unauthorized(std::string detail);
  static Problem forbidden(std::string detail);
  static Problem not_found(std::string detail);
  // The one answer for an id that is unknown or outside the caller's rights: both must read the
  // same, so that ids of other organisations cannot be probed.
  static Problem hidden();
  static Problem method_not_allowed(std::string detail);
  static Problem conflict(std::string detail, std::vector<FieldError> errors = {});
  static Problem payload_too_large(std::string detail);
  static Problem unsupported_media_type(std::string detail);
  static Problem too_many_requests(std::string detail);
  static Problem unavailable(std::string detail);

 private:
  int status_;
  std::string slug_;
  std::string title_;
  std::string detail_;
  std::vector<FieldError> errors_;
  bool access_denied_ = false;
};

}  // namespace passerelle
