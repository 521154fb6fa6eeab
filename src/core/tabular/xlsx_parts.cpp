#include "core/tabular/xlsx_parts.hpp"

#include <charconv>
#include <map>
#include <optional>

#include "core/tabular/encoding.hpp"
#include "core/tabular/problems.hpp"
#include "core/text.hpp"

namespace passerelle::tabular::detail {
namespace {

constexpr std::string_view workbook_part = "xl/workbook.xml";
constexpr std::string_view workbook_relations_part = "xl/_rels/workbook.xml.rels";

std::optional<unsigned> parse_unsigned(std::optional<std::string_view> text) {
  unsigned value = 0;
  if (!text) return std::nullopt;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size()) return std::nullopt;
  return value;
}

// Relationship targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/...").
std::string resolve_target(std::string_view target) {
  std::vector<std::string> path;
  if (!target.starts_with('/')) path = {"xl"};
  for (auto& segment : split(target, '/')) {
    if (segment == "..") {
      if (!path.empty()) path.pop_back();
    } else if (segment != ".") {
      path.push_back(std::move(segment));
    }
  }
  std::string resolved;
  for (const auto& segment : path) resolved += (resolved.empty() ? "" : "/") + segment;
  return resolved;
}

struct Sheet {
  std::string name;
  std::string relation;
  bool hidden;
};

struct WorkbookHandler : XmlHandler {
  std::vector<Sheet> sheets;
  bool date1904 = false;
  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "sheet") {
      const auto state = attributes.get("state").value_or("visible");
      sheets.push_back({std::string(attributes.get("name").value_or("")),
                        std::string(attributes.get("id").value_or("")), state != "visible"});
    } else if (name == "workbookPr") {
      const auto value = attributes.get("date1904").value_or("0");
      date1904 = value == "1" || value == "true";
    }
  }
  void end(std::string_view) override {}
};

struct Relation {
  std::string type;
  std::string target;
};

struct RelationsHandler : XmlHandler {
  std::map<std::string, Relation, std::less<>> relations;
  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name != "Relationship" || attributes.get("TargetMode").value_or("") == "External") return;
    relations[std::string(attributes.get("Id").value_or(""))] = {std::string(attributes.get("Type").value_or("")),
                                                                 resolve_target(attributes.get("Target").value_or(""))};
  }
  void end(std::string_view) override {}
};

// Transitional and strict OOXML use different URIs for the same relationship types; the last
// segment is what they share.
bool has_type(const Relation& relation, std::string_view last_segment) {
  return relation.type.ends_with("/" + std::string(last_segment));
}

struct SharedStringsHandler : XmlHandler {
  SharedStrings strings;
  std::string current;
  bool in_text = false;
  int phonetic_depth = 0;  // <rPh> holds Japanese reading aids, not shown in the cell
  void start(std::string_view name, const XmlAttributes&) override {
    if (name == "si") current.clear();
    if (name == "rPh") ++phonetic_depth;
    if (name == "t" && phonetic_depth == 0) in_text = true;
  }
  void end(std::string_view name) override {
    if (name == "t") in_text = false;
    if (name == "rPh") --phonetic_depth;
    if (name == "si") strings.add(decode_escapes(current));
  }
  void text(std::string_view piece) override {
    if (in_text) current.append(piece);
  }
};

struct StylesHandler : XmlHandler {
  std::map<unsigned, std::string> custom_formats;
  std::vector<unsigned> cell_format_ids;
  bool in_cell_formats = false;  // <xf> also appears in <cellStyleXfs>, which cells do not point to
  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "numFmt") {
      if (const auto id = parse_unsigned(attributes.get("numFmtId")))
        custom_formats[*id] = std::string(attributes.get("formatCode").value_or(""));
    } else if (name == "cellXfs") {
      in_cell_formats = true;
    } else if (name == "xf" && in_cell_formats) {
      cell_format_ids.push_back(parse_unsigned(attributes.get("numFmtId")).value_or(0));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats = false;
  }
};

}  // namespace

WorkbookParts locate_parts(ZipReader& zip, std::string_view sheet_name) {
  if (!zip.contains(workbook_part) || !zip.contains(workbook_relations_part))
    throw unreadable("Ce fichier n'est pas un classeur Excel (.xlsx).");
  WorkbookHandler workbook;
  parse_part(zip, workbook_part, workbook);
  RelationsHandler relations;
  parse_part(zip, workbook_relations_part, relations);

  WorkbookParts parts;
  parts.date1904 = workbook.date1904;
  for (const auto& [id, relation] : relations.relations) {
    if (has_type(relation, "sharedStrings")) parts.shared_strings = relation.target;
    if (has_type(relation, "styles")) parts.styles = relation.target;
  }
  std::string available;
  for (const auto& sheet : workbook.sheets) {
    const auto relation = relations.relations.find(sheet.relation);
    if (relation == relations.relations.end() || !has_type(relation->second, "worksheet")) continue;  // charts
    const bool wanted = sheet_name.empty() ? !sheet.hidden : sheet.name == sheet_name;
    if (wanted && zip.contains(relation->second.target)) {
      parts.sheet = relation->second.target;
      return parts;
    }
    available += (available.empty() ? "« " : ", « ") + sheet.name + " »";
  }
  if (sheet_name.empty()) throw unreadable("Le classeur ne contient aucune feuille de calcul visible.");
  throw Problem::invalid_field("feuille", "la feuille « " + std::string(sheet_name) +
                                              " » est absente du classeur (feuilles présentes : " + available + ")");
}

void SharedStrings::add(std::string_view text) {
  text_.append(text);
  ends_.push_back(text_.size());
}

std::string_view SharedStrings::at(std::size_t index) const {
  const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
  return std::string_view(text_).substr(begin, ends_[index] - begin);
}

SharedStrings read_shared_strings(ZipReader& zip, const std::string& part) {
  SharedStringsHandler handler;
  if (!part.empty() && zip.contains(part)) parse_part(zip, part, handler);
  return std::move(handler.strings);
}

std::vector<NumberFormatKind> read_cell_formats(ZipReader& zip, const std::string& part) {
  StylesHandler handler;
  if (!part.empty() && zip.contains(part)) parse_part(zip, part, handler);
  std::vector<NumberFormatKind> kinds;
  kinds.reserve(handler.cell_format_ids.size());
  for (const auto id : handler.cell_format_ids) {
    const auto custom = handler.custom_formats.find(id);  // a workbook may also redefine a built-in id
    kinds.push_back(custom != handler.custom_formats.end() ? format_code_kind(custom->second)
                                                           : builtin_format_kind(id));
  }
  return kinds;
}

void parse_part(ZipReader& zip, std::string_view part, XmlHandler& handler) {
  XmlStream xml(handler);
  zip.stream(part, [&](std::string_view chunk) { xml.feed(chunk); });
  xml.finish();
}

std::string decode_escapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned code = 0;
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_' &&
        std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16).ptr == text.data() + i + 6) {
      append_utf8(decoded, code >= 0xD800 && code <= 0xDFFF ? 0xFFFD : code);
      i += 7;
    } else {
      decoded += text[i++];
    }
  }
  return decoded;
}

}  // namespace passerelle::tabular::detail
