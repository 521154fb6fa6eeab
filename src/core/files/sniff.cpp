#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "core/files/file_kind.hpp"
#include "core/files/file_problems.hpp"
#include "core/files/magic_pool.hpp"
#include "core/files/office_zip.hpp"
#include "core/files/pdf_inspection.hpp"
#include "core/text.hpp"

namespace passerelle::files {
namespace {

using detail::file_refused;
using detail::OfficeKind;

// What each accepted kind answers, and which claims agree with it. Lists are separated by spaces.
struct Rule {
  std::string_view media_type;
  std::string_view extension;
  std::string_view label;
  std::string_view extensions;   // names this content may carry
  std::string_view media_types;  // Content-Types a browser may announce for it
};

constexpr std::string_view zip_claims = " application/zip application/x-zip-compressed application/x-zip";

enum Kind { pdf, png, jpeg, webp, tiff, docx, xlsx, pptx, odt, ods, odp, text, csv, kind_count };

const std::array<Rule, kind_count> rules = {{
    {"application/pdf", ".pdf", "Document PDF", ".pdf", "application/pdf application/x-pdf"},
    {"image/png", ".png", "Image PNG", ".png", "image/png image/x-png"},
    {"image/jpeg", ".jpg", "Image JPEG", ".jpg .jpeg .jpe .jfif", "image/jpeg image/jpg image/pjpeg"},
    {"image/webp", ".webp", "Image WebP", ".webp", "image/webp"},
    {"image/tiff", ".tif", "Image TIFF", ".tif .tiff", "image/tiff image/x-tiff"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Document Word", ".docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Classeur Excel", ".xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", "Présentation PowerPoint",
     ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"application/vnd.oasis.opendocument.text", ".odt", "Texte OpenDocument", ".odt",
     "application/vnd.oasis.opendocument.text"},
    {"application/vnd.oasis.opendocument.spreadsheet", ".ods", "Classeur OpenDocument", ".ods",
     "application/vnd.oasis.opendocument.spreadsheet"},
    {"application/vnd.oasis.opendocument.presentation", ".odp", "Présentation OpenDocument", ".odp",
     "application/vnd.oasis.opendocument.presentation"},
    {"text/plain", ".txt", "Texte", ".txt .text", "text/plain"},
    // Windows announces .csv files as application/vnd.ms-excel when Excel is installed.
    {"text/csv", ".csv", "Fichier CSV", ".csv",
     "text/csv text/plain text/comma-separated-values application/csv application/vnd.ms-excel"},
}};

bool listed(std::string_view list, std::string_view word) {
  for (const auto& item : split(list, ' '))
    if (item == word) return true;
  return false;
}

bool is_zip_kind(Kind kind) { return kind >= docx && kind <= odp; }

constexpr std::string_view not_accepted =
    "Ce type de fichier n'est pas accepté : envoyez un PDF, une image (PNG, JPEG, WebP, TIFF), un document "
    "Word, Excel, PowerPoint ou OpenDocument, ou un texte.";

bool is_ole2(std::string_view bytes) {
  return bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

// UTF-8 without overlongs or surrogates, and no control character but tab and line ends.
bool is_plain_text(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      n = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      n = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4;
      cp = c & 0x07;
    } else
      return false;
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F)) return false;
    i += n;
  }
  return true;
}

// The extension of a name as sent, lower case with its dot; browsers of old sent whole Windows paths.
std::string extension_of(std::string_view name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  return to_lower_ascii(name.substr(dot));
}

std::string normalised_media_type(std::string_view media_type) {
  if (const auto semicolon = media_type.find(';'); semicolon != std::string_view::npos)
    media_type = media_type.substr(0, semicolon);
  return to_lower_ascii(trim(media_type));
}

bool is_no_claim(std::string_view media_type) {
  return media_type.empty() || media_type == "application/octet-stream" || media_type == "binary/octet-stream" ||
         media_type == "application/unknown";
}

// Claims are quoted back only when they are short, plain ASCII: they come from the sender.
bool quotable(std::string_view claim, std::size_t max_length) {
  return claim.size() <= max_length && std::all_of(claim.begin(), claim.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '/' || c == '-' || c == '+';
         });
}

// `n` bytes at `position`, or fewer when the file is shorter (never an exception).
std::string_view bytes_at(std::string_view bytes, std::size_t position, std::size_t n) {
  return position <= bytes.size() ? bytes.substr(position, n) : std::string_view();
}

Problem content_unreadable(Kind kind) {
  return file_refused("Le contenu du fichier ne correspond pas à un fichier « " + std::string(rules[kind].label) +
                      " » valide : il est peut-être endommagé. Enregistrez-le à nouveau et renvoyez-le.");
}

void check_claims(Kind kind, std::string_view extension, std::string_view declared_media_type) {
  const auto actual = "il s'agit en réalité d'un fichier « " + std::string(rules[kind].label) +
                      " ». Renommez le fichier ou envoyez le bon document.";
  if (!extension.empty() && !listed(rules[kind].extensions, extension))
    throw file_refused(quotable(extension, 12)
                           ? "Le nom du fichier se termine par « " + std::string(extension) + " », mais " + actual
                           : "L'extension du fichier ne correspond pas à son contenu : " + actual);
  const auto media_type = normalised_media_type(declared_media_type);
  const bool agrees =
      listed(rules[kind].media_types, media_type) || (is_zip_kind(kind) && listed(zip_claims, media_type));
  if (!is_no_claim(media_type) && !agrees)
    throw file_refused(quotable(media_type, 100) ? "Le fichier est annoncé comme « " + media_type + " », mais " + actual
                                                 : "Le type annoncé ne correspond pas au contenu : " + actual);
}

Kind office_kind(OfficeKind kind) {
  switch (kind) {
    case OfficeKind::docx:
      return docx;
    case OfficeKind::xlsx:
      return xlsx;
    case OfficeKind::pptx:
      return pptx;
    case OfficeKind::odt:
      return odt;
    case OfficeKind::ods:
      return ods;
    case OfficeKind::odp:
      return odp;
  }
  return docx;  // unreachable: every enumerator is handled above
}

bool is_zip_opinion(std::string_view magic) {
  return magic == "application/zip" || magic == "application/x-zip" || magic == "application/octet-stream" ||
         magic.starts_with("application/vnd.openxmlformats-officedocument.") ||
         magic.starts_with("application/vnd.oasis.opendocument.");
}

}  // namespace

FileKind sniff(std::string_view bytes, std::string_view declared_name, std::string_view declared_media_type,
               const SniffOptions& options) {
  if (bytes.size() > options.max_bytes) throw detail::file_too_large(options.max_bytes);
  if (bytes.empty()) throw file_refused("Le fichier est vide.");
  if (is_ole2(bytes))
    throw file_refused(
        "Les anciens formats Office (.doc, .xls, .ppt) et les documents protégés par un mot de passe ne sont pas "
        "acceptés : enregistrez le document en PDF (ou en .docx, .xlsx, .pptx sans mot de passe) et renvoyez-le.");

  // libmagic's opinion picks the family; the family's own check then confirms it.
  const auto magic = detail::magic_media_type(bytes);
  const auto extension = extension_of(declared_name);
  Kind kind = kind_count;
  bool embeds_files = false;
  if (magic == "application/pdf") {
    embeds_files = detail::inspect_pdf(bytes, options.max_pdf_inflated_bytes).embeds_files;
    kind = pdf;
  } else if (magic == "image/png") {
    if (!bytes.starts_with("\x89PNG\r\n\x1A\n") || bytes_at(bytes, 12, 4) != "IHDR") throw content_unreadable(png);
    kind = png;
  } else if (magic == "image/jpeg") {
    if (!bytes.starts_with("\xFF\xD8\xFF")) throw content_unreadable(jpeg);
    kind = jpeg;
  } else if (magic == "image/webp") {
    if (!bytes.starts_with("RIFF") || bytes_at(bytes, 8, 4) != "WEBP") throw content_unreadable(webp);
    kind = webp;
  } else if (magic == "image/tiff") {
    if (!bytes.starts_with(std::string_view("II*\0", 4)) && !bytes.starts_with(std::string_view("MM\0*", 4)))
      throw content_unreadable(tiff);
    kind = tiff;
  } else if (is_zip_opinion(magic) && detail::looks_like_zip(bytes)) {
    const auto office = detail::inspect_office_zip(bytes, options);
    if (!office) throw file_refused(std::string(not_accepted));
    kind = office_kind(*office);
  } else if (magic == "text/plain" || magic == "text/csv") {
    if (!is_plain_text(bytes))
      throw file_refused(
          "Ce texte n'est pas enregistré en UTF-8 ou contient des caractères de contrôle : enregistrez-le en UTF-8 "
          "(ou en PDF) et renvoyez-le.");
    kind = extension == ".csv" ? csv : text;
  } else {
    throw file_refused(std::string(not_accepted));
  }

  check_claims(kind, extension, declared_media_type);
  const auto& rule = rules[kind];
  return {std::string(rule.media_type), std::string(rule.extension), std::string(rule.label), embeds_files};
}

}  // namespace passerelle::files
