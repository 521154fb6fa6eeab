#pragma once
// The sector's nomenclatures the establishments brick uses (shared DOMAIN.md §2): FINESS categories
// (TRE_R66) with their validity, kinds of care (TRE_R209), publics, funders, capacity statuses.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::modules::establishments {

struct Category {
  std::string_view code;
  std::string_view short_label;  // IME, ESAT…
  std::string_view label;
  std::string_view valid_to;  // empty: still open; categories closed in 2018 stay for history
};

struct Code {
  std::string_view code;
  std::string_view label;
};

const std::vector<Category>& categories();
const Category* find_category(std::string_view code);

const std::vector<Code>& care_modes();          // "11" hébergement complet / internat, "13" semi-internat…
const std::vector<Code>& capacity_statuses();   // authorised, installed, funded
const std::vector<Code>& publics();             // children, adults, elderly
const std::vector<Code>& disabilities();        // intellectual, autism, psychic…
const std::vector<Code>& funders();             // ars, departement
const std::vector<Code>& bricks();              // bricks that can be switched on per establishment

bool has_code(const std::vector<Code>& list, std::string_view code);
std::string_view label_of(const std::vector<Code>& list, std::string_view code);
std::vector<std::string_view> codes_of(const std::vector<Code>& list);

}  // namespace passerelle::modules::establishments
