#include "core/permission.hpp"

#include <array>

namespace passerelle {
namespace {

constexpr std::array<std::string_view, 9> brick_codes = {
    "establishments", "persons", "steering", "cpom", "surveys", "collaboration", "gdpr", "administration", "hr"};
constexpr std::array<std::string_view, 7> category_codes = {"reference", "administrative", "social",  "educational",
                                                            "medical",   "audit",          "accounts"};
constexpr std::array<std::string_view, 3> action_codes = {"read", "write", "export"};

}  // namespace

std::string_view brick_code(Brick b) { return brick_codes.at(static_cast<std::size_t>(b)); }
std::string_view category_code(DataCategory c) { return category_codes.at(static_cast<std::size_t>(c)); }
std::string_view action_code(Action a) { return action_codes.at(static_cast<std::size_t>(a)); }

std::optional<Brick> brick_from_code(std::string_view code) {
  for (std::size_t i = 0; i < brick_codes.size(); ++i)
    if (brick_codes[i] == code) return static_cast<Brick>(i);
  return std::nullopt;
}

std::string permission_code(const Permission& p) {
  return std::string(brick_code(p.brick)) + "." + std::string(category_code(p.category)) + "." +
         std::string(action_code(p.action));
}

}  // namespace passerelle
