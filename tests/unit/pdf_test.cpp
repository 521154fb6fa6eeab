// The PDF's text cannot be read back here (no PDF reader is installed), so pagination is checked on the
// layout the renderer reports, and the PDF itself on its structure (header, trailer, page objects).
// GCC 12 at -O2 reports a false "may be used uninitialized" inside std::vector's move when a
// std::variant block is pushed into the document (a known GCC issue with variants of vectors).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "core/pdf/renderer.hpp"
#include "core/problem.hpp"

using namespace passerelle::pdf;

namespace {

std::size_t page_objects_in(const std::string& pdf) {
  static const std::regex page(R"(/Type\s*/Page\b)");
  return std::size_t(std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

std::size_t declared_page_count(const std::string& pdf) {
  static const std::regex pages(R"(/Type\s*/Pages\s*/Kids\s*\[[^\]]*\]\s*/Count\s+(\d+))");
  std::smatch match;
  return std::regex_search(pdf, match, pages) ? std::stoul(match[1]) : 0;
}

std::vector<std::string> all_lines(const Layout& layout) {
  std::vector<std::string> lines;
  for (const auto& page : layout.pages) lines.insert(lines.end(), page.lines.begin(), page.lines.end());
  return lines;
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// The page where a line starting with `prefix` is, or -1.
int page_of(const Layout& layout, const std::string& prefix) {
  for (std::size_t p = 0; p < layout.pages.size(); ++p)
    for (const auto& line : layout.pages[p].lines)
      if (line.rfind(prefix, 0) == 0) return int(p);
  return -1;
}

std::string sentence(int n) {
  return "Phrase " + std::to_string(n) + " : l'établissement s'engage à respecter « la dignité » de chacun. ";
}

Document with_paragraphs(int count, int sentences_each = 1) {
  Document document;
  for (int i = 0; i < count; ++i) {
    std::string text;
    for (int s = 0; s < sentences_each; ++s) text += sentence(i * sentences_each + s);
    document.blocks.push_back(Paragraph::plain(text));
  }
  return document;
}

}  // namespace

TEST(Pdf, writes_a_complete_pdf_file_in_memory) {
  Document document;
  document.metadata = {"Contrat de sejour", "EHPAD Les Tilleuls", "DIPC",
                       std::chrono::sys_days{std::chrono::year{2026} / 3 / 3}};
  document.blocks.push_back(Paragraph::plain("Bonjour."));
  const auto pdf = render_pdf(document).bytes;
  ASSERT_GT(pdf.size(), 100u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("%%EOF", pdf.size() - 8), std::string::npos);
  EXPECT_NE(pdf.find("/Title (Contrat de sejour)"), std::string::npos);
  EXPECT_NE(pdf.find("/Author (EHPAD Les Tilleuls)"), std::string::npos);
  EXPECT_NE(pdf.find("20260303000000"), std::string::npos);
  EXPECT_NE(pdf.find("/FontName /"), std::string::npos);  // the font is embedded
}

TEST(Pdf, an_empty_document_is_one_page) {
  const auto rendered = render_pdf(Document{});
  ASSERT_EQ(rendered.layout.pages.size(), 1u);
  EXPECT_TRUE(rendered.layout.pages[0].lines.empty());
  EXPECT_EQ(rendered.layout.pages[0].page_label, "Page 1 sur 1");
  EXPECT_EQ(page_objects_in(rendered.bytes), 1u);
  EXPECT_EQ(declared_page_count(rendered.bytes), 1u);
}

TEST(Pdf, pages_grow_with_content_and_the_pdf_has_as_many_as_the_layout) {
  std::size_t previous = 0;
  for (int count : {1, 60, 200}) {
    const auto rendered = render_pdf(with_paragraphs(count));
    const auto pages = rendered.layout.pages.size();
    EXPECT_GE(pages, previous) << count;
    EXPECT_EQ(page_objects_in(rendered.bytes), pages);
    EXPECT_EQ(declared_page_count(rendered.bytes), pages);
    previous = pages;
  }
  EXPECT_GT(previous, 3u);
}

TEST(Pdf, lays_out_french_text_with_its_accents_and_guillemets) {
  Document document;
  document.blocks.push_back(Heading{1, "Contrat de séjour « hébergement permanent »"});
  document.blocks.push_back(Paragraph::plain("Où êtes-vous né ? À Noël, l'œuvre de Françoise Dupré-Lefèvre."));
  const auto lines = lay_out(document).pages.at(0).lines;
  EXPECT_TRUE(contains(lines, "Contrat de séjour « hébergement permanent »"));
  EXPECT_TRUE(contains(lines, "Où êtes-vous né ? À Noël, l'œuvre de Françoise Dupré-Lefèvre."));
}

TEST(Pdf, shows_user_text_literally_even_when_it_looks_like_markup) {
  const std::string hostile = "<b>x</b> &amp; <span color='red'> & <i";
  Document document;
  document.header = hostile;
  document.blocks.push_back(Heading{2, hostile});
  document.blocks.push_back(Paragraph{}.text(hostile).bold(" <u>"));
  document.blocks.push_back(KeyValueTable{{{"<b>", hostile}}});
  document.blocks.push_back(Table{{{"<i>", 1}}, {{"&lt;"}}});
  const auto rendered = render_pdf(document);
  const auto lines = all_lines(rendered.layout);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), hostile), 1);  // the heading
  EXPECT_TRUE(contains(lines, hostile + " <u>"));
  EXPECT_TRUE(contains(lines, "<b> " + hostile));
  EXPECT_TRUE(contains(lines, "<i>"));
  EXPECT_TRUE(contains(lines, "&lt;"));
  EXPECT_EQ(rendered.layout.pages[0].header, hostile);
}

TEST(Pdf, joins_bold_runs_into_the_same_line) {
  Document document;
  document.blocks.push_back(Paragraph{}.text("Nom : ").bold("DUPONT").text(", prénom : ").bold("Élise"));
  EXPECT_EQ(lay_out(document).pages[0].lines, (std::vector<std::string>{"Nom : DUPONT, prénom : Élise"}));
}

TEST(Pdf, keeps_bullets_beside_their_items) {
  Document document;
  document.blocks.push_back(BulletList{{Paragraph::plain("Premier point"), Paragraph::plain("Second point")}});
  EXPECT_EQ(lay_out(document).pages[0].lines, (std::vector<std::string>{"• Premier point", "• Second point"}));
}

TEST(Pdf, wraps_a_word_longer_than_the_line_without_adding_hyphens) {
  const std::string word(1200, 'x');
  Document document;
  document.blocks.push_back(Paragraph::plain(word));
  document.blocks.push_back(Table{{{"Colonne", 1}, {"Étroite", 0.05}}, {{word, word}}});
  const auto layout = lay_out(document);
  std::string joined;
  std::size_t paragraph_lines = 0;
  for (const auto& line : layout.pages[0].lines) {
    if (joined.size() == word.size()) break;
    joined += line;
    ++paragraph_lines;
  }
  EXPECT_EQ(joined, word);
  EXPECT_GT(paragraph_lines, 10u);
  EXPECT_GE(layout.pages.size(), 2u);  // the narrow column makes a row taller than a page, cut between lines
}

TEST(Pdf, splits_a_long_paragraph_across_pages_by_lines) {
  auto document = with_paragraphs(1, 150);
  const auto layout = lay_out(document);
  ASSERT_GE(layout.pages.size(), 2u);
  std::string joined;
  for (const auto& line : all_lines(layout)) joined += (joined.empty() ? "" : " ") + line;
  std::string expected;
  for (int s = 0; s < 150; ++s) expected += sentence(s);
  expected.pop_back();
  EXPECT_EQ(joined, expected);
  for (const auto& page : layout.pages) EXPECT_GE(page.lines.size(), 2u);  // no lone orphan or widow line
}

TEST(Pdf, moves_a_block_that_does_not_fit_to_the_next_page) {
  // Whatever the amount of text before it, a signature row is never cut.
  int moved = 0;
  for (int count = 20; count <= 60; count += 2) {
    auto document = with_paragraphs(count);
    document.blocks.push_back(SignatureBlock{{{"Le résident", Signature{"3 mars 2026", "Élise Dupont"}}}});
    const auto layout = lay_out(document);
    const int caption = page_of(layout, "Le résident"),
              signed_line = page_of(layout, "Signé le 3\u00A0mars\u00A02026 par");
    ASSERT_NE(caption, -1) << count;
    EXPECT_EQ(caption, signed_line) << count;
    const auto& before = layout.pages[std::size_t(caption)].lines;
    moved += before.front().rfind("Le résident", 0) == 0 && caption > 0;  // it left room on the previous page
  }
  EXPECT_GT(moved, 0);
}

TEST(Pdf, never_leaves_a_heading_alone_at_the_bottom_of_a_page) {
  int moved = 0;
  for (int count = 20; count <= 60; count += 2) {
    auto document = with_paragraphs(count);
    document.blocks.push_back(Heading{2, "Conditions financières"});
    document.blocks.push_back(Paragraph::plain("Le tarif journalier est fixé par arrêté. " + sentence(999)));
    const auto layout = lay_out(document);
    const int heading = page_of(layout, "Conditions financières");
    EXPECT_EQ(heading, page_of(layout, "Le tarif journalier")) << count;
    moved += heading > 0 && layout.pages[std::size_t(heading)].lines.front() == "Conditions financières";
  }
  EXPECT_GT(moved, 0);
}

TEST(Pdf, repeats_a_table_header_on_every_page_it_runs_over) {
  Table table{{{"Date", 1}, {"Prestation", 3}, {"Montant", 1}}, {}};
  for (int i = 0; i < 150; ++i) table.rows.push_back({"2026-03-03", "Hébergement n° " + std::to_string(i), "62,50 €"});
  Document document;
  document.blocks.push_back(Paragraph::plain("Relevé des prestations"));
  document.blocks.push_back(table);
  const auto layout = lay_out(document);
  ASSERT_GE(layout.pages.size(), 3u);
  EXPECT_EQ(layout.pages[0].lines.at(1), "Date Prestation Montant");
  for (std::size_t p = 1; p < layout.pages.size(); ++p)
    EXPECT_EQ(layout.pages[p].lines.at(0), "Date Prestation Montant");
  for (int i = 0; i < 150; ++i)
    EXPECT_EQ(page_of(layout, "2026-03-03 Hébergement n° " + std::to_string(i) + " 62,50 €"),
              page_of(layout, "2026-03-03 Hébergement n° " + std::to_string(i) + " "));
  EXPECT_TRUE(contains(all_lines(layout), "2026-03-03 Hébergement n° 149 62,50 €"));
}

TEST(Pdf, lays_out_label_value_rows_and_signature_boxes) {
  Document document;
  document.blocks.push_back(KeyValueTable{{{"Nom de naissance", "DUPONT"}, {"Prénom", "Élise"}}});
  document.blocks.push_back(
      SignatureBlock{{{"Le résident", Signature{"3 mars 2026", "Élise Dupont"}}, {"La directrice", {}}}});
  const auto layout = lay_out(document);
  const auto& lines = layout.pages.at(0).lines;
  EXPECT_TRUE(contains(lines, "Nom de naissance DUPONT"));
  EXPECT_TRUE(contains(lines, "Prénom Élise"));
  EXPECT_TRUE(contains(lines, "Le résident La directrice"));
  EXPECT_NE(page_of(layout, "Signé le 3\u00A0mars\u00A02026 par"), -1);
}

TEST(Pdf, numbers_pages_as_page_n_sur_total) {
  auto document = with_paragraphs(150);
  document.header = "EHPAD Les Tilleuls — Contrat de séjour";
  const auto layout = lay_out(document);
  const auto total = layout.pages.size();
  ASSERT_GE(total, 3u);
  EXPECT_EQ(layout.pages[0].page_label, "Page 1 sur " + std::to_string(total));
  EXPECT_EQ(layout.pages[1].page_label, "Page 2 sur " + std::to_string(total));
  EXPECT_EQ(layout.pages[1].header, "EHPAD Les Tilleuls — Contrat de séjour");
}

TEST(Pdf, breaks_pages_on_request_but_never_adds_a_blank_one) {
  Document document;
  document.blocks = {PageBreak{}, Paragraph::plain("Un"),   PageBreak{}, PageBreak{},
                     Spacer{40},  Paragraph::plain("Deux"), PageBreak{}};
  const auto layout = lay_out(document);
  ASSERT_EQ(layout.pages.size(), 2u);
  EXPECT_EQ(layout.pages[0].lines, std::vector<std::string>{"Un"});
  EXPECT_EQ(layout.pages[1].lines, std::vector<std::string>{"Deux"});
}

TEST(Pdf, large_type_needs_more_pages_and_fits_fewer_lines_on_each) {
  const auto document = with_paragraphs(80);
  const auto normal = lay_out(document, Style::normal());
  const auto large = lay_out(document, Style::large_type());
  EXPECT_GT(large.pages.size() * 2, normal.pages.size() * 3);
  EXPECT_LT(large.pages[0].lines.size() * 3, normal.pages[0].lines.size() * 2);
  EXPECT_EQ(all_lines(large).front(), all_lines(normal).front().substr(0, all_lines(large).front().size()));
}

TEST(Pdf, renders_fifty_pages) {
  auto document = with_paragraphs(0);
  for (int page = 0; page < 50; ++page) {
    document.blocks.push_back(Heading{1, "Chapitre " + std::to_string(page + 1)});
    document.blocks.push_back(Paragraph::plain(sentence(page)));
    document.blocks.push_back(PageBreak{});
  }
  const auto rendered = render_pdf(document);
  EXPECT_EQ(rendered.layout.pages.size(), 50u);
  EXPECT_EQ(page_objects_in(rendered.bytes), 50u);
  EXPECT_EQ(rendered.layout.pages.back().page_label, "Page 50 sur 50");
  EXPECT_NE(rendered.bytes.find("/Type /Outlines"), std::string::npos);  // headings become bookmarks
}

TEST(Pdf, drops_invalid_utf8_and_control_characters_instead_of_failing) {
  Document document;
  document.blocks.push_back(Paragraph::plain(std::string("R\xE9sidence\x01\x1b[31m OK")));
  const auto rendered = render_pdf(document);
  EXPECT_EQ(rendered.layout.pages[0].lines, std::vector<std::string>{"R\uFFFDsidence[31m OK"});
}

TEST(Pdf, refuses_a_document_of_more_pages_than_allowed) {
  Document document;
  for (std::size_t i = 0; i <= max_pages; ++i)
    document.blocks.insert(document.blocks.end(), {Paragraph::plain("x"), PageBreak{}});
  EXPECT_THROW(lay_out(document), passerelle::Problem);
}

TEST(Pdf, turns_letter_text_into_paragraphs) {
  const auto blocks =
      paragraphs_from_text("Madame,\r\n\r\nNous vous écrivons\nau sujet du séjour.\n   \n\nCordialement");
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(std::get<Paragraph>(blocks[1]).runs.at(0).text, "Nous vous écrivons\nau sujet du séjour.");
  Document document;
  document.blocks = blocks;
  EXPECT_EQ(lay_out(document).pages[0].lines,
            (std::vector<std::string>{"Madame,", "Nous vous écrivons", "au sujet du séjour.", "Cordialement"}));
}
