// Extraction scored against gold annotations with the same rules as
// shared/gold/score.py: the seeds (a copy of their gold) and a development set
// of articles written for the project (data/dev, never tuned sentence by
// sentence). A change that makes extraction worse fails here. The floors sit a
// little under what the extractor reaches, so they catch a slide, not noise.
#include <gtest/gtest.h>

#include "eval/eval.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "resolve/resolve.h"

namespace kg {
namespace {

EvalResult score_folder(const std::string& folder, const std::string& gold) {
  const Extractor extractor;
  const KnowledgeGraph graph = resolve(extract_files(list_files({folder}), extractor));
  return evaluate(read_gold_file(gold), scored_graph(graph));
}

TEST(SeedsAccuracy, HeadlineF1StaysAboveTheFloors) {
  EvalResult r = score_folder(KG_SEEDS_DIR, KG_SEEDS_GOLD);
  // Issue 10: the seeds stay at or above 0.93 / 0.85 (measured 0.937 / 0.865).
  EXPECT_GE(r.core_entities.f1(), 0.93) << format_table(r, true);
  EXPECT_GE(r.all_entities.f1(), 0.91) << format_table(r, false);
  EXPECT_GE(r.core_relations.f1(), 0.85) << format_table(r, false);
  EXPECT_GE(r.all_relations.f1(), 0.87) << format_table(r, false);
  // The question users ask most: both served relations of the seeds.
  EXPECT_EQ(r.types["rel:served"].fn, 0) << format_table(r, true);
}

TEST(DevAccuracy, HeadlineF1StaysAboveTheFloors) {
  EvalResult r = score_folder(KG_DEV_DIR, KG_DEV_GOLD);
  EXPECT_GE(r.core_entities.f1(), 0.95) << format_table(r, true);
  EXPECT_GE(r.all_entities.f1(), 0.94) << format_table(r, false);
  EXPECT_GE(r.core_relations.f1(), 0.87) << format_table(r, false);
  EXPECT_GE(r.all_relations.f1(), 0.88) << format_table(r, false);
}

// A second set by another author, written after the extractor's rules were in
// place: the closest thing in the repository to the hidden articles.
TEST(SecondDevAccuracy, HeadlineF1StaysAboveTheFloors) {
  EvalResult r = score_folder(KG_DEV2_DIR, KG_DEV2_GOLD);
  EXPECT_GE(r.core_entities.f1(), 0.92) << format_table(r, true);
  EXPECT_GE(r.all_entities.f1(), 0.92) << format_table(r, false);
  EXPECT_GE(r.core_relations.f1(), 0.85) << format_table(r, false);
  EXPECT_GE(r.all_relations.f1(), 0.83) << format_table(r, false);
  EXPECT_GE(r.types["rel:served"].recall(), 0.75) << format_table(r, true);
}

}  // namespace
}  // namespace kg
