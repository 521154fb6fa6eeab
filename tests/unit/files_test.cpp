// What an uploaded file really is: tiny valid samples of every accepted kind, built here, and the files
// that lie about themselves or are built to hurt, each refused as a Problem naming "file".
#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/files/file_kind.hpp"
#include "core/problem.hpp"
#include "core/tabular/tabular.hpp"
#include "fixtures/tabular/zip_builder.hpp"

using namespace passerelle;
using namespace passerelle::files;
using namespace std::string_literals;
using passerelle::tabular::testing::zip_of;
using passerelle::tabular::testing::zip_with_zeros;
using passerelle::tabular::testing::ZipEntries;

namespace {

template <typename Call>
Problem problem_from(Call call) {
  try {
    call();
  } catch (const Problem& problem) {
    return problem;
  }
  ADD_FAILURE() << "a Problem was expected";
  return Problem(0, "", "", "");
}

// A refusal shaped like every validation error: 422, one error on the field "file".
void expect_file_refused(const Problem& problem, std::string_view words = {}) {
  EXPECT_EQ(problem.status(), 422);
  ASSERT_EQ(problem.errors().size(), 1u);
  EXPECT_EQ(problem.errors()[0].field, "file");
  if (!words.empty()) {
    EXPECT_NE(problem.detail().find(words), std::string::npos) << problem.detail();
  }
}

std::string bytes(std::initializer_list<unsigned char> list) { return std::string(list.begin(), list.end()); }

const std::string pdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

// A 1x1 transparent PNG.
const std::string png =
    bytes({0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
           0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
           0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF,
           0x9F, 0x6E, 0x8A, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82});

const std::string jpeg = bytes({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00,
                                0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9});

const std::string webp = std::string("RIFF\x1A\0\0\0WEBPVP8L\x0D\0\0\0", 20) +
                         bytes({0x2F, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00});

const std::string tiff = std::string("II*\0\x08\0\0\0\0\0", 10);

// A Windows program: DOS header whose e_lfanew points at a PE signature and COFF header.
std::string windows_program() {
  std::string exe(0x100, '\0');
  exe[0] = 'M';
  exe[1] = 'Z';
  exe[0x3C] = 0x40;
  exe.replace(0x40, 6, std::string("PE\0\0\x4C\x01", 6));
  return exe;
}

std::string content_types(std::string_view part, std::string_view type) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="xml" ContentType="application/xml"/><Override PartName="/)" +
         std::string(part) + R"(" ContentType=")" + std::string(type) + R"("/></Types>)";
}

std::string docx() {
  return zip_of({{"[Content_Types].xml",
                  content_types("word/document.xml",
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")},
                 {"_rels/.rels", "<Relationships/>"},
                 {"word/document.xml", "<w:document><w:body><w:p>Bonjour</w:p></w:body></w:document>"}});
}

std::string pptx() {
  return zip_of({{"[Content_Types].xml",
                  content_types("ppt/presentation.xml",
                                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")},
                 {"ppt/presentation.xml", "<p:presentation/>"}});
}

std::string opendocument(std::string_view type) {
  return zip_of({{"mimetype", "application/vnd.oasis.opendocument." + std::string(type)},
                 {"content.xml", "<office:document-content/>"}},
                0);
}

std::string xlsx() { return tabular::write_xlsx({{"Nom", "Prénom"}, {{"Dupont", "Jeanne"}}}, "Feuil1"); }

std::string deflated(std::string_view text) {
  uLongf size = compressBound(text.size());
  std::string out(size, '\0');
  compress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(text.data()), text.size());
  out.resize(size);
  return out;
}

// Sets the "encrypted" bit of every entry, in the local headers and in the central directory.
std::string with_encrypted_flag(std::string zip) {
  for (const std::string_view signature : {std::string_view("PK\x03\x04", 4), std::string_view("PK\x01\x02", 4)}) {
    const std::size_t flag_offset = signature[2] == '\x03' ? 6 : 8;
    for (auto at = zip.find(signature); at != std::string::npos; at = zip.find(signature, at + 4))
      zip[at + flag_offset] = static_cast<char>(zip[at + flag_offset] | 1);
  }
  return zip;
}

}  // namespace

TEST(FilesSniff, recognises_a_minimal_pdf) {
  const auto kind = sniff(pdf, "compte-rendu.pdf", "application/pdf");
  EXPECT_EQ(kind.media_type, "application/pdf");
  EXPECT_EQ(kind.extension, ".pdf");
  EXPECT_EQ(kind.label, "Document PDF");
  EXPECT_FALSE(kind.embeds_files);
}

TEST(FilesSniff, recognises_images_by_their_content) {
  EXPECT_EQ(sniff(png, "photo.png", "image/png").media_type, "image/png");
  EXPECT_EQ(sniff(jpeg, "photo.JPEG", "image/jpeg").media_type, "image/jpeg");
  EXPECT_EQ(sniff(webp, "photo.webp", "").media_type, "image/webp");
  EXPECT_EQ(sniff(tiff, "scan.tif", "image/tiff").extension, ".tif");
}

TEST(FilesSniff, recognises_office_documents_by_their_main_part) {
  EXPECT_EQ(sniff(docx(), "courrier.docx", "").extension, ".docx");
  EXPECT_EQ(sniff(pptx(), "projet.pptx", "").label, "Présentation PowerPoint");
  EXPECT_EQ(sniff(opendocument("text"), "courrier.odt", "").media_type, "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(sniff(opendocument("spreadsheet"), "budget.ods", "").extension, ".ods");
  EXPECT_EQ(sniff(opendocument("presentation"), "projet.odp", "").extension, ".odp");
}

TEST(FilesSniff, recognises_a_workbook_written_by_libxlsxwriter) {
  const auto kind = sniff(xlsx(), "export.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(kind.extension, ".xlsx");
  EXPECT_EQ(kind.label, "Classeur Excel");
}

TEST(FilesSniff, accepts_utf8_text_and_csv) {
  EXPECT_EQ(sniff("Compte rendu de l'entretien\r\nLa personne est arrivée à 9 h.\n", "note.txt", "text/plain").label,
            "Texte");
  EXPECT_EQ(sniff("Nom;Prénom\nDupont;Jeanne\n", "liste.csv", "application/vnd.ms-excel").extension, ".csv");
}

TEST(FilesSniff, takes_a_missing_extension_or_a_generic_media_type_as_no_claim) {
  EXPECT_EQ(sniff(pdf, "scan", "application/octet-stream").extension, ".pdf");
  EXPECT_EQ(sniff(docx(), "C:\\Documents\\courrier.docx", "application/zip").extension, ".docx");
}

TEST(FilesSniff, refuses_a_png_named_pdf) {
  expect_file_refused(problem_from([] { sniff(png, "facture.pdf", ""); }), "« .pdf »");
  expect_file_refused(problem_from([] { sniff(png, "photo.png", "application/pdf"); }), "Image PNG");
}

TEST(FilesSniff, refuses_a_program_named_pdf) {
  expect_file_refused(problem_from([] { sniff(windows_program(), "facture.pdf", "application/pdf"); }), "pas accepté");
  expect_file_refused(problem_from([] { sniff("MZ\x90\0\x03\0\0\0"s, "facture.pdf", ""); }));
  expect_file_refused(problem_from([] { sniff(pdf, "facture.pdf.exe", ""); }), ".exe");
}

TEST(FilesSniff, refuses_markup_and_text_that_is_not_clean_utf8) {
  expect_file_refused(problem_from([] { sniff("<!DOCTYPE html><html><body>x</body></html>\n", "note.txt", ""); }));
  expect_file_refused(problem_from([] { sniff("caf\xE9 cr\xE8me, texte en Windows-1252\n", "note.txt", ""); }),
                      "UTF-8");
  expect_file_refused(problem_from([] { sniff("ligne\x1B[31m rouge\n", "note.txt", ""); }));
  expect_file_refused(problem_from([] { sniff("", "vide.pdf", ""); }), "vide");
}

TEST(FilesSniff, refuses_legacy_office_files_suggesting_pdf) {
  const auto ole2 = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');
  expect_file_refused(problem_from([&] { sniff(ole2, "courrier.doc", "application/msword"); }), "PDF");
}

TEST(FilesSniff, refuses_a_file_over_the_size_limit_with_413) {
  const std::string large(25 * 1024 * 1024, 'a');
  const auto problem = problem_from([&] { sniff(large, "gros.txt", "text/plain"); });
  EXPECT_EQ(problem.status(), 413);
  ASSERT_EQ(problem.errors().size(), 1u);
  EXPECT_EQ(problem.errors()[0].field, "file");
  EXPECT_NE(problem.detail().find("20 Mo"), std::string::npos);
  EXPECT_EQ(problem_from([] { sniff(pdf, "petit.pdf", "", {.max_bytes = 100}); }).status(), 413);
}

TEST(FilesSniff, refuses_a_zip_bomb_named_docx_without_inflating_it) {
  const auto bomb =
      zip_with_zeros({{"[Content_Types].xml", content_types("word/document.xml",
                                                            "application/vnd.openxmlformats-"
                                                            "officedocument.wordprocessingml.document.main+xml")}},
                     "word/document.xml", 200u << 20);
  ASSERT_LT(bomb.size(), 1u << 20);
  expect_file_refused(problem_from([&] { sniff(bomb, "courrier.docx", ""); }), "anormalement");
}

TEST(FilesSniff, refuses_an_entry_compressed_beyond_any_document) {
  // 10 MiB of zeros: under the total limit, but a thousand times smaller once compressed.
  const auto bomb = zip_with_zeros({}, "word/media/image1.png", 10u << 20);
  expect_file_refused(problem_from([&] { sniff(bomb, "courrier.docx", ""); }), "anormalement");
}

TEST(FilesSniff, refuses_a_zip_bomb_that_lies_about_its_sizes) {
  const ZipEntries parts = {{"[Content_Types].xml", content_types("word/document.xml",
                                                                  "application/vnd.openxmlformats-officedocument."
                                                                  "wordprocessingml.document.main+xml")},
                            {"word/document.xml", "<w:document/>"}};
  const auto bomb = zip_with_zeros(parts, "word/media/image1.png", 100u << 20, 1000);
  expect_file_refused(problem_from([&] { sniff(bomb, "courrier.docx", ""); }));
}

TEST(FilesSniff, refuses_archives_with_too_many_entries_escaping_paths_or_encryption) {
  const auto document = docx();
  expect_file_refused(problem_from([&] { sniff(document, "courrier.docx", "", {.max_zip_entries = 2}); }),
                      "trop de fichiers");
  const auto escaping = zip_of({{"[Content_Types].xml", "<Types/>"}, {"../../etc/cron.d/evil", "* * * * * root sh"}});
  expect_file_refused(problem_from([&] { sniff(escaping, "courrier.docx", ""); }), "chemins");
  const auto absolute = zip_of({{"/etc/passwd", "root"}});
  expect_file_refused(problem_from([&] { sniff(absolute, "courrier.docx", ""); }), "chemins");
  expect_file_refused(problem_from([&] { sniff(with_encrypted_flag(document), "courrier.docx", ""); }), "mot de passe");
}

TEST(FilesSniff, refuses_macros_and_archives_that_are_no_document) {
  const auto docm =
      zip_of({{"[Content_Types].xml",
               content_types("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")},
              {"word/document.xml", "<w:document/>"},
              {"word/vbaProject.bin", "macro"}});
  expect_file_refused(problem_from([&] { sniff(docm, "courrier.docx", ""); }), "macros");
  const auto plain_zip = zip_of({{"photo.jpg", jpeg}, {"lisez-moi.txt", "bonjour"}});
  expect_file_refused(problem_from([&] { sniff(plain_zip, "archive.docx", ""); }), "pas accepté");
  const auto main_part_missing = zip_of({{"[Content_Types].xml", content_types("word/document.xml",
                                                                               "application/vnd.openxmlformats-"
                                                                               "officedocument.wordprocessingml."
                                                                               "document.main+xml")}});
  expect_file_refused(problem_from([&] { sniff(main_part_missing, "courrier.docx", ""); }));
}

TEST(FilesSniff, refuses_an_office_document_named_as_another) {
  expect_file_refused(problem_from([] { sniff(xlsx(), "courrier.docx", ""); }), "Classeur Excel");
  expect_file_refused(problem_from([] { sniff(opendocument("text"), "budget.ods", ""); }), "Texte OpenDocument");
}

TEST(FilesSniff, refuses_a_truncated_pdf) {
  expect_file_refused(problem_from([] { sniff(pdf.substr(0, pdf.size() / 2), "compte-rendu.pdf", ""); }), "PDF");
}

TEST(FilesSniff, refuses_pdfs_with_javascript_or_launch_actions_even_escaped) {
  const auto with = [](const std::string& objects) {
    return "%PDF-1.7\n" + objects + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  };
  const auto script = with("1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj");
  expect_file_refused(problem_from([&] { sniff(script, "a.pdf", ""); }), "JavaScript");
  const auto escaped = with("1 0 obj << /OpenAction << /S /J#61va#53cript /JS (app.alert(1)) >> >> endobj");
  expect_file_refused(problem_from([&] { sniff(escaped, "a.pdf", ""); }), "JavaScript");
  const auto launch = with("1 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj");
  expect_file_refused(problem_from([&] { sniff(launch, "a.pdf", ""); }));
}

TEST(FilesSniff, finds_scripts_hidden_in_compressed_object_streams) {
  const auto packed = deflated("2 0 << /S /JavaScript /JS (app.alert(1)) >>");
  const auto pdf_with_object_stream = "%PDF-1.7\n1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " +
                                      std::to_string(packed.size()) + " >>\nstream\n" + packed +
                                      "\nendstream\nendobj\ntrailer << /Root 3 0 R >>\n%%EOF\n";
  expect_file_refused(problem_from([&] { sniff(pdf_with_object_stream, "a.pdf", ""); }), "JavaScript");

  const auto unreadable =
      "%PDF-1.7\n1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /LZWDecode >>\nstream\n"
      "\x80\x0B\x60\x50\x22\x0C\x0C\x85\x01\nendstream\nendobj\n%%EOF\n"s;
  expect_file_refused(problem_from([&] { sniff(unreadable, "a.pdf", ""); }), "vérifié");
}

TEST(FilesSniff, flags_pdfs_that_embed_files) {
  const auto attached = "%PDF-1.7\n1 0 obj << /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >> endobj\n%%EOF\n"s;
  EXPECT_TRUE(sniff(attached, "dossier.pdf", "").embeds_files);
}

TEST(FilesSniff, reads_each_object_stream_once_however_often_it_is_named) {
  const auto packed = deflated("2 0 << /Type /Font >>");
  std::string names;
  for (int i = 0; i < 200000; ++i) names += "/ObjStm ";
  const auto hostile =
      "%PDF-1.7\n1 0 obj << " + names + "/Filter /FlateDecode >>\nstream\n" + packed + "\nendstream\nendobj\n%%EOF\n";
  EXPECT_EQ(sniff(hostile, "a.pdf", "").media_type, "application/pdf");
}

TEST(FilesSniff, refuses_opendocument_macros_but_not_empty_basic_libraries) {
  const auto with = [](const std::string& name) {
    return zip_of({{"mimetype", "application/vnd.oasis.opendocument.text"},
                   {"content.xml", "<office:document-content/>"},
                   {"Basic/script-lc.xml", "<library:libraries/>"},
                   {name, "<script:module/>"}},
                  0);
  };
  EXPECT_EQ(sniff(with("Basic/Standard/script-lb.xml"), "courrier.odt", "").extension, ".odt");
  expect_file_refused(problem_from([&] { sniff(with("Basic/Standard/Module1.xml"), "courrier.odt", ""); }), "macros");
}

TEST(FilesSniff, sniffs_from_several_threads_at_once) {
  const auto document = docx();
  std::atomic<int> right{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        right += sniff(pdf, "a.pdf", "").extension == ".pdf";
        right += sniff(png, "a.png", "").extension == ".png";
        right += sniff(document, "a.docx", "").extension == ".docx";
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(right.load(), 8 * 20 * 3);
}
