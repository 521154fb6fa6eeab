#include "core/files/magic_pool.hpp"

#include <magic.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "core/text.hpp"

namespace passerelle::files::detail {
namespace {

// The parsers of compressed files, tar, ELF, CDF (OLE2) and JSON are skipped: we accept none of those
// formats, and each parser is attack surface. OLE2 is recognised by our own signature check.
constexpr int flags = MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR |
                      MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_CDF | MAGIC_NO_CHECK_JSON;

struct CloseMagic {
  void operator()(magic_t handle) const { magic_close(handle); }
};
using Handle = std::unique_ptr<std::remove_pointer_t<magic_t>, CloseMagic>;

Handle open_handle() {
  Handle handle(magic_open(flags));
  if (!handle) throw std::runtime_error("libmagic could not be initialised");
  if (magic_load(handle.get(), nullptr) != 0)
    throw std::runtime_error(std::string("libmagic could not load its database: ") + magic_error(handle.get()));
  return handle;
}

class Pool {
 public:
  Handle borrow() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        Handle handle = std::move(idle_.back());
        idle_.pop_back();
        return handle;
      }
    }
    return open_handle();
  }

  void give_back(Handle handle) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle) idle_.push_back(std::move(handle));
  }

 private:
  static constexpr std::size_t max_idle = 16;
  std::mutex mutex_;
  std::vector<Handle> idle_;
};

Pool& pool() {
  static Pool instance;
  return instance;
}

}  // namespace

std::string magic_media_type(std::string_view bytes) {
  Handle handle = pool().borrow();
  const char* answer = magic_buffer(handle.get(), bytes.data(), bytes.size());
  if (!answer) {
    // MAGIC_ERROR turns libmagic's doubts into errors; for us a doubt is simply "no idea".
    pool().give_back(std::move(handle));
    return "application/octet-stream";
  }
  std::string media_type = to_lower_ascii(answer);
  pool().give_back(std::move(handle));
  if (const auto semicolon = media_type.find(';'); semicolon != std::string::npos) media_type.resize(semicolon);
  return media_type;
}

}  // namespace passerelle::files::detail
