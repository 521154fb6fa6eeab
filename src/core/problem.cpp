#include "core/problem.hpp"

namespace passerelle {

Problem::Problem(int status, std::string slug, std::string title, std::string detail,
                 std::vector<FieldError> errors)
    : std::runtime_error(detail),
      status_(status),
      slug_(std::move(slug)),
      title_(std::move(title)),
      detail_(std::move(detail)),
      errors_(std::move(errors)) {}

Problem Problem::bad_request(std::string detail, std::vector<FieldError> errors) {
  return {400, "bad-request", "Requête invalide", std::move(detail), std::move(errors)};
}

Problem Problem::invalid(std::vector<FieldError> errors) {
  std::string detail = errors.size() == 1 ? "Le champ « " + errors.front().field + " » est invalide : " + errors.front().message
                                          : std::to_string(errors.size()) + " champs sont invalides.";
  return {422, "validation", "Données invalides", std::move(detail), std::move(errors)};
}

Problem Problem::invalid_field(std::string field, std::string message) {
  return invalid({FieldError{std::move(field), std::move(message)}});
}

Problem Problem::unauthorized(std::string detail) {
  return {401, "unauthorized", "Authentification requise", std::move(detail)};
}

Problem Problem::forbidden(std::string detail) {
  return {403, "forbidden", "Action non autorisée", std::move(detail)};
}

Problem Problem::not_found(std::string detail) {
  return {404, "not-found", "Ressource introuvable", std::move(detail)};
}

Problem Problem::hidden() {
  return not_found("Cette ressource n'existe pas ou ne vous est pas accessible.");
}

Problem Problem::method_not_allowed(std::string detail) {
  return {405, "method-not-allowed", "Méthode non autorisée", std::move(detail)};
}

Problem Problem::conflict(std::string detail, std::vector<FieldError> errors) {
  return {409, "conflict", "Conflit", std::move(detail), std::move(errors)};
}

Problem Problem::payload_too_large(std::string detail) {
  return {413, "payload-too-large", "Requête trop volumineuse", std::move(detail)};
}

Problem Problem::unsupported_media_type(std::string detail) {
  return {415, "unsupported-media-type", "Type de contenu non pris en charge", std::move(detail)};
}

Problem Problem::too_many_requests(std::string detail) {
  return {429, "too-many-requests", "Trop de tentatives", std::move(detail)};
}

Problem Problem::unavailable(std::string detail) {
  return {503, "unavailable", "Service indisponible", std::move(detail)};
}

}  // namespace passerelle
