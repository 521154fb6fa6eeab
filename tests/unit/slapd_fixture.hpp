#pragma once
// A real OpenLDAP server for directory sign-in tests, private to this test process: its own
// temporary folder, its own free port on 127.0.0.1, stopped and erased at the end. The system
// slapd service, if any, is never used or touched.
//
// The directory (suffix dc=passerelle,dc=test), loaded with slapadd:
//   uid=alice  password "alice-password"  groups educateurs, cuisine
//   uid=bob    password "bob-password"    group direction
//   uid=carol  password "carol-password"  group cuisine (mapped to no role)
// Groups are groupOfNames under ou=groups; the memberof overlay is loaded so that memberOf exists,
// and the users' memberOf values are written in the LDIF because slapadd does not run overlays.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace passerelle::test_support {

// A port nobody listens on right now: the kernel picks it, and it is closed again for the caller.
inline int free_local_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("no free local port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

inline bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  if (fd >= 0) ::close(fd);
  return ok;
}

class SlapdFixture {
 public:
  static constexpr const char* slapd = "/usr/sbin/slapd";
  static constexpr const char* slapadd = "/usr/sbin/slapadd";
  static constexpr const char* suffix = "dc=passerelle,dc=test";
  static constexpr const char* root_dn = "cn=admin,dc=passerelle,dc=test";
  static constexpr const char* root_password = "root-password";

  static bool installed() { return ::access(slapd, X_OK) == 0 && ::access(slapadd, X_OK) == 0; }

  // Throws std::runtime_error carrying slapd's own log if the server does not come up.
  SlapdFixture() {
    std::string pattern = (std::filesystem::temp_directory_path() / "passerelle-slapd-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    std::filesystem::create_directory(dir_ / "data");
    write(dir_ / "slapd.conf", config());
    write(dir_ / "directory.ldif", directory());
    log_ = dir_ / "slapd.log";
    try {
      const pid_t add =
          spawn({slapadd, "-f", (dir_ / "slapd.conf").string(), "-l", (dir_ / "directory.ldif").string()});
      int status = 0;
      ::waitpid(add, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("slapadd failed:\n" + log());
      port_ = free_local_port();
      // -d keeps slapd in the foreground, so this pid is the server itself and can be stopped.
      pid_ = spawn({slapd, "-d", "0", "-h", url() + "/", "-f", (dir_ / "slapd.conf").string()});
      wait_until_ready();
    } catch (...) {
      stop();
      throw;
    }
  }

  ~SlapdFixture() { stop(); }

  SlapdFixture(const SlapdFixture&) = delete;
  SlapdFixture& operator=(const SlapdFixture&) = delete;

  std::string url() const { return "ldap://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }

 private:
  std::string config() const {
    const std::string d = dir_.string();
    return "include /etc/ldap/schema/core.schema\n"
           "include /etc/ldap/schema/cosine.schema\n"
           "include /etc/ldap/schema/inetorgperson.schema\n"
           "include /etc/ldap/schema/nis.schema\n"
           "modulepath /usr/lib/ldap\n"
           "moduleload back_mdb\n"
           "moduleload memberof\n"
           "pidfile " +
           d +
           "/slapd.pid\n"
           "argsfile " +
           d +
           "/slapd.args\n"
           "database mdb\n"
           "maxsize 16777216\n"
           "suffix \"" +
           suffix +
           "\"\n"
           "rootdn \"" +
           root_dn +
           "\"\n"
           "rootpw " +
           root_password +
           "\n"
           "directory " +
           d +
           "/data\n"
           // As in production directories: passwords can be used to sign in, never read.
           "access to attrs=userPassword by anonymous auth by * none\n"
           "access to * by * read\n"
           "overlay memberof\n";
  }

  static std::string directory() {
    std::ostringstream ldif;
    ldif << "dn: dc=passerelle,dc=test\nobjectClass: dcObject\nobjectClass: organization\ndc: passerelle\n"
            "o: Passerelle test\n\n"
            "dn: ou=people,dc=passerelle,dc=test\nobjectClass: organizationalUnit\nou: people\n\n"
            "dn: ou=groups,dc=passerelle,dc=test\nobjectClass: organizationalUnit\nou: groups\n\n";
    auto person = [&](const std::string& uid, const std::string& name, const std::vector<std::string>& groups) {
      ldif << "dn: uid=" << uid << ",ou=people,dc=passerelle,dc=test\nobjectClass: inetOrgPerson\nuid: " << uid
           << "\ncn: " << name << "\nsn: " << name.substr(name.find(' ') + 1) << "\ndisplayName: " << name
           << "\nmail: " << uid << "@passerelle.test\nuserPassword: " << uid << "-password\n";
      for (const auto& g : groups) ldif << "memberOf: cn=" << g << ",ou=groups,dc=passerelle,dc=test\n";
      ldif << "\n";
    };
    person("alice", "Alice Martin", {"educateurs", "cuisine"});
    person("bob", "Bob Durand", {"direction"});
    person("carol", "Carol Petit", {"cuisine"});
    auto group = [&](const std::string& cn, const std::vector<std::string>& members) {
      ldif << "dn: cn=" << cn << ",ou=groups,dc=passerelle,dc=test\nobjectClass: groupOfNames\ncn: " << cn << "\n";
      for (const auto& m : members) ldif << "member: uid=" << m << ",ou=people,dc=passerelle,dc=test\n";
      ldif << "\n";
    };
    group("educateurs", {"alice"});
    group("direction", {"bob"});
    group("cuisine", {"alice", "carol"});
    return ldif.str();
  }

  static void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
  }

  // Output goes to the log so that a failure can show what slapd said.
  pid_t spawn(const std::vector<std::string>& args) const {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    return pid;
  }

  void wait_until_ready() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (accepts_connections(port_)) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("slapd stopped at start:\n" + log());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("slapd did not answer within 10 s:\n" + log());
  }

  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
      while (::waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
          ::kill(pid_, SIGKILL);
          ::waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      pid_ = -1;
    }
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  std::string log() const {
    std::ifstream in(log_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
  std::filesystem::path log_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace passerelle::test_support
