#include "core/templates/tag_parser.hpp"

#include <string_view>

#include "core/templates/filters.hpp"

namespace passerelle::templates::detail {
namespace {

enum class TokenKind { name, text, pipe, open_parenthesis, close_parenthesis, other, end };

struct Token {
  TokenKind kind;
  std::string text;
  Position position;
};

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

std::size_t utf8_sequence_length(unsigned char c) {
  return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
}

// Cuts a tag's content into tokens; false (with an error) on an unterminated text.
bool tokenize(const Piece& tag, std::vector<Token>& tokens, std::vector<Diagnostic>& errors) {
  const std::string_view content = tag.content;
  const auto at = [&](std::size_t byte) {
    return Position{tag.content_position.line, tag.content_position.column + characters_in(content.substr(0, byte))};
  };
  std::size_t i = 0;
  while (i < content.size()) {
    const char c = content[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (is_name_character(c)) {
      const auto start = i;
      while (i < content.size() && is_name_character(content[i])) ++i;
      tokens.push_back({TokenKind::name, std::string(content.substr(start, i - start)), at(start)});
    } else if (c == '"' || content.substr(i, 3) == "“") {
      // Straight quotes, or the curly ones a word processor puts in their place.
      const std::string_view closer = c == '"' ? "\"" : "”";
      const auto opener_length = c == '"' ? std::size_t{1} : std::size_t{3};
      const auto close = content.find(closer, i + opener_length);
      if (close == std::string_view::npos) {
        errors.push_back({at(i), "guillemet non fermé"});
        return false;
      }
      tokens.push_back(
          {TokenKind::text, std::string(content.substr(i + opener_length, close - i - opener_length)), at(i)});
      i = close + closer.size();
    } else {
      const auto kind = c == '|'   ? TokenKind::pipe
                        : c == '(' ? TokenKind::open_parenthesis
                        : c == ')' ? TokenKind::close_parenthesis
                                   : TokenKind::other;
      const auto length = std::min(utf8_sequence_length(static_cast<unsigned char>(c)), content.size() - i);
      tokens.push_back({kind, std::string(content.substr(i, length)), at(i)});
      i += length;
    }
  }
  tokens.push_back({TokenKind::end, "", at(content.size())});
  return true;
}

std::string shown(const Token& token) {
  return token.kind == TokenKind::end ? "la fin de la balise" : "« " + token.text + " »";
}

Diagnostic unexpected(const Token& token, std::string_view expected) {
  return {token.position, std::string(expected) + " est attendu, pas " + shown(token)};
}

}  // namespace

std::optional<FieldTag> read_field_tag(const Piece& tag, std::vector<Diagnostic>& errors) {
  std::vector<Token> tokens;
  if (!tokenize(tag, tokens, errors)) return std::nullopt;
  if (tokens.front().kind == TokenKind::end) {
    errors.push_back({tag.position, "balise « {{ }} » vide : indiquez un champ, par exemple {{ person.birth_name }}"});
    return std::nullopt;
  }
  if (tokens.front().kind != TokenKind::name) {
    errors.push_back(unexpected(tokens.front(), "un nom de champ"));
    return std::nullopt;
  }
  FieldTag field{tokens.front().text, tokens.front().position, {}};
  std::size_t i = 1;
  while (tokens[i].kind != TokenKind::end) {
    if (tokens[i].kind != TokenKind::pipe) {
      errors.push_back(unexpected(tokens[i], "« | » suivi d'un filtre"));
      return std::nullopt;
    }
    const Token& name = tokens[++i];
    if (name.kind != TokenKind::name) {
      errors.push_back(unexpected(name, "un nom de filtre"));
      return std::nullopt;
    }
    ++i;
    std::optional<std::string> argument;
    if (tokens[i].kind == TokenKind::open_parenthesis) {
      if (tokens[i + 1].kind != TokenKind::text) {
        errors.push_back(unexpected(tokens[i + 1], "un texte entre guillemets"));
        return std::nullopt;
      }
      if (tokens[i + 2].kind != TokenKind::close_parenthesis) {
        errors.push_back(unexpected(tokens[i + 2], "« ) »"));
        return std::nullopt;
      }
      argument = tokens[i + 1].text;
      i += 3;
    }
    const FilterSpec* spec = filter_named(name.text);
    if (spec == nullptr) {
      errors.push_back({name.position, "filtre inconnu « " + name.text + " » ; filtres possibles : " + filter_list()});
    } else if (spec->takes_text && !argument) {
      errors.push_back(
          {name.position, "le filtre « " + name.text + " » attend un texte : " + std::string(spec->example)});
    } else if (!spec->takes_text && argument) {
      errors.push_back({name.position, "le filtre « " + name.text + " » ne prend pas de texte entre parenthèses"});
    } else {
      field.filters.push_back({spec->kind, argument.value_or("")});
    }
  }
  return field;
}

std::optional<SectionTag> read_section_tag(const Piece& tag, std::vector<Diagnostic>& errors) {
  std::vector<Token> tokens;
  if (!tokenize(tag, tokens, errors)) return std::nullopt;
  const Token& keyword = tokens.front();
  const auto expect_end = [&](std::size_t i) {
    if (tokens[i].kind == TokenKind::end) return true;
    errors.push_back({tokens[i].position, "texte en trop dans « {% " + keyword.text + " %} » : " + shown(tokens[i])});
    return false;
  };
  if (keyword.kind == TokenKind::name && keyword.text == "if") {
    std::size_t i = 1;
    const bool negated =
        tokens[i].kind == TokenKind::name && tokens[i].text == "not" && tokens[i + 1].kind == TokenKind::name;
    if (negated) ++i;
    if (tokens[i].kind != TokenKind::name) {
      errors.push_back(unexpected(tokens[i], "un nom de champ après « if »"));
      return std::nullopt;
    }
    if (!expect_end(i + 1)) return std::nullopt;
    return SectionTag{SectionKeyword::if_, tokens[i].text, tokens[i].position, negated};
  }
  if (keyword.kind == TokenKind::name && (keyword.text == "else" || keyword.text == "endif")) {
    if (!expect_end(1)) return std::nullopt;
    return SectionTag{keyword.text == "else" ? SectionKeyword::else_ : SectionKeyword::endif, "", keyword.position};
  }
  if (keyword.kind == TokenKind::end)
    errors.push_back({tag.position, "balise « {% %} » vide : instructions possibles : if, else, endif"});
  else
    errors.push_back(
        {keyword.position, "instruction inconnue " + shown(keyword) + " ; instructions possibles : if, else, endif"});
  return std::nullopt;
}

}  // namespace passerelle::templates::detail
