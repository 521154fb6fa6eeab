#include "audit/trail.hpp"

#include <sodium.h>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "store/multi_row.hpp"

namespace passerelle::audit {
namespace {

constexpr std::int64_t append_lock_key = 7427002;
const std::string genesis_hash(64, '0');

boost::json::value optional_json(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

std::string fields_text(const std::vector<std::string>& fields) {
  boost::json::array a;
  for (const auto& f : fields) a.emplace_back(f);
  return boost::json::serialize(a);
}

// The exact bytes that are hashed: every stored column but the hashes, in a fixed order.
std::string canonical(std::int64_t id, const std::string& at, const Event& e) {
  boost::json::array a{id,
                       at,
                       optional_json(e.account_id),
                       e.account_label,
                       e.role,
                       optional_json(e.organisation_id),
                       optional_json(e.establishment_id),
                       e.action,
                       e.outcome,
                       e.object_type,
                       e.object_id,
                       optional_json(e.person_id),
                       fields_text(e.fields),
                       e.client_address,
                       e.request_id};
  return boost::json::serialize(a);
}

std::string chain_hash(const std::string& previous, const std::string& canonical_event) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(previous.data()), previous.size());
  const unsigned char separator = '\n';
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(canonical_event.data()),
                            canonical_event.size());
  unsigned char digest[32];
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::vector<std::string> parse_fields(const std::optional<std::string>& text) {
  std::vector<std::string> out;
  if (!text || text->empty()) return out;
  boost::system::error_code ec;
  auto v = boost::json::parse(*text, ec);
  if (ec || !v.is_array()) return {"<illisible>"};
  for (const auto& f : v.as_array())
    if (f.is_string()) out.emplace_back(f.as_string());
  return out;
}

Event event_from(const store::Row& r) {
  Event e;
  e.account_id = r.optional_integer("account_id");
  e.account_label = r.text("account_label");
  e.role = r.optional_text("role").value_or("");
  e.organisation_id = r.optional_integer("organisation_id");
  e.establishment_id = r.optional_integer("establishment_id");
  e.action = r.text("action");
  e.outcome = r.text("outcome");
  e.object_type = r.optional_text("object_type").value_or("");
  e.object_id = r.optional_text("object_id").value_or("");
  e.person_id = r.optional_integer("person_id");
  e.fields = parse_fields(r.optional_text("fields"));
  e.client_address = r.optional_text("client_address").value_or("");
  e.request_id = r.optional_text("request_id").value_or("");
  return e;
}

constexpr const char* event_columns =
    "id, at, account_id, account_label, role, organisation_id, establishment_id, action, outcome, object_type, "
    "object_id, person_id, fields, client_address, request_id, previous_hash, hash";

}  // namespace

Event event_for(const Request& request, std::string action, std::string object_type, std::string object_id,
                std::string outcome) {
  Event e;
  const Caller& c = request.caller;
  e.account_id = c.account_id;
  e.account_label = c.label.empty() ? "anonymous" : c.label;
  if (!c.grants.empty()) e.role = c.grants.front().role;
  if (c.kind == Caller::Kind::api_token) e.role = "api_token";
  e.organisation_id = c.organisation_id;
  e.action = std::move(action);
  e.outcome = std::move(outcome);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.client_address = request.remote_address;
  e.request_id = request.request_id;
  return e;
}

namespace {

// Chains `events` after the trail's head, in order: the head read once and written once (updating
// the one head row per event would, on PostgreSQL, leave a version per event for the next update to
// step over inside the same transaction: quadratic for a transaction of many events, an import).
void append_events(store::Connection& c, const std::vector<Event>& events) {
  if (events.empty()) return;
  // Appends are serialised so the chain stays a chain: SQLite write transactions already are
  // (BEGIN IMMEDIATE); on PostgreSQL an advisory lock held until commit does it.
  if (c.backend() == store::Backend::postgresql)
    c.execute("SELECT pg_advisory_xact_lock(:key)", {{"key", append_lock_key}});
  auto head = c.query_one("SELECT last_id, last_hash, event_count FROM audit_head WHERE singleton = 1");
  std::int64_t id = head ? head->integer("last_id") : 0;
  std::string previous = head ? head->text("last_hash") : genesis_hash;
  // Written 50 to a statement (a transaction of an import holds tens of thousands of events), fewer on
  // SQLite (see store::rows_per_statement).
  const auto per_statement = store::rows_per_statement(c.backend(), 17, 50);
  store::MultiRow rows(
      "INSERT INTO audit_event (id, at, account_id, account_label, role, organisation_id, establishment_id, action, "
      "outcome, object_type, object_id, person_id, fields, client_address, request_id, previous_hash, hash) VALUES ");
  for (const auto& e : events) {
    ++id;
    const std::string at = now_iso8601();
    const std::string hash = chain_hash(previous, canonical(id, at, e));
    rows.add("(:id, :at, :account, :label, :role, :org, :est, :action, :outcome, :otype, :oid, :person, :fields, :addr, "
             ":rid, :prev, :hash)",
             {{"id", id},
              {"at", at},
              {"account", store::nullable(e.account_id)},
              {"label", e.account_label},
              {"role", e.role},
              {"org", store::nullable(e.organisation_id)},
              {"est", store::nullable(e.establishment_id)},
              {"action", e.action},
              {"outcome", e.outcome},
              {"otype", e.object_type},
              {"oid", e.object_id},
              {"person", store::nullable(e.person_id)},
              {"fields", fields_text(e.fields)},
              {"addr", e.client_address},
              {"rid", e.request_id},
              {"prev", previous},
              {"hash", hash}});
    previous = hash;
    if (rows.size() == per_statement) rows.flush(c);
  }
  rows.flush(c);
  const auto count = static_cast<std::int64_t>(events.size());
  if (head) {
    c.execute("UPDATE audit_head SET last_id = :id, last_hash = :hash, event_count = event_count + :n WHERE singleton = 1",
              {{"id", id}, {"hash", previous}, {"n", count}});
  } else {
    c.execute("INSERT INTO audit_head (singleton, last_id, last_hash, event_count) VALUES (1, :id, :hash, :n)",
              {{"id", id}, {"hash", previous}, {"n", count}});
  }
}

// The events of the open transaction waiting to be chained at its commit (PostgreSQL).
struct PendingEvents : store::TransactionLocal {
  std::vector<Event> events;
  std::size_t mark() const override { return events.size(); }
  void rewind(std::size_t mark) override {
    if (mark < events.size()) events.erase(events.begin() + static_cast<std::ptrdiff_t>(mark), events.end());
  }
};
constexpr char pending_key = 0;

}  // namespace

void append(store::Connection& c, Event e) {
  // On PostgreSQL, inside a transaction, the event is chained at commit (after the derived rows are
  // written): the trail's lock, which every writer of the platform takes, is then held from there to
  // COMMIT only. Same transaction, so the event and the change it records commit or roll back together.
  if (c.backend() == store::Backend::postgresql && c.in_transaction()) {
    auto& pending = c.transaction_local<PendingEvents>(&pending_key);
    if (pending.events.empty())  // the first of the transaction: chains them all at commit
      c.before_commit([](store::Connection& connection) {
        auto& all = connection.transaction_local<PendingEvents>(&pending_key);
        auto events = std::move(all.events);
        all.events.clear();
        append_events(connection, events);
      });
    pending.events.push_back(std::move(e));
    return;
  }
  append_events(c, {std::move(e)});
}

void append_alone(store::Database& database, Event event) {
  // Group commit: the events of requests answered at the same moment share one transaction (one disk
  // flush); each caller still returns only once its event is committed.
  database.in_group_transaction([&](store::Connection& c) { append(c, event); });
}

Verification verify(store::Database& database) {
  Verification result;
  auto lease = database.acquire();
  store::Transaction tx(*lease, store::Transaction::Mode::read);
  auto anchor = lease->query_one("SELECT first_id, previous_hash FROM audit_anchor WHERE singleton = 1");
  std::int64_t expected_id = anchor ? anchor->integer("first_id") : 1;
  std::string previous = anchor ? anchor->text("previous_hash") : genesis_hash;
  auto fail = [&](std::int64_t id, std::string reason) {
    result.intact = false;
    result.first_broken_id = id;
    result.reason = std::move(reason);
    return result;
  };
  for (;;) {
    auto rows = lease->query(std::string("SELECT ") + event_columns +
                                 " FROM audit_event WHERE id >= :from ORDER BY id LIMIT 5000",
                             {{"from", expected_id}});
    if (rows.empty()) break;
    for (const auto& r : rows) {
      const auto id = r.integer("id");
      if (id != expected_id)
        return fail(expected_id, "événement " + std::to_string(expected_id) + " manquant (supprimé ?)");
      if (r.text("previous_hash") != previous)
        return fail(id, "le lien vers l'événement précédent est rompu (suppression ou réordonnancement)");
      const auto computed = chain_hash(previous, canonical(id, r.text("at"), event_from(r)));
      if (computed != r.text("hash")) return fail(id, "le contenu de l'événement a été modifié");
      previous = computed;
      ++expected_id;
      ++result.events_checked;
    }
  }
  auto head = lease->query_one("SELECT last_id, last_hash FROM audit_head WHERE singleton = 1");
  const std::int64_t last_id = expected_id - 1;
  if (head && (head->integer("last_id") != last_id || head->text("last_hash") != previous))
    return fail(last_id + 1, "les derniers événements ont été supprimés (la tête de chaîne ne correspond plus)");
  if (!head && result.events_checked > 0) return fail(last_id, "la tête de chaîne a disparu");
  tx.commit();
  return result;
}

std::vector<StoredEvent> search(store::Connection& c, const SearchCriteria& q) {
  std::string sql = std::string("SELECT ") + event_columns + " FROM audit_event WHERE id > :after";
  store::Params params{{"after", q.after_id}};
  if (q.organisation_id) {
    sql += " AND organisation_id = :org";
    params.push_back({"org", *q.organisation_id});
  }
  if (q.account_id) {
    sql += " AND account_id = :account";
    params.push_back({"account", *q.account_id});
  }
  if (q.person_id) {
    sql += " AND person_id = :person";
    params.push_back({"person", *q.person_id});
  }
  if (q.action) {
    sql += " AND action = :action";
    params.push_back({"action", *q.action});
  }
  if (q.from) {
    sql += " AND at >= :from";
    params.push_back({"from", *q.from});
  }
  if (q.to) {
    sql += " AND at < :to";
    params.push_back({"to", *q.to});
  }
  sql += " ORDER BY id LIMIT :limit";
  params.push_back({"limit", q.limit});
  std::vector<StoredEvent> out;
  for (const auto& r : c.query(sql, params)) out.push_back({r.integer("id"), r.text("at"), event_from(r), r.text("hash")});
  return out;
}

std::int64_t purge_before(store::Database& database, const std::string& before) {
  return database.in_transaction([&](store::Connection& c) -> std::int64_t {
    if (c.backend() == store::Backend::postgresql)
      c.execute("SELECT pg_advisory_xact_lock(:key)", {{"key", append_lock_key}});
    auto last = c.query_one("SELECT id, hash FROM audit_event WHERE at < :before ORDER BY id DESC LIMIT 1",
                            {{"before", before}});
    if (!last) return 0;
    const auto last_id = last->integer("id");
    const auto deleted = c.execute("DELETE FROM audit_event WHERE id <= :id", {{"id", last_id}});
    c.execute("DELETE FROM audit_anchor WHERE singleton = 1");
    c.execute("INSERT INTO audit_anchor (singleton, first_id, previous_hash, purged_at) VALUES (1, :id, :hash, :at)",
              {{"id", last_id + 1}, {"hash", last->text("hash")}, {"at", now_iso8601()}});
    return deleted;
  });
}

}  // namespace passerelle::audit
