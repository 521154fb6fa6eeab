#pragma once
// SQLite keeps 2 MB of pages per connection: a transaction that writes hundreds of megabytes through
// several indexes (a rebuild of the aggregates, a large import) spills and reads its pages again and
// again, and spends most of its time there. For the life of this object the connection keeps up to
// 256 MiB; PostgreSQL has its shared buffers and is left alone.
#include "store/database.hpp"

namespace passerelle::store {

class LargerPageCache {
 public:
  explicit LargerPageCache(Connection& connection) : c_(connection) {
    if (c_.backend() == Backend::sqlite) c_.query("PRAGMA cache_size = -262144");  // KiB
  }
  ~LargerPageCache() {
    try {
      if (c_.backend() == Backend::sqlite) c_.query("PRAGMA cache_size = -2000");
    } catch (...) {
    }
  }
  LargerPageCache(const LargerPageCache&) = delete;
  LargerPageCache& operator=(const LargerPageCache&) = delete;

 private:
  Connection& c_;
};

}  // namespace passerelle::store
