#include "core/json_reader.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace passerelle {
namespace {

// Boost.JSON reads 1e400 as infinity and would write it back as "Infinity", which is not JSON.
bool has_infinite_number(const boost::json::value& value) {
  if (value.is_double()) return !std::isfinite(value.get_double());
  if (const auto* array = value.if_array())
    return std::any_of(array->begin(), array->end(), [](const auto& item) { return has_infinite_number(item); });
  if (const auto* object = value.if_object())
    return std::any_of(object->begin(), object->end(),
                       [](const auto& member) { return has_infinite_number(member.value()); });
  return false;
}

}  // namespace

boost::json::value parse_json(std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) {
    throw Problem::bad_request("Le corps de la requête n'est pas du JSON valide (" + ec.message() + ").",
                               {{"body", "JSON mal formé"}});
  }
  if (has_infinite_number(value))
    throw Problem::bad_request("Le corps de la requête contient un nombre hors limites (au-delà de 1e308).",
                               {{"body", "nombre hors limites"}});
  return value;
}

boost::json::value json_body(const Request& request) {
  if (!request.has_json_content_type())
    throw Problem::unsupported_media_type("Le corps de la requête doit être envoyé en JSON (Content-Type: application/json).");
  return parse_json(request.body);
}

JsonReader::JsonReader(const boost::json::value& value, std::string prefix) : prefix_(std::move(prefix)) {
  object_ = value.if_object();
  if (!object_) errors_.push_back({prefix_.empty() ? "body" : prefix_, "un objet JSON est attendu"});
}

const boost::json::value* JsonReader::find(std::string_view name, bool required) {
  seen_.emplace(name);
  if (!object_) return nullptr;
  auto it = object_->find(name);
  if (it == object_->end() || it->value().is_null()) {
    if (required) fail(name, "ce champ est obligatoire");
    return nullptr;
  }
  return &it->value();
}

bool JsonReader::has(std::string_view name) const {
  return object_ && object_->contains(name);
}

void JsonReader::fail(std::string_view name, std::string message) {
  errors_.push_back({prefix_ + std::string(name), std::move(message)});
}

std::optional<std::string> JsonReader::text(std::string_view name, bool required, std::size_t max_length) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(name, "une chaîne de caractères est attendue");
    return std::nullopt;
  }
  std::string s(v->get_string());
  if (auto problem = text_problem(s, max_length)) {
    fail(name, *problem);
    return std::nullopt;
  }
  s = trim(s);
  if (required && s.empty()) {
    fail(name, "ce champ est obligatoire");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> JsonReader::paragraphs(std::string_view name, bool required, std::size_t max_length) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(name, "une chaîne de caractères est attendue");
    return std::nullopt;
  }
  std::string s;
  const auto raw = v->get_string();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r') {
      s += '\n';
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    } else {
      s += raw[i];
    }
  }
  std::string flat = s;  // line breaks checked as spaces: they count in the length
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  if (auto problem = text_problem(flat, max_length)) {
    fail(name, *problem);
    return std::nullopt;
  }
  const auto begin = s.find_first_not_of(" \t\n");
  s = begin == std::string::npos ? std::string() : s.substr(begin, s.find_last_not_of(" \t\n") - begin + 1);
  if (required && s.empty()) {
    fail(name, "ce champ est obligatoire");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> JsonReader::integer(std::string_view name, bool required, std::int64_t min,
                                                std::int64_t max) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else {
    fail(name, "un nombre entier est attendu");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(name, "la valeur doit être comprise entre " + std::to_string(min) + " et " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> JsonReader::boolean(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(name, "un booléen (true ou false) est attendu");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<double> JsonReader::number(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(name, "un nombre est attendu");
    return std::nullopt;
  }
  return v->to_number<double>();
}

const boost::json::array* JsonReader::array(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(name, "une liste est attendue");
    return nullptr;
  }
  return &v->get_array();
}

const boost::json::object* JsonReader::object(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    fail(name, "un objet est attendu");
    return nullptr;
  }
  return &v->get_object();
}

std::optional<std::string> JsonReader::choice(std::string_view name, bool required,
                                              const std::vector<std::string_view>& allowed) {
  auto value = text(name, required, 64);
  if (!value) return std::nullopt;
  for (auto a : allowed)
    if (a == *value) return value;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  fail(name, "valeur inconnue ; valeurs possibles : " + list);
  return std::nullopt;
}

void JsonReader::finish() {
  if (object_) {
    for (const auto& kv : *object_) {
      if (!seen_.contains(kv.key())) fail(kv.key(), "champ inconnu");
    }
  }
  if (!errors_.empty()) throw Problem::invalid(errors_);
}

}  // namespace passerelle
