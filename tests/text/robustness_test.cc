// tests/text/robustness_test.cc: arbitrary bytes never crash the text stage
// (they are refused with InputError or come out as consistent Documents),
// and reading files concurrently gives the same documents as reading them
// one after the other.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <thread>

#include "text_test_util.h"

namespace {

void expect_consistent(const kg::Document& d, std::size_t file_size) {
  ASSERT_EQ(d.raw.size(), d.text.size());
  for (const kg::Span& r : d.raw) {
    ASSERT_LE(r.begin, r.end);
    ASSERT_LE(r.end, file_size);
  }
  std::uint32_t covered_until = 0;
  for (const kg::Span& s : d.sentences) {
    ASSERT_LE(s.begin, s.end);
    ASSERT_LE(s.end, d.text.size());
    ASSERT_GE(s.begin, covered_until);
    covered_until = s.end;
  }
  for (const kg::Span& p : d.paragraphs) ASSERT_LE(p.end, d.text.size());
  for (const kg::Span& p : d.damaged) ASSERT_LE(p.end, d.text.size());
}

}  // namespace

TEST(Robustness, RandomBytesAreRefusedOrRead) {
  std::mt19937 rng(20240403);
  const std::string alphabet_utf8 = "园区党委(qū)?\n\n 。,“”► 责任编辑:来源2024-01-02 ";
  std::size_t read = 0, refused = 0;
  for (int round = 0; round < 300; ++round) {
    std::string bytes;
    const std::size_t len = 1 + rng() % 400;
    if (round % 2 == 0) {
      for (std::size_t i = 0; i < len; ++i) bytes.push_back(static_cast<char>(rng() % 256));
    } else {
      // Mostly well-formed pieces with the odd cut multi-byte sequence.
      while (bytes.size() < len) {
        const std::size_t at = rng() % alphabet_utf8.size();
        bytes.append(alphabet_utf8, at, 1 + rng() % 6);
      }
    }
    try {
      for (const kg::Document& d : kg::read_documents("random.bin", bytes)) expect_consistent(d, bytes.size());
      ++read;
    } catch (const kg::InputError& e) {
      EXPECT_NE(std::string(e.what()).find("random.bin"), std::string::npos);
      ++refused;
    }
  }
  EXPECT_GT(read, 0u);
}

TEST(Robustness, RandomTagSoupIsRefusedOrRead) {
  // Pieces of markup, references and text in random order, cut anywhere.
  std::mt19937 rng(20240512);
  const std::vector<std::string> pieces = {
      "<p>", "</p>", "<div class=nav>", "</div>", "<a href=x>", "</a>", "<br>", "<script>", "</script>",
      "&amp;", "&ldquo;", "&#x4E00;", "&#20013;", "&copy", "&bogus;", "&", "\r\n", "\r", " ", "\n",
      "园区", "党委(qū)", "<title>", "</title>", "<meta name=PubDate content=2024-01-02>", "<!--", "-->",
      "<table><tr><td>", "<pre>", "</pre>", "<h1>", "</h1>", "開發區", "<svg><title>x</title></svg>"};
  std::size_t read = 0;
  for (int round = 0; round < 300; ++round) {
    std::string bytes = "<!DOCTYPE html><html><body>";
    const std::size_t count = 1 + rng() % 60;
    for (std::size_t i = 0; i < count; ++i) bytes += pieces[rng() % pieces.size()];
    bytes.resize(bytes.size() - rng() % 3);
    try {
      for (const kg::Document& d : kg::read_documents("soup.html", bytes)) expect_consistent(d, bytes.size());
      ++read;
    } catch (const kg::InputError& e) {
      EXPECT_NE(std::string(e.what()).find("soup.html"), std::string::npos);
    }
  }
  EXPECT_GT(read, 0u);
}

TEST(Robustness, DamagedPdfsAreRefusedOrRead) {
  // The PDF fixture cut short and with bytes changed at random.
  const std::string pdf = kg::test::read_file(kg::test::fixture("report.pdf"));
  std::mt19937 rng(20240601);
  std::size_t read = 0;
  for (int round = 0; round < 200; ++round) {
    std::string bytes = pdf.substr(0, round % 4 == 0 ? rng() % pdf.size() : pdf.size());
    for (int flips = rng() % 8; flips > 0 && !bytes.empty(); --flips) bytes[rng() % bytes.size()] = static_cast<char>(rng());
    try {
      for (const kg::Document& d : kg::read_documents("damaged.pdf", bytes)) {
        ASSERT_EQ(d.raw.size(), d.text.size());
        for (const kg::Span& r : d.raw) ASSERT_LE(r.end, 3u);  // pages
      }
      ++read;
    } catch (const kg::InputError& e) {
      EXPECT_NE(std::string(e.what()).find("damaged.pdf"), std::string::npos);
    }
  }
  EXPECT_GT(read, 0u);
}

TEST(Robustness, ConcurrentReadsMatchSequentialOnes) {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(KG_SEEDS_DIR)) paths.push_back(entry.path().string());
  for (const char* name : {"page.html", "page_gbk.htm", "report.pdf", "big5.txt"}) paths.push_back(kg::test::fixture(name));
  std::vector<std::string> contents;
  std::vector<std::vector<kg::Document>> sequential;
  for (const std::string& p : paths) {
    contents.push_back(kg::test::read_file(p));
    sequential.push_back(kg::read_documents(p, contents.back()));
  }
  std::vector<std::vector<kg::Document>> parallel(paths.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < paths.size(); ++i)
    threads.emplace_back([&, i] { parallel[i] = kg::read_documents(paths[i], contents[i]); });
  for (std::thread& t : threads) t.join();
  // The same files again on this thread in the other order, with refused
  // files between them: a thread keeps the memory of one file's characters
  // and lines for the next, and what it read before must not show.
  std::vector<std::vector<kg::Document>> reversed(paths.size());
  const std::string binary = kg::test::read_file(kg::test::fixture("binary.bin"));
  for (std::size_t i = paths.size(); i-- > 0;) {
    reversed[i] = kg::read_documents(paths[i], contents[i]);
    EXPECT_THROW(kg::read_documents("binary.bin", binary), kg::InputError);
    EXPECT_THROW(kg::read_documents("blank.txt", "  \n\n "), kg::InputError);
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    ASSERT_EQ(parallel[i].size(), sequential[i].size());
    ASSERT_EQ(reversed[i].size(), sequential[i].size());
    for (std::size_t k = 0; k < parallel[i].size(); ++k) {
      for (const kg::Document* d : {&parallel[i][k], &reversed[i][k]}) {
        const kg::Document& s = sequential[i][k];
        EXPECT_EQ(d->text, s.text) << paths[i];
        EXPECT_EQ(d->raw, s.raw) << paths[i];
        EXPECT_EQ(d->sentences, s.sentences) << paths[i];
        EXPECT_EQ(d->paragraphs, s.paragraphs) << paths[i];
        EXPECT_EQ(d->damaged, s.damaged) << paths[i];
        EXPECT_EQ(d->meta.title, s.meta.title) << paths[i];
        EXPECT_EQ(d->meta.author, s.meta.author) << paths[i];
        EXPECT_EQ(d->meta.published, s.meta.published) << paths[i];
        EXPECT_EQ(d->stats.furniture_lines, s.stats.furniture_lines) << paths[i];
        EXPECT_EQ(d->stats.invalid_bytes, s.stats.invalid_bytes) << paths[i];
      }
    }
  }
}

TEST(Robustness, ManyArticlesAndOrphanLeadsInOneFile) {
  // 5000 articles, each signed and followed by an opening paragraph that
  // belongs elsewhere: splitting and re-attaching must stay linear.
  std::string bytes;
  for (int i = 0; i < 5000; ++i) {
    bytes += "临沂高新区崛起大数据产业特色高地\n\n► 吕宏伟\n\n";
    bytes += "临沂高新区拥有大数据相关企业100余家,从业人员近3000人。\n\n";
    bytes += "园区企业发展迅速,科技创新能力不断增强。\n\n";
    bytes += "本报讯 近日获悉,临沂高新区建成大数据产业园。\n\n";
    bytes += "园区企业发展迅速。\n\n马程浩\n\n";
  }
  auto docs = kg::read_documents("many.txt", bytes);
  ASSERT_EQ(docs.size(), 5000u);
  for (const kg::Document& d : docs) {
    expect_consistent(d, bytes.size());
    // Each lead went to the nearest article it names: the one before it.
    EXPECT_EQ(std::count(d.text.begin(), d.text.end(), U'讯'), 1) << d.part;
  }
}
