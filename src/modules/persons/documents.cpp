#include "modules/persons/documents.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/problem.hpp"
#include "core/text.hpp"

namespace passerelle::modules::persons {

const std::vector<DocumentType>& document_types() {
  using C = DataCategory;
  static const std::vector<DocumentType> types = {
      {"identity", "Pièce d'identité, état civil", C::administrative, "record"},
      {"decision", "Décision, notification (MDPH, jugement)", C::administrative, "record"},
      {"administrative", "Document administratif (contrat de séjour, attestation)", C::administrative, "record"},
      {"correspondence", "Courrier", C::administrative, "record"},
      {"other", "Autre document", C::administrative, "record"},
      {"social", "Rapport ou évaluation sociale", C::social, "record"},
      {"plan", "Projet personnalisé, bilan éducatif", C::educational, "record"},
      {"medical", "Document médical (secret médical)", C::medical, "health"},
  };
  return types;
}

const DocumentType* find_document_type(std::string_view code) {
  for (const auto& t : document_types())
    if (t.code == code) return &t;
  return nullptr;
}

Permission document_permission(const DocumentType& type, Action action) {
  return {Brick::persons, type.category, action};
}

const std::vector<RetentionCategory>& retention_categories() {
  static const std::vector<RetentionCategory> categories = {
      {"record", "Dossier de l'usager : 2 ans après le dernier contact", false},
      {"health", "Données de santé : 20 ans après le dernier séjour", false},
      {"legal_archive", "Archive intermédiaire pour un motif légal écrit", true},
  };
  return categories;
}

const RetentionCategory* find_retention(std::string_view code) {
  for (const auto& r : retention_categories())
    if (r.code == code) return &r;
  return nullptr;
}

namespace {

// Characters a download name never carries: path separators, quotes (they end the header's quoted
// string), and what Windows refuses in a name.
bool unsafe_in_name(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '/' || c == '\\' || c == '"' || c == ':' || c == '*' ||
         c == '?' || c == '<' || c == '>' || c == '|' || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);  // bidirectional overrides make "fdp.exe" read as "exe.pdf"
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string lower_extension(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? std::string() : to_lower_ascii(name.substr(dot));
}

// Extensions that name the same content (sniff accepts each of them for it).
bool same_content_extension(std::string_view have, std::string_view want) {
  static const std::vector<std::vector<std::string_view>> families = {
      {".jpg", ".jpeg", ".jpe", ".jfif"}, {".tif", ".tiff"}, {".txt", ".text"}};
  if (have == want) return true;
  for (const auto& f : families)
    if (std::find(f.begin(), f.end(), have) != f.end() && std::find(f.begin(), f.end(), want) != f.end()) return true;
  return false;
}

}  // namespace

std::string safe_filename(std::string_view name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char32_t c : code_points(name)) {
    if (unsafe_in_name(c)) c = '_';
    std::string piece;
    append_utf8(piece, c);
    if (out.size() + piece.size() > 255) break;
    out += piece;
  }
  out = trim(out);
  // A name made only of dots (".", "..") or only of replacements is no name.
  if (std::all_of(out.begin(), out.end(), [](char c) { return c == '.' || c == '_' || c == ' '; })) return {};
  return out;
}

std::string download_name(std::string_view filename, std::string_view extension) {
  std::string name(filename.empty() ? std::string_view("document") : filename);
  if (!same_content_extension(lower_extension(name), extension)) name += extension;
  return name;
}

std::string content_disposition(std::string_view disposition, std::string_view filename) {
  std::string ascii, encoded;
  for (char32_t c : code_points(filename)) {
    ascii.push_back(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? static_cast<char>(c) : '_');
  }
  static constexpr char hex[] = "0123456789ABCDEF";
  for (unsigned char c : filename) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '-' || c == '_' || c == '~';
    if (plain) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded.push_back('%');
      encoded.push_back(hex[c >> 4]);
      encoded.push_back(hex[c & 0x0F]);
    }
  }
  if (ascii.empty()) ascii = "document";
  return std::string(disposition) + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

namespace {

void check_known_parameters(const Request& request, const std::set<std::string_view>& known,
                            std::vector<FieldError>& errors) {
  std::set<std::string> seen;
  for (const auto& [name, value] : request.query) {
    if (!known.contains(name)) {
      if (seen.insert(name).second)
        errors.push_back({name.size() <= 40 ? name : name.substr(0, 40), "paramètre inconnu"});
    } else if (!seen.insert(name).second) {
      errors.push_back({name, "paramètre donné plusieurs fois"});
    }
  }
}

std::string read_filename(const Request& request, std::vector<FieldError>& errors) {
  const auto given = request.query_param("filename");
  if (!given || trim(*given).empty()) {
    errors.push_back({"filename", "nom du fichier obligatoire"});
    return {};
  }
  if (code_points(*given).empty()) {
    errors.push_back({"filename", "nom de fichier illisible (UTF-8 attendu)"});
    return {};
  }
  auto safe = safe_filename(*given);
  if (safe.empty()) errors.push_back({"filename", "nom de fichier inutilisable"});
  return safe;
}

}  // namespace

UploadMetadata read_upload_metadata(const Request& request) {
  std::vector<FieldError> errors;
  check_known_parameters(request, {"type", "title", "filename", "retention", "retention_reason", "establishment_id"},
                         errors);
  UploadMetadata m;
  if (const auto type = request.query_param("type"); !type) {
    errors.push_back({"type", "type de document obligatoire"});
  } else if (!(m.type = find_document_type(*type))) {
    errors.push_back({"type", "type de document inconnu"});
  }
  if (const auto title = request.query_param("title"); !title || trim(*title).empty()) {
    errors.push_back({"title", "titre obligatoire"});
  } else if (auto problem = text_problem(*title, 200)) {
    errors.push_back({"title", *problem});
  } else {
    m.title = trim(*title);
  }
  m.filename = read_filename(request, errors);
  const RetentionCategory* retention = nullptr;
  if (const auto code = request.query_param("retention")) {
    retention = find_retention(*code);
    if (!retention) errors.push_back({"retention", "catégorie de conservation inconnue"});
  } else if (m.type) {
    retention = find_retention(m.type->default_retention);
  }
  if (retention) m.retention = retention->code;
  if (m.type && m.type->category == DataCategory::medical && retention && retention->code == "record")
    errors.push_back({"retention", "un document médical se conserve comme une donnée de santé"});
  if (const auto reason = request.query_param("retention_reason"); reason && !trim(*reason).empty()) {
    if (auto problem = text_problem(*reason, 500))
      errors.push_back({"retention_reason", *problem});
    else if (retention && !retention->needs_reason)
      errors.push_back({"retention_reason", "motif seulement pour une archive intermédiaire"});
    else
      m.retention_reason = trim(*reason);
  } else if (retention && retention->needs_reason) {
    errors.push_back({"retention_reason", "motif légal obligatoire pour une archive intermédiaire"});
  }
  if (const auto text = request.query_param("establishment_id")) {
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), id);
    if (error != std::errc() || end != text->data() + text->size() || id < 1)
      errors.push_back({"establishment_id", "identifiant attendu"});
    else
      m.establishment_id = id;
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  return m;
}

std::string read_version_filename(const Request& request) {
  std::vector<FieldError> errors;
  check_known_parameters(request, {"filename"}, errors);
  auto name = read_filename(request, errors);
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  return name;
}

}  // namespace passerelle::modules::persons
