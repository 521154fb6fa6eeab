#include "core/tabular/problems.hpp"

namespace passerelle::tabular::detail {
namespace {

std::string megabytes(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " Mo"; }

}  // namespace

std::string line_name(std::size_t line) { return "ligne " + std::to_string(line); }

std::string column_letters(std::size_t index) {
  std::string letters;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), char('A' + (n - 1) % 26));
  return letters;
}

std::string plural(std::size_t n, std::string_view singular) {
  return std::to_string(n) + " " + std::string(singular) + (n > 1 ? "s" : "");
}

void check_file_size(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_bytes)
    throw Problem::payload_too_large("Le fichier dépasse la taille autorisée (" + megabytes(limits.max_bytes) + ").");
}

Problem uncompressed_too_large(std::size_t max_uncompressed_bytes) {
  return Problem::payload_too_large("Le contenu du classeur, une fois décompressé, dépasse la taille autorisée (" +
                                    megabytes(max_uncompressed_bytes) + ").");
}

Problem unreadable(std::string detail) { return {422, "unreadable-file", "Fichier illisible", std::move(detail)}; }

Problem unreadable_xlsx() {
  return unreadable(
      "Le fichier XLSX est illisible ou tronqué : ouvrez-le dans Excel, enregistrez-le à nouveau et "
      "renvoyez-le.");
}

Problem invalid_line(std::size_t line, std::string message) {
  std::string detail = "Ligne " + std::to_string(line) + " : " + message + ".";
  return invalid_lines(std::move(detail), {FieldError{line_name(line), std::move(message)}});
}

Problem invalid_lines(std::string detail, std::vector<FieldError> errors) {
  return {422, "validation", "Données invalides", std::move(detail), std::move(errors)};
}

}  // namespace passerelle::tabular::detail
