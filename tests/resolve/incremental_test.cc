// tests/resolve/incremental_test.cc: resolution against a stored graph, one
// batch at a time, ends where resolving everything at once ends. Documents are
// made by hand from a small vocabulary that exercises every rule (people told
// apart and joined by affiliations, organisations joined through a name with
// and without its place, spellings and attribute values voting), then added
// and removed in random orders; after every step the database must equal one
// built from scratch with the documents present at that point, row for row.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "../pipeline/snapshot.h"
#include "core/utf8.h"
#include "resolve/resolve.h"
#include "store/store.h"

namespace kg {
namespace {

struct Fixture {
  Document document;
  Extraction extraction;
};

// What the pipeline does with a document: its bytes become a content, its path
// a source, and the batch counts it.
void add(Store& store, Resolution& batch, const Fixture& f) {
  const std::int64_t content = store.add_content(f.document.sha256, 100, f.document.encoding);
  store.set_source(f.document.source, content);
  ResolvableDocument r;
  r.info = DocumentInfo(store.add_document(content, Store::encode_document(f.document, f.extraction)), f.document.source,
                        f.document.part, f.document.meta);
  r.content = f.document.sha256;
  r.extraction = f.extraction;
  for (LocalRelation& lr : r.extraction.relations) {
    const Span e = lr.evidence;
    if (to_utf8(std::u32string_view(f.document.text).substr(e.begin, e.end - e.begin)) == lr.sentence) lr.sentence.clear();
  }
  batch.add(std::move(r));
}

void remove(Store& store, Resolution& batch, const Fixture& f) {
  const auto content = store.remove_source(f.document.source);
  ASSERT_TRUE(content.has_value());
  ASSERT_FALSE(store.content_in_use(*content));
  for (ResolvableDocument& doc : store.remove_content(*content)) batch.remove(std::move(doc));
}

void build_from_scratch(const std::string& path, const std::vector<const Fixture*>& present) {
  std::filesystem::remove(path);
  Store store(path);
  store.begin();
  Resolution batch(nullptr);
  for (const Fixture* f : present) add(store, batch, *f);
  store.apply(batch);
  store.commit();
}

// Random documents over names chosen to meet: few people, shared affiliations,
// organisations written with and without their place, spelling variants.
class Generator {
 public:
  explicit Generator(unsigned seed) : random_(seed) {}

  Fixture make(int index) {
    Fixture f;
    Document& doc = f.document;
    doc.source = "docs/" + std::to_string(index) + ".txt";
    doc.sha256 = "sha" + std::to_string(index);
    doc.encoding = "UTF-8";
    doc.meta.title = "标题" + std::to_string(index);
    // A text that holds most names, so that the codec writes them as spans.
    std::u32string text = U"顺义区南法信镇党委书记张小军走访北京伟通柔显科技有限公司。东风项目落户嘉兴科技城，南法信镇党委副书记李明陪同。";
    text += to_u32("第" + std::to_string(index) + "篇。");
    doc.text = text;
    const auto size = static_cast<std::uint32_t>(text.size());
    for (std::uint32_t i = 0; i < size; ++i) doc.raw.push_back({i * 3, i * 3 + 3});
    doc.sentences = {{0, size}};
    doc.paragraphs = {{0, size}};
    doc.stats.chars_converted = index % 3;

    const int entities = pick(2, 6);
    for (int k = 0; k < entities; ++k) f.extraction.entities.push_back(entity(size));
    const int relations = pick(0, 4);
    for (int k = 0; k < relations; ++k) {
      LocalRelation r;
      r.type = pick_of(std::vector<RelationType>{RelationType::holds_post, RelationType::served, RelationType::located_in,
                                                 RelationType::cooperates_with});
      r.source = static_cast<std::uint32_t>(pick(0, entities - 1));
      r.target = static_cast<std::uint32_t>(pick(0, entities - 1));
      if (r.type == RelationType::holds_post) r.title = pick_of(std::vector<std::string>{"书记", "副书记", "書記"});
      r.evidence = {0, static_cast<std::uint32_t>(pick(10, static_cast<int>(size)))};
      r.sentence = pick(0, 4) == 0 ? std::string("另一句话。") : to_utf8(text.substr(0, r.evidence.end));
      if (pick(0, 2) == 0) r.attributes.emplace_back("role", pick_of(std::vector<std::string>{"lead", "accompany"}));
      f.extraction.relations.push_back(std::move(r));
    }
    return f;
  }

 private:
  LocalEntity entity(std::uint32_t size) {
    LocalEntity e;
    const int kind = pick(0, 5);
    if (kind <= 1) {
      e.type = pick(0, 2) == 0 ? EntityType::Person : EntityType::Official;
      e.name = pick_of(std::vector<std::string>{"张小军", "張小軍", "李明", "王攀"});
      const int affiliations = pick(0, 2);
      for (int a = 0; a < affiliations; ++a)
        e.affiliations.push_back(pick_of(std::vector<std::string>{"南法信镇党委", "米庄镇党委", "嘉兴科技城"}));
      if (pick(0, 3) == 0) e.aliases.push_back("张书记");
    } else if (kind <= 3) {
      e.type = EntityType::PartyOrg;
      e.name = pick_of(std::vector<std::string>{"顺义区南法信镇党委", "南法信镇党委", "米庄镇党委", "朝阳区米庄镇党委"});
      if (pick(0, 1) == 0) e.aliases.push_back(pick_of(std::vector<std::string>{"南法信镇党委", "米庄镇党委", "镇党委"}));
    } else if (kind == 4) {
      e.type = EntityType::Enterprise;
      e.name = pick_of(std::vector<std::string>{"北京伟通柔显科技有限公司", "伟通柔显科技有限公司"});
      if (pick(0, 1) == 0) e.aliases.push_back("伟通柔显科技有限公司");
    } else {
      e.type = EntityType::Project;
      e.name = pick_of(std::vector<std::string>{"东风项目", "東風項目"});
      e.attributes.emplace_back("investment_yuan", pick_of(std::vector<std::string>{"100", "200"}));
    }
    const std::uint32_t begin = static_cast<std::uint32_t>(pick(0, static_cast<int>(size) - 4));
    e.mentions.push_back({begin, begin + 3});
    return e;
  }

  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  template <typename T>
  T pick_of(const std::vector<T>& options) {
    return options[static_cast<std::size_t>(pick(0, static_cast<int>(options.size()) - 1))];
  }

  std::mt19937 random_;
};

class Incremental : public ::testing::TestWithParam<unsigned> {};

TEST_P(Incremental, EveryStepEqualsABuildFromScratch) {
  test::TempDir dir;
  const std::string incremental = dir.file("incremental.sqlite");
  const std::string scratch = dir.file("scratch.sqlite");
  Generator generator(GetParam());
  std::vector<Fixture> pool;
  for (int i = 0; i < 10; ++i) pool.push_back(generator.make(i));
  std::mt19937 random(GetParam() * 7919u + 1);
  std::set<int> present;
  Store store(incremental);
  for (int step = 0; step < 12; ++step) {
    // A batch adds some absent documents and removes some present ones.
    std::vector<int> adding, removing;
    for (int i = 0; i < static_cast<int>(pool.size()); ++i) {
      const bool flip = std::uniform_int_distribution<int>(0, 3)(random) == 0;
      if (!flip) continue;
      (present.count(i) ? removing : adding).push_back(i);
    }
    store.begin();
    Resolution batch(store.graph_empty() ? nullptr : &store.resolved_graph());
    for (int i : removing) remove(store, batch, pool[static_cast<std::size_t>(i)]);
    for (int i : adding) add(store, batch, pool[static_cast<std::size_t>(i)]);
    store.apply(batch);
    store.commit();
    for (int i : removing) present.erase(i);
    for (int i : adding) present.insert(i);

    std::vector<const Fixture*> now;
    for (int i : present) now.push_back(&pool[static_cast<std::size_t>(i)]);
    build_from_scratch(scratch, now);
    SCOPED_TRACE("seed " + std::to_string(GetParam()) + ", step " + std::to_string(step));
    const test::Snapshot got = test::snapshot(incremental), want = test::snapshot(scratch);
    // Document rows are numbered by history; everything else must match.
    EXPECT_EQ(got.entities, want.entities);
    EXPECT_EQ(got.relations, want.relations);
    EXPECT_EQ(got.entity_keys, want.entity_keys);
    EXPECT_EQ(got.counters, want.counters);
    EXPECT_EQ(got.sources, want.sources);
    if (HasFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, Incremental, ::testing::Range(1u, 25u));

}  // namespace
}  // namespace kg
