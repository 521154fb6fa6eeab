#pragma once
// What a generated document is made of: a few kinds of blocks that letters, contracts (DIPC), care
// plans and certificates need, and nothing that lets the caller place things by hand. Pagination,
// page headers and footers, fonts and sizes are the renderer's business (see renderer.hpp), so that
// every document of the application reads the same and can be printed in large type.
//
// Every string is plain UTF-8 text shown exactly as given: nothing is ever read as markup, so "<b>",
// "&amp;" or "{{ x }}" typed by a person appear as such. Bold comes from Run::bold, not from the text.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace passerelle::pdf {

struct Run {
  std::string text;
  bool bold = false;
};

struct Heading {
  int level = 1;  // 1 to 3; anything else is read as the nearest of them
  std::string text;
};

// Left-aligned text that wraps at spaces (and inside a word only when the word is wider than the
// line). A "\n" in a run starts a new line within the paragraph.
struct Paragraph {
  std::vector<Run> runs;

  static Paragraph plain(std::string text) { return Paragraph{{Run{std::move(text), false}}}; }
  Paragraph& text(std::string more) { return runs.push_back({std::move(more), false}), *this; }
  Paragraph& bold(std::string more) { return runs.push_back({std::move(more), true}), *this; }
};

struct BulletList {
  std::vector<Paragraph> items;
};

// Label / value rows, the label in bold: the identity block of a person, the terms of a contract.
struct KeyValueRow {
  std::string label;
  std::string value;
};
struct KeyValueTable {
  std::vector<KeyValueRow> rows;
};

struct Column {
  std::string header;
  double width = 1;  // a share of the text width: {2, 1, 1} gives the first column half of it
};

// A grid with a header row. A row that does not fit moves to the next page, where the header is
// repeated; a row taller than a whole page is cut between lines.
struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // cells beyond the columns are ignored, missing ones empty
};

struct Signature {
  std::string on;  // already written for a person: "3 mars 2026" or "3 mars 2026 à 14 h 05"
  std::string by;  // "Marie Dupont, directrice"
};

// A box left blank for a handwritten signature, or showing « Signé le … par … » once signed.
struct SignatureBox {
  std::string caption;  // "Le résident ou son représentant"
  std::optional<Signature> signature;
};
struct SignatureBlock {
  std::vector<SignatureBox> boxes;  // side by side, as many per row as the style allows
};

// The top of a letter: the sender at the top left, and the addressee where the window of a DL envelope
// (110 × 220 mm, window on the right) shows it once the A4 sheet is folded in three: 100 mm from the
// left edge and 50 mm from the top of the page, with the place and date below it. A letter head always
// starts a page (a new one if something is already on the current page).
struct LetterHead {
  std::vector<std::string> sender;     // one line each: establishment, street, postcode and city, phone
  std::vector<std::string> addressee;  // one line each: name, street, postcode and city
  std::string place_and_date;          // « Lyon, le 3 mars 2026 »
};

// Vertical space, dropped when it falls at the top of a page.
struct Spacer {
  double points = 12;
};

// What follows starts on a new page, unless the current one is still empty or nothing follows: a
// page break never produces a blank page.
struct PageBreak {};

using Block =
    std::variant<Heading, Paragraph, BulletList, KeyValueTable, Table, SignatureBlock, LetterHead, Spacer, PageBreak>;

struct Metadata {
  std::string title;
  std::string author;
  std::string subject;
  std::optional<std::chrono::sys_seconds> created;  // written as UTC; nothing when absent
};

struct Document {
  Metadata metadata;
  std::string header;  // one line at the top of every page, cut with "…" when too long
  std::string footer;  // bottom left of every page; « Page 1 sur 3 » is always at the bottom right
  std::vector<Block> blocks;
};

// Plain text as a letter template renders it: paragraphs separated by blank lines, a single line
// break kept as a line break inside its paragraph. Lines made only of spaces count as blank.
std::vector<Block> paragraphs_from_text(std::string_view text);

}  // namespace passerelle::pdf
