#include "auth/ldap_directory.hpp"

#include <ldap.h>
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>

#include <algorithm>

#include "auth/roles.hpp"
#include "core/json_reader.hpp"
#include "core/text.hpp"

namespace passerelle::auth {

namespace {

constexpr std::size_t max_login_length = 256;

// Owns one connection; unbinding also frees the handle, on every path out.
struct Handle {
  LDAP* ld = nullptr;
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (ld) ldap_unbind_ext_s(ld, nullptr, nullptr);
  }
};

// Frees a search result whatever happens to the code reading it.
struct Message {
  LDAPMessage* m = nullptr;
  Message() = default;
  Message(const Message&) = delete;
  Message& operator=(const Message&) = delete;
  ~Message() {
    if (m) ldap_msgfree(m);
  }
};

// liblber writes with write(2), not send(MSG_NOSIGNAL): a directory dropping the connection
// mid-call would raise SIGPIPE, whose default action ends the whole server. Block it in this
// thread for the call and swallow one that arrived meanwhile.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    already_pending_ = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
  }
  ~SigpipeBlocked() {
    sigset_t pending;
    if (!already_pending_ && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
      const timespec now{};
      sigtimedwait(&pipe_, nullptr, &now);
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

 private:
  sigset_t pipe_{}, previous_{};
  bool already_pending_ = false;
};

DirectoryResult refused() {
  return {DirectoryOutcome::invalid_credentials, std::nullopt, "Identifiant ou mot de passe incorrect."};
}

DirectoryResult unavailable(std::string_view what, int rc) {
  return {DirectoryOutcome::unavailable, std::nullopt,
          "L'annuaire de l'organisme est indisponible (" + std::string(what) + " : " + ldap_err2string(rc) + ")."};
}

// What a failed bind as the person means. Nonexistent DNs and malformed ones answer like a wrong
// password, so the answer never tells whether an account exists.
bool is_refusal(int rc) {
  return rc == LDAP_INVALID_CREDENTIALS || rc == LDAP_INVALID_DN_SYNTAX || rc == LDAP_NO_SUCH_OBJECT ||
         rc == LDAP_INAPPROPRIATE_AUTH;
}

std::string with_login(std::string_view pattern, std::string_view escaped_login) {
  std::string out;
  constexpr std::string_view placeholder = "{login}";
  std::size_t from = 0;
  for (auto at = pattern.find(placeholder); at != std::string_view::npos; at = pattern.find(placeholder, from)) {
    out.append(pattern.substr(from, at - from)).append(escaped_login);
    from = at + placeholder.size();
  }
  out.append(pattern.substr(from));
  return out;
}

std::string hex_escape(unsigned char c) {
  constexpr char digits[] = "0123456789abcdef";
  return {'\\', digits[c >> 4], digits[c & 0xF]};
}

int simple_bind(LDAP* ld, const std::string& dn, std::string_view password) {
  berval credentials{static_cast<ber_len_t>(password.size()), const_cast<char*>(password.data())};
  return ldap_sasl_bind_s(ld, dn.c_str(), LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr, nullptr);
}

int search(LDAP* ld, const LdapConfig& config, const std::string& base, int scope, const std::string& filter,
           std::vector<const char*> attributes, int size_limit, Message& result) {
  attributes.push_back(nullptr);
  timeval timeout{config.timeout_seconds, 0};
  return ldap_search_ext_s(ld, base.c_str(), scope, filter.c_str(), const_cast<char**>(attributes.data()), 0, nullptr,
                           nullptr, &timeout, size_limit, &result.m);
}

std::string entry_dn(LDAP* ld, LDAPMessage* entry) {
  char* dn = ldap_get_dn(ld, entry);
  std::string out = dn ? dn : "";
  ldap_memfree(dn);
  return out;
}

std::vector<std::string> values(LDAP* ld, LDAPMessage* entry, const std::string& attribute) {
  std::vector<std::string> out;
  if (attribute.empty()) return out;
  berval** found = ldap_get_values_len(ld, entry, attribute.c_str());
  for (berval** v = found; v && *v; ++v) out.emplace_back((*v)->bv_val, (*v)->bv_len);
  ldap_value_free_len(found);
  return out;
}

// One spelling per DN, so "CN=Educ, OU=Groups" from AD matches "cn=educ,ou=groups" from the
// configuration; a value the library cannot parse is only lower-cased.
std::string normalised_dn(const std::string& dn) {
  char* out = nullptr;
  std::string result = dn;
  if (ldap_dn_normalize(dn.c_str(), LDAP_DN_FORMAT_LDAP, &out, LDAP_DN_FORMAT_LDAPV3) == LDAP_SUCCESS && out)
    result = out;
  ldap_memfree(out);
  return to_lower_ascii(result);
}

std::vector<std::string> mapped_roles(const LdapConfig& config, const std::vector<std::string>& groups) {
  std::map<std::string, std::string> by_group;
  for (const auto& [group, role] : config.group_roles) by_group.emplace(normalised_dn(group), role);
  std::vector<std::string> roles;
  for (const auto& group : groups) {
    auto it = by_group.find(normalised_dn(group));
    if (it == by_group.end() || !role_from_code(it->second)) continue;
    if (std::find(roles.begin(), roles.end(), it->second) == roles.end()) roles.push_back(it->second);
  }
  return roles;
}

// Connects lazily (libldap opens the socket on the first operation) with bounded waits everywhere.
int open_connection(Handle& handle, const LdapConfig& config) {
  int rc = ldap_initialize(&handle.ld, config.url.c_str());
  if (rc != LDAP_SUCCESS) return rc;
  const int version = LDAP_VERSION3;
  const timeval timeout{config.timeout_seconds, 0};
  ldap_set_option(handle.ld, LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option(handle.ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
  ldap_set_option(handle.ld, LDAP_OPT_TIMEOUT, &timeout);
  // Following a referral would send the person's password to a server nobody configured.
  ldap_set_option(handle.ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  if (config.start_tls) rc = ldap_start_tls_s(handle.ld, nullptr, nullptr);
  return rc;
}

}  // namespace

std::string escape_ldap_filter_value(std::string_view value) {
  std::string out;
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '*' || c == '(' || c == ')' || c == '\\' || c == 0)
      out += hex_escape(c);
    else
      out += ch;
  }
  return out;
}

std::string escape_ldap_dn_value(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    const bool special = std::string_view(",+\"\\<>;=").find(static_cast<char>(c)) != std::string_view::npos;
    const bool edge = (i == 0 && (c == ' ' || c == '#')) || (i + 1 == value.size() && c == ' ');
    if (special || edge || c < 0x20 || c == 0x7F)
      out += hex_escape(c);
    else
      out += value[i];
  }
  return out;
}

DirectoryResult authenticate_with_directory(const LdapConfig& config, std::string_view login,
                                            std::string_view password) {
  // A simple bind with a name and an empty password is an "unauthenticated bind" (RFC 4513 5.1.2)
  // that many servers, Active Directory included, answer with success: refuse it before any network.
  if (password.empty() || login.empty() || login.size() > max_login_length) return refused();

  const SigpipeBlocked no_sigpipe;  // declared first: outlives the handle, whose unbind may write
  Handle handle;
  if (int rc = open_connection(handle, config); rc != LDAP_SUCCESS) return unavailable("connexion", rc);
  LDAP* ld = handle.ld;

  std::string dn;
  if (!config.user_dn_template.empty()) {
    dn = with_login(config.user_dn_template, escape_ldap_dn_value(login));
  } else {
    if (!config.bind_dn.empty()) {
      // Same hole as above, on the service account: never let an empty password through.
      if (config.bind_password.empty()) return unavailable("compte de service", LDAP_INAPPROPRIATE_AUTH);
      if (int rc = simple_bind(ld, config.bind_dn, config.bind_password); rc != LDAP_SUCCESS)
        return unavailable("compte de service", rc);
    }
    Message found;
    // Two at most: more than one match is ambiguous, and an ambiguous login signs no one in.
    const int rc = search(ld, config, config.search_base, LDAP_SCOPE_SUBTREE,
                          with_login(config.search_filter, escape_ldap_filter_value(login)), {LDAP_NO_ATTRS}, 2, found);
    if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED) return unavailable("recherche de la personne", rc);
    if (ldap_count_entries(ld, found.m) != 1) return refused();
    dn = entry_dn(ld, ldap_first_entry(ld, found.m));
    if (dn.empty()) return refused();
  }

  if (int rc = simple_bind(ld, dn, password); rc != LDAP_SUCCESS)
    return is_refusal(rc) ? refused() : unavailable("vérification du mot de passe", rc);

  // From here on the directory reads as the person, with what its access rules give them.
  DirectoryUser user;
  user.dn = dn;
  Message entry;
  std::vector<const char*> wanted = {"mail", "displayName", "cn"};
  if (!config.group_attribute.empty()) wanted.push_back(config.group_attribute.c_str());
  if (int rc = search(ld, config, dn, LDAP_SCOPE_BASE, "(objectClass=*)", wanted, 1, entry); rc != LDAP_SUCCESS)
    return unavailable("lecture de la fiche", rc);
  if (LDAPMessage* e = ldap_first_entry(ld, entry.m)) {
    user.dn = entry_dn(ld, e);
    if (auto mail = values(ld, e, "mail"); !mail.empty()) user.email = mail.front();
    auto name = values(ld, e, "displayName");
    if (name.empty()) name = values(ld, e, "cn");
    if (!name.empty()) user.display_name = name.front();
    user.groups = values(ld, e, config.group_attribute);
  }

  if (user.groups.empty() && !config.group_base.empty()) {
    Message groups;
    const int rc = search(ld, config, config.group_base, LDAP_SCOPE_SUBTREE,
                          "(member=" + escape_ldap_filter_value(user.dn) + ")", {LDAP_NO_ATTRS}, 0, groups);
    if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED) return unavailable("lecture des groupes", rc);
    for (LDAPMessage* g = ldap_first_entry(ld, groups.m); g; g = ldap_next_entry(ld, g))
      user.groups.push_back(entry_dn(ld, g));
  }

  user.role_codes = mapped_roles(config, user.groups);
  return {DirectoryOutcome::ok, std::move(user), "Connexion par l'annuaire réussie."};
}

LdapConfig ldap_config_from_json(const boost::json::value& json) {
  JsonReader reader(json);
  LdapConfig config;
  auto read = [&](std::string_view name, std::string& into, bool required = false) {
    if (auto v = reader.text(name, required, 500)) into = *v;
  };
  read("url", config.url, true);
  const std::string scheme = to_lower_ascii(config.url.substr(0, config.url.find("://") + 3));
  if (!config.url.empty() && scheme != "ldap://" && scheme != "ldaps://")
    reader.fail("url", "l'adresse doit commencer par ldap:// ou ldaps://");

  read("user_dn_template", config.user_dn_template);
  read("search_base", config.search_base);
  read("search_filter", config.search_filter);
  if (!config.user_dn_template.empty() && config.user_dn_template.find("{login}") == std::string::npos)
    reader.fail("user_dn_template", "le modèle doit contenir {login}");
  if (config.user_dn_template.empty() && config.search_base.empty())
    reader.fail("search_base", "obligatoire lorsque user_dn_template est vide");
  const auto& filter = config.search_filter;
  if (filter.find("{login}") == std::string::npos || filter.front() != '(' || filter.back() != ')')
    reader.fail("search_filter", "le filtre doit être entre parenthèses et contenir {login}");

  read("bind_dn", config.bind_dn);
  // Read untrimmed: spaces at either end of a password are part of it.
  if (reader.text("bind_password", false, 500)) config.bind_password = json.at("bind_password").as_string();
  if (!config.bind_dn.empty() && config.bind_password.empty())
    reader.fail("bind_password", "obligatoire lorsque bind_dn est renseigné");

  if (reader.has("group_attribute")) {
    config.group_attribute.clear();
    read("group_attribute", config.group_attribute);
  }
  read("group_base", config.group_base);
  if (const auto* map = reader.object("group_roles", false)) {
    for (const auto& [group, role] : *map) {
      const std::string field = "group_roles/" + std::string(group);
      const auto* code = role.if_string();
      if (group.empty()) {
        reader.fail("group_roles", "un nom de groupe est vide");
      } else if (!code || !role_from_code(*code)) {
        reader.fail(field, "code de rôle inconnu");
      } else if (*code == role_code(Role::platform_admin)) {
        reader.fail(field, "le rôle d'administrateur de la plateforme ne peut pas venir d'un annuaire");
      } else {
        config.group_roles.emplace(group, *code);
      }
    }
  }

  if (auto tls = reader.boolean("start_tls", false)) config.start_tls = *tls;
  if (config.start_tls && scheme == "ldaps://")
    reader.fail("start_tls", "inutile avec ldaps://, qui chiffre déjà la connexion");
  if (auto seconds = reader.integer("timeout_seconds", false, 1, 60))
    config.timeout_seconds = static_cast<int>(*seconds);
  reader.finish();
  return config;
}

}  // namespace passerelle::auth
