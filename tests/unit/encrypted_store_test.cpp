// Documents at rest: what is on disk reveals nothing, and a file that was damaged, cut, moved or read with
// the wrong key is an error, never garbage.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/files/encrypted_file_store.hpp"
#include "core/files/master_key.hpp"

using namespace passerelle::files;
namespace fs = std::filesystem;

namespace {

class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "passerelle-files-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored_because_cleanup_is_best_effort;
    fs::remove_all(path_, ignored_because_cleanup_is_best_effort);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string every_file_under(const fs::path& root) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) all += read_file(entry.path());
  return all;
}

const std::string marker = "NOTE-MEDICALE-CONFIDENTIELLE-Jeanne-Dupont-1953";

std::string document_of(std::size_t size) {
  std::string text;
  while (text.size() < size) text += marker + " ";
  text.resize(size);
  return text;
}

class EncryptedFileStoreTest : public ::testing::Test {
 protected:
  TemporaryDirectory temporary;
  fs::path documents = temporary.path() / "documents";
  fs::path key_file = temporary.path() / "master.key";
};

}  // namespace

TEST_F(EncryptedFileStoreTest, round_trips_small_empty_and_multi_chunk_files) {
  EncryptedFileStore store(documents, key_file);
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{200}, std::size_t{64 * 1024},
                                 std::size_t{2 * 64 * 1024}, std::size_t{(1 << 20) + 1}}) {
    const auto plaintext = document_of(size);
    const auto blob = store.put(plaintext);
    EXPECT_EQ(blob.size, size);
    EXPECT_EQ(blob.blob_id.size(), 32u);
    EXPECT_EQ(blob.wrapped_key.size(), 81u);
    EXPECT_EQ(blob.content_hash.size(), 64u);
    EXPECT_EQ(store.get(blob), plaintext) << size;
  }
}

TEST_F(EncryptedFileStoreTest, keeps_no_readable_plaintext_on_disk_nor_in_the_row) {
  EncryptedFileStore store(documents, key_file);
  const auto blob = store.put(document_of((1 << 20) + 1));
  const auto on_disk = every_file_under(documents);
  EXPECT_GT(on_disk.size(), 1u << 20);
  EXPECT_EQ(on_disk.find(marker), std::string::npos);
  EXPECT_EQ(on_disk.find("NOTE-MEDICALE"), std::string::npos);
  EXPECT_EQ(read_file(key_file).find(marker), std::string::npos);
  // What goes to the database row: an id, a wrapped key, a size and a hash; no content.
  for (const auto& field : {blob.blob_id, blob.wrapped_key, blob.content_hash})
    EXPECT_EQ(field.find("NOTE"), std::string::npos);
  // Same content twice: different keys, different bytes on disk.
  const auto again = store.put(document_of((1 << 20) + 1));
  EXPECT_NE(read_file(store.path_of(blob.blob_id)), read_file(store.path_of(again.blob_id)));
}

TEST_F(EncryptedFileStoreTest, lays_files_out_by_id_with_private_permissions_and_no_leftovers) {
  EncryptedFileStore store(documents, key_file);
  const auto blob = store.put("contenu");
  const auto path = store.path_of(blob.blob_id);
  EXPECT_EQ(path, documents / blob.blob_id.substr(0, 2) / blob.blob_id.substr(2, 2) / blob.blob_id);
  EXPECT_EQ(fs::status(path).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  EXPECT_EQ(fs::status(documents).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(documents)) files += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1u);  // no temporary file left behind
}

TEST_F(EncryptedFileStoreTest, refuses_a_file_with_one_byte_changed) {
  EncryptedFileStore store(documents, key_file);
  const auto blob = store.put(document_of(200 * 1024));
  const auto path = store.path_of(blob.blob_id);
  const auto original = read_file(path);
  for (const std::size_t offset :
       {std::size_t{3}, std::size_t{20}, std::size_t{100}, std::size_t{100 * 1024}, original.size() - 1}) {
    auto damaged = original;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x01);
    write_file(path, damaged);
    EXPECT_THROW(store.get(blob), StoredFileError) << offset;
  }
  write_file(path, original);
  EXPECT_EQ(store.get(blob), document_of(200 * 1024));
}

TEST_F(EncryptedFileStoreTest, refuses_a_truncated_file_or_one_with_data_appended) {
  EncryptedFileStore store(documents, key_file);
  const auto blob = store.put(document_of(3 * 64 * 1024 + 10));
  const auto path = store.path_of(blob.blob_id);
  const auto original = read_file(path);
  const std::size_t header = 8 + 24, sealed_chunk = 64 * 1024 + 17;
  // Cut exactly after whole chunks (each authentic on its own), then in the middle of one.
  for (const std::size_t size : {header, header + sealed_chunk, header + 3 * sealed_chunk, original.size() - 1,
                                 std::size_t{10}, std::size_t{0}}) {
    write_file(path, original.substr(0, size));
    try {
      store.get(blob);
      ADD_FAILURE() << "a truncated file was read back, size " << size;
    } catch (const StoredFileError& error) {
      EXPECT_NE(std::string(error.what()).find(blob.blob_id), std::string::npos);
    }
  }
  write_file(path, original + "x");
  EXPECT_THROW(store.get(blob), StoredFileError);
}

TEST_F(EncryptedFileStoreTest, refuses_to_read_with_another_master_key) {
  const auto blob = EncryptedFileStore(documents, key_file).put("contenu confidentiel");
  EncryptedFileStore other(documents, MasterKey::generate());
  try {
    other.get(blob);
    FAIL() << "read with the wrong master key";
  } catch (const StoredFileError& error) {
    EXPECT_NE(std::string(error.what()).find("another master key"), std::string::npos) << error.what();
  }
}

TEST_F(EncryptedFileStoreTest, refuses_rows_that_do_not_belong_to_the_file) {
  EncryptedFileStore store(documents, key_file);
  const auto first = store.put("premier document");
  const auto second = store.put("second document");
  auto swapped = first;
  swapped.wrapped_key = second.wrapped_key;
  EXPECT_THROW(store.get(swapped), StoredFileError);
  auto damaged_key = first;
  damaged_key.wrapped_key[40] = static_cast<char>(damaged_key.wrapped_key[40] ^ 0x01);
  EXPECT_THROW(store.get(damaged_key), StoredFileError);
  auto wrong_hash = first;
  wrong_hash.content_hash = second.content_hash;
  EXPECT_THROW(store.get(wrong_hash), StoredFileError);
  auto traversal = first;
  traversal.blob_id = "../../../../etc/passwd";
  EXPECT_THROW(store.get(traversal), std::invalid_argument);
}

TEST_F(EncryptedFileStoreTest, removes_files) {
  EncryptedFileStore store(documents, key_file);
  const auto blob = store.put("à supprimer");
  EXPECT_TRUE(store.remove(blob.blob_id));
  EXPECT_FALSE(fs::exists(store.path_of(blob.blob_id)));
  EXPECT_FALSE(store.remove(blob.blob_id));
  EXPECT_THROW(store.get(blob), StoredFileError);
}

TEST_F(EncryptedFileStoreTest, creates_the_key_file_private_and_reuses_it) {
  const auto blob = EncryptedFileStore(documents, key_file).put("contenu");
  struct stat status {};
  ASSERT_EQ(::stat(key_file.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
  EXPECT_EQ(status.st_size, 32);
  const auto key = read_file(key_file);
  EXPECT_EQ(EncryptedFileStore(documents, key_file).get(blob), "contenu");  // a restart reads the same key
  EXPECT_EQ(read_file(key_file), key);
}

TEST_F(EncryptedFileStoreTest, refuses_a_key_file_others_can_read_or_of_the_wrong_size) {
  EncryptedFileStore(documents, key_file);
  ASSERT_EQ(::chmod(key_file.c_str(), 0640), 0);
  try {
    EncryptedFileStore store(documents, key_file);
    FAIL() << "a group-readable key file was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("chmod 600"), std::string::npos) << error.what();
  }
  ASSERT_EQ(::chmod(key_file.c_str(), 0604), 0);
  EXPECT_THROW(MasterKey::load_or_create(key_file), std::runtime_error);

  const auto short_key = temporary.path() / "short.key";
  write_file(short_key, "trop court");
  ASSERT_EQ(::chmod(short_key.c_str(), 0600), 0);
  EXPECT_THROW(MasterKey::load_or_create(short_key), std::runtime_error);
  EXPECT_THROW(MasterKey::load_or_create(temporary.path()), std::runtime_error);  // a directory
}

TEST_F(EncryptedFileStoreTest, refuses_a_key_file_kept_among_the_documents) {
  EXPECT_THROW(EncryptedFileStore(documents, documents / "master.key"), std::runtime_error);
  EXPECT_FALSE(fs::exists(documents / "master.key"));
}

TEST_F(EncryptedFileStoreTest, rewraps_file_keys_for_a_new_master_key) {
  auto old_master = MasterKey::load_or_create(key_file);
  auto new_master = MasterKey::generate();
  auto blob = EncryptedFileStore(documents, MasterKey::load_or_create(key_file)).put(document_of(100 * 1024));
  const auto on_disk = read_file(EncryptedFileStore(documents, MasterKey::generate()).path_of(blob.blob_id));

  blob.wrapped_key = rewrap(blob.wrapped_key, old_master, new_master);
  EXPECT_EQ(EncryptedFileStore(documents, std::move(new_master)).get(blob), document_of(100 * 1024));
  EXPECT_THROW(EncryptedFileStore(documents, std::move(old_master)).get(blob), StoredFileError);
  EXPECT_EQ(read_file(documents / blob.blob_id.substr(0, 2) / blob.blob_id.substr(2, 2) / blob.blob_id), on_disk);
  EXPECT_THROW(rewrap(blob.wrapped_key, MasterKey::generate(), MasterKey::generate()), StoredFileError);
}
