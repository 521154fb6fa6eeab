#include <algorithm>

#include "core/problem.hpp"
#include "core/templates/tag_parser.hpp"
#include "core/templates/template.hpp"

namespace passerelle::templates {
namespace {

using namespace detail;

// Letters apart between two names, for "vouliez-vous dire …" (Levenshtein distance).
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const auto above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_field_message(const std::string& name, const FieldCatalogue& allowed) {
  std::string message = "champ inconnu « " + name + " »";
  const Field* closest = nullptr;
  std::size_t best = std::max<std::size_t>(2, name.size() / 4) + 1;
  for (const auto& field : allowed) {
    const auto d = distance(name, field.name);
    if (d < best) best = d, closest = &field;
  }
  if (closest != nullptr) message += " ; vouliez-vous dire « " + closest->name + " » ?";
  message += " ; champs possibles : ";
  if (allowed.empty()) return message + "aucun";
  for (std::size_t i = 0; i < allowed.size(); ++i)
    message += (i ? ", " : "") + allowed[i].name + (allowed[i].label.empty() ? "" : " (" + allowed[i].label + ")");
  return message;
}

// Builds the tree while reading the pieces in order; a section being read is a frame of the stack.
class TreeBuilder {
 public:
  TreeBuilder(const FieldCatalogue& allowed, std::vector<Diagnostic>& errors) : allowed_(allowed), errors_(errors) {}

  void add(const Piece& piece) {
    switch (piece.kind) {
      case PieceKind::text:
        return add_text(piece.content);
      case PieceKind::field_tag:
        return add_field(piece);
      case PieceKind::section_tag:
        return add_section_tag(piece);
    }
  }

  Nodes finish() {
    for (const auto& frame : open_) {
      const auto& name = std::get<Section>(frame.node.content).name;
      errors_.push_back({frame.position, "« {% if " + (name.empty() ? "…" : name) +
                                             " %} » n'est jamais fermé : ajoutez « {% endif %} »"});
    }
    return std::move(root_);
  }

  std::vector<std::string> fields_used() {
    std::sort(used_.begin(), used_.end());
    used_.erase(std::unique(used_.begin(), used_.end()), used_.end());
    return used_;
  }

 private:
  struct Frame {
    Node node;  // always a Section
    Position position;
    bool in_else = false;
    bool has_else = false;
  };

  Nodes& current() {
    if (open_.empty()) return root_;
    auto& section = std::get<Section>(open_.back().node.content);
    return open_.back().in_else ? section.when_false : section.when_true;
  }

  bool known(const std::string& name, Position position) {
    const bool found = std::any_of(allowed_.begin(), allowed_.end(), [&](const Field& f) { return f.name == name; });
    if (found)
      used_.push_back(name);
    else
      errors_.push_back({position, unknown_field_message(name, allowed_)});
    return found;
  }

  void add_text(const std::string& text) {
    auto& nodes = current();
    if (!nodes.empty())
      if (auto* previous = std::get_if<Text>(&nodes.back().content)) return void(previous->text += text);
    nodes.push_back({Text{text}});
  }

  void add_field(const Piece& piece) {
    auto tag = read_field_tag(piece, errors_);
    if (tag && known(tag->name, tag->name_position))
      current().push_back({FieldValue{std::move(tag->name), std::move(tag->filters)}});
  }

  void add_section_tag(const Piece& piece) {
    auto tag = read_section_tag(piece, errors_);
    if (!tag) {
      // An unreadable {% if … %} still opens a section, so that its {% endif %} is not reported as stray.
      if (piece.content.find_first_not_of(" \t") != std::string::npos &&
          piece.content.substr(piece.content.find_first_not_of(" \t"), 3) == "if ")
        open_section({}, piece.position, false);
      return;
    }
    switch (tag->keyword) {
      case SectionKeyword::if_:
        if (open_.size() >= max_section_depth)
          errors_.push_back({piece.position, "plus de " + std::to_string(max_section_depth) +
                                                 " sections « {% if %} » imbriquées : simplifiez le modèle"});
        known(tag->name, tag->name_position);
        return open_section(std::move(tag->name), piece.position, tag->negated);
      case SectionKeyword::else_:
        if (open_.empty()) return errors_.push_back({piece.position, "« {% else %} » sans « {% if %} » ouvert"});
        if (open_.back().has_else)
          return errors_.push_back({piece.position, "second « {% else %} » pour la même section (ouverte " +
                                                        where(open_.back().position) + ")"});
        open_.back().in_else = open_.back().has_else = true;
        return;
      case SectionKeyword::endif:
        if (open_.empty()) return errors_.push_back({piece.position, "« {% endif %} » sans « {% if %} » ouvert"});
        close_section();
        return;
    }
  }

  static std::string where(Position p) {
    return "ligne " + std::to_string(p.line) + ", colonne " + std::to_string(p.column);
  }

  void open_section(std::string name, Position position, bool negated) {
    open_.push_back({Node{Section{std::move(name), negated, {}, {}}}, position});
  }

  void close_section() {
    Node node = std::move(open_.back().node);
    open_.pop_back();
    current().push_back(std::move(node));
  }

  const FieldCatalogue& allowed_;
  std::vector<Diagnostic>& errors_;
  Nodes root_;
  std::vector<Frame> open_;
  std::vector<std::string> used_;
};

std::string located(const Diagnostic& d) {
  return "ligne " + std::to_string(d.position.line) + ", colonne " + std::to_string(d.position.column) + " : " +
         d.message;
}

Problem invalid_template(std::vector<FieldError> errors) {
  std::string detail =
      errors.size() == 1 ? "Le modèle de courrier contient une erreur : " + errors.front().message + "."
                         : "Le modèle de courrier contient des erreurs (la première : " + errors.front().message + ").";
  return {422, "validation", "Données invalides", std::move(detail), std::move(errors)};
}

}  // namespace

Template parse(std::string_view source, const FieldCatalogue& allowed) {
  if (source.size() > max_source_bytes)
    throw invalid_template({{"template", "le modèle dépasse " + std::to_string(max_source_bytes / 1024) + " Ko (" +
                                             std::to_string(source.size()) + " octets) : raccourcissez-le"}});
  std::vector<Diagnostic> errors;
  const auto pieces = scan(source, errors);
  TreeBuilder builder(allowed, errors);
  for (const auto& piece : pieces) builder.add(piece);
  auto nodes = builder.finish();
  if (errors.empty()) return Template(std::move(nodes), builder.fields_used());

  std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.position.line, a.position.column) < std::pair(b.position.line, b.position.column);
  });
  std::vector<FieldError> listed;
  for (std::size_t i = 0; i < errors.size() && i < max_reported_errors; ++i)
    listed.push_back({"template", located(errors[i])});
  if (errors.size() > max_reported_errors)
    listed.push_back({"template", "… et " + std::to_string(errors.size() - max_reported_errors) + " autres erreurs"});
  throw invalid_template(std::move(listed));
}

}  // namespace passerelle::templates
