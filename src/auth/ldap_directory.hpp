#pragma once
// Sign-in against an organisation's LDAP directory or Active Directory: the person's own password
// is checked by the directory (a bind as them), never by Passerelle, and the directory groups the
// configuration knows become Passerelle roles. Nothing is cached: each call opens its own
// connection, so calls from several threads never share a handle.
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::auth {

struct LdapConfig {
  std::string url;               // ldap://host:389 or ldaps://host:636
  std::string user_dn_template;  // e.g. "uid={login},ou=people,dc=example,dc=org"; empty: search instead
  std::string search_base;       // where to search when user_dn_template is empty
  std::string search_filter = "(|(mail={login})(userPrincipalName={login})(sAMAccountName={login}))";
  std::string bind_dn, bind_password;        // service account for the search; anonymous search if empty
  std::string group_attribute = "memberOf";  // groups read from the person's entry; empty: skip
  std::string group_base;                    // if the entry lists no group: search (member={dn}) here; empty: skip
  std::map<std::string, std::string> group_roles;  // group DN (compared case-insensitively) -> role code
  bool start_tls = false;
  int timeout_seconds = 5;
};

struct DirectoryUser {
  std::string dn;
  std::string email;
  std::string display_name;
  std::vector<std::string> groups;      // group DNs as the directory wrote them
  std::vector<std::string> role_codes;  // only roles mapped from groups, each once
};

enum class DirectoryOutcome { ok, invalid_credentials, unavailable };

struct DirectoryResult {
  DirectoryOutcome outcome;
  std::optional<DirectoryUser> user;  // set when outcome is ok
  std::string message;                // French; for unavailable, ends with the library's reason
};

DirectoryResult authenticate_with_directory(const LdapConfig& config, std::string_view login,
                                            std::string_view password);

// Reads the configuration an administrator entered; throws a 422 passerelle::Problem naming
// every bad field. Refuses mapping a group to platform_admin: an organisation's directory must
// not be able to make someone administrator of the whole platform.
LdapConfig ldap_config_from_json(const boost::json::value& json);

// Escaping of what the person typed, before it goes into a filter (RFC 4515) or a DN (RFC 4514).
std::string escape_ldap_filter_value(std::string_view value);
std::string escape_ldap_dn_value(std::string_view value);

}  // namespace passerelle::auth
