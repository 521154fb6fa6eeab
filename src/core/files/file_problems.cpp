#include "core/files/file_problems.hpp"

#include <utility>

namespace passerelle::files::detail {

Problem file_refused(std::string message) {
  std::string detail = message;
  return {422, "validation", "Données invalides", std::move(detail), {FieldError{"file", std::move(message)}}};
}

Problem file_too_large(std::size_t max_bytes) {
  std::string message = "Le fichier dépasse la taille autorisée (" + megabytes(max_bytes) + ").";
  std::string detail = message;
  return {413,
          "payload-too-large",
          "Requête trop volumineuse",
          std::move(detail),
          {FieldError{"file", std::move(message)}}};
}

std::string megabytes(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " Mo"; }

}  // namespace passerelle::files::detail
