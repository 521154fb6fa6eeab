// Documents of a person's record: the rights table by type, the retention rules, what an upload's query
// string must say, and the names given to downloads.
#include <gtest/gtest.h>

#include <algorithm>

#include "auth/policy.hpp"
#include "auth/roles.hpp"
#include "core/problem.hpp"
#include "modules/persons/documents.hpp"

using namespace passerelle;
using namespace passerelle::modules::persons;

namespace {

using Fields = std::vector<std::string>;

Request upload(std::initializer_list<std::pair<const char*, const char*>> query) {
  Request r;
  r.method = "POST";
  for (const auto& [k, v] : query) r.query.emplace(k, v);
  return r;
}

template <typename F>
Fields fields_refused(F&& f) {
  try {
    f();
  } catch (const Problem& p) {
    Fields fields;
    for (const auto& e : p.errors()) fields.push_back(e.field);
    std::sort(fields.begin(), fields.end());
    return fields;
  }
  return {};
}

Caller caller_with(const std::string& role) {
  Caller c;
  c.kind = Caller::Kind::account;
  c.account_id = 1;
  c.organisation_id = 1;
  c.grants = {{role, 1, std::nullopt}};
  return c;
}

bool may(const std::string& role, const char* type, Action action) {
  return auth::may(caller_with(role), document_permission(*find_document_type(type), action));
}

}  // namespace

TEST(PersonDocuments, medical_documents_are_read_and_written_by_care_roles_only) {
  EXPECT_TRUE(may("care_professional", "medical", Action::read));
  EXPECT_TRUE(may("care_professional", "medical", Action::write));
  for (const auto* role : {"educator", "secretary", "director", "head_of_service", "data_protection_officer"}) {
    EXPECT_FALSE(may(role, "medical", Action::read)) << role;
    EXPECT_FALSE(may(role, "medical", Action::write)) << role;
  }
}

TEST(PersonDocuments, administrative_documents_are_written_by_the_office_and_read_by_the_team) {
  for (const auto* type : {"identity", "decision", "administrative", "correspondence", "other"}) {
    for (const auto* role : {"secretary", "director", "head_of_service"})
      EXPECT_TRUE(may(role, type, Action::write)) << role;
    for (const auto* role : {"educator", "care_professional", "data_protection_officer"}) {
      EXPECT_TRUE(may(role, type, Action::read)) << role;
      EXPECT_FALSE(may(role, type, Action::write)) << role;
    }
  }
}

TEST(PersonDocuments, plans_belong_to_the_educational_team_and_are_hidden_from_the_office) {
  EXPECT_TRUE(may("educator", "plan", Action::write));
  EXPECT_TRUE(may("care_professional", "plan", Action::read));
  EXPECT_FALSE(may("care_professional", "plan", Action::write));
  EXPECT_FALSE(may("secretary", "plan", Action::read));
  EXPECT_FALSE(may("secretary", "social", Action::read));
  for (const auto* role : {"quality_manager", "organisation_admin", "external_reader"})
    for (const auto& t : document_types()) EXPECT_FALSE(may(role, t.code.data(), Action::read)) << role;
}

TEST(PersonDocuments, every_type_has_a_known_default_retention) {
  for (const auto& t : document_types()) EXPECT_NE(find_retention(t.default_retention), nullptr) << t.code;
  EXPECT_EQ(find_document_type("medical")->default_retention, "health");
}

TEST(PersonDocuments, reads_an_upload_with_defaults) {
  const auto m = read_upload_metadata(
      upload({{"type", "medical"}, {"title", "  Ordonnance  "}, {"filename", "C:\\scans\\ordo.pdf"}}));
  EXPECT_EQ(m.type->code, "medical");
  EXPECT_EQ(m.title, "Ordonnance");
  EXPECT_EQ(m.filename, "ordo.pdf");
  EXPECT_EQ(m.retention, "health");
  EXPECT_FALSE(m.establishment_id);
}

TEST(PersonDocuments, refuses_a_bad_upload_naming_every_field) {
  EXPECT_EQ(fields_refused([] { read_upload_metadata(upload({})); }), (Fields{"filename", "title", "type"}));
  EXPECT_EQ(fields_refused([] {
              read_upload_metadata(upload({{"type", "secret"},
                                           {"title", "a\x01"},
                                           {"filename", "../.."},
                                           {"retention", "forever"},
                                           {"establishment_id", "x"},
                                           {"colour", "red"}}));
            }),
            (Fields{"colour", "establishment_id", "filename", "retention", "title", "type"}));
  EXPECT_EQ(fields_refused([] {
              read_upload_metadata(
                  upload({{"type", "identity"}, {"title", std::string(201, 'a').c_str()}, {"filename", "a.pdf"}}));
            }),
            (Fields{"title"}));
}

TEST(PersonDocuments, an_intermediate_archive_needs_a_written_reason_and_medical_files_keep_the_health_period) {
  EXPECT_EQ(fields_refused([] {
              read_upload_metadata(upload(
                  {{"type", "identity"}, {"title", "CNI"}, {"filename", "a.pdf"}, {"retention", "legal_archive"}}));
            }),
            (Fields{"retention_reason"}));
  const auto kept = read_upload_metadata(upload({{"type", "identity"},
                                                 {"title", "CNI"},
                                                 {"filename", "a.pdf"},
                                                 {"retention", "legal_archive"},
                                                 {"retention_reason", "Contentieux en cours"}}));
  EXPECT_EQ(kept.retention_reason, "Contentieux en cours");
  EXPECT_EQ(fields_refused([] {
              read_upload_metadata(
                  upload({{"type", "identity"}, {"title", "CNI"}, {"filename", "a.pdf"}, {"retention_reason", "x"}}));
            }),
            (Fields{"retention_reason"}));
  EXPECT_EQ(fields_refused([] {
              read_upload_metadata(
                  upload({{"type", "medical"}, {"title", "CR"}, {"filename", "a.pdf"}, {"retention", "record"}}));
            }),
            (Fields{"retention"}));
}

TEST(PersonDocuments, download_names_carry_no_path_quote_or_direction_override) {
  EXPECT_EQ(safe_filename("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_filename("a\"b\r\nc.pdf"), "a_b__c.pdf");
  EXPECT_EQ(safe_filename("rapport\u202Efdp.exe"), "rapport_fdp.exe");
  EXPECT_EQ(safe_filename(".."), "");
  EXPECT_LE(safe_filename(std::string(400, 'e') + ".pdf").size(), 255u);
  EXPECT_EQ(download_name("scan", ".pdf"), "scan.pdf");
  EXPECT_EQ(download_name("photo.JPEG", ".jpg"), "photo.JPEG");
  EXPECT_EQ(download_name("", ".png"), "document.png");
}

TEST(PersonDocuments, content_disposition_has_an_ascii_fallback_and_the_utf8_name) {
  EXPECT_EQ(content_disposition("attachment", "Décision été.pdf"),
            "attachment; filename=\"D_cision _t_.pdf\"; filename*=UTF-8''D%C3%A9cision%20%C3%A9t%C3%A9.pdf");
}
