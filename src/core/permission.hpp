#pragma once
// The vocabulary of access control, shared by routes (which declare what they need) and the
// policy in src/auth (which decides). Plain values, no rules here.
#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

// hr: the staff records (professionals, contracts, absences): not person data, a brick of its own.
enum class Brick { establishments, persons, steering, cpom, surveys, collaboration, gdpr, administration, hr };

// What kind of data a route touches. Medical data is readable only by care roles.
enum class DataCategory { reference, administrative, social, educational, medical, audit, accounts };

enum class Action { read, write, export_data };

struct Permission {
  Brick brick;
  DataCategory category;
  Action action;
};

std::string_view brick_code(Brick b);
std::string_view category_code(DataCategory c);
std::string_view action_code(Action a);
std::optional<Brick> brick_from_code(std::string_view code);
std::string permission_code(const Permission& p);  // "persons.medical.read"

}  // namespace passerelle
