// tests/query/named_test.cc: each named question and the name lookup on the
// hand-built governance graph of fixture.h.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "fixture.h"
#include "query/query.h"

namespace kg {
namespace {

using Rows = std::vector<std::vector<std::string>>;

class Named : public ::testing::Test {
 protected:
  QueryResult ask(const std::string& question, std::vector<std::string> arguments = {}) {
    NamedQuery q;
    q.question = question;
    q.arguments = std::move(arguments);
    q.evidence = evidence;
    q.depth = depth;
    q.rank_by = rank_by;
    q.type = type;
    q.limit = limit;
    return run_named(fixture.graph, q);
  }
  static std::vector<std::string> column(const QueryResult& r, const std::string& name) {
    const auto at = std::find(r.columns.begin(), r.columns.end(), name);
    EXPECT_NE(at, r.columns.end()) << "no column " << name;
    std::vector<std::string> out;
    if (at == r.columns.end()) return out;
    for (const auto& row : r.rows) out.push_back(row[static_cast<std::size_t>(at - r.columns.begin())]);
    return out;
  }
  std::string name_of(Vertex x) const { return fixture.graph.g[x].name; }

  testing::GovernanceGraph fixture;
  bool evidence = false;
  std::size_t depth = 1;
  std::string rank_by = "degree";
  std::optional<std::string> type;
  std::size_t limit = 10;
};

TEST_F(Named, ServedListsOfficialsAndCompanies) {
  const QueryResult r = ask("served");
  EXPECT_EQ(r.columns, (std::vector<std::string>{"official", "enterprise", "role", "first_seen", "last_seen"}));
  EXPECT_EQ(r.rows, (Rows{{"杨勇", "成都频岢微电子公司", "", "", ""}, {"赵青", "杰必机电", "accompany", "", ""}}));
}

TEST_F(Named, ServedWithEvidenceAddsSentenceAndSource) {
  evidence = true;
  const QueryResult r = ask("served");
  EXPECT_EQ(column(r, "sentence"),
            (std::vector<std::string>{"杨勇走访成都频岢微电子公司，了解生产情况。", "赵青陪同企业负责人考察杰必机电。"}));
  EXPECT_EQ(column(r, "source"), (std::vector<std::string>{"news/a.txt", "news/b.txt"}));
}

TEST_F(Named, ServedCanBeNarrowedToOneName) {
  EXPECT_EQ(column(ask("served", {"杰必机电"}), "official"), std::vector<std::string>{"赵青"});
}

TEST_F(Named, PostsSayWhoHoldsWhatWhere) {
  const QueryResult all = ask("posts");
  EXPECT_EQ(all.columns, (std::vector<std::string>{"person", "title", "body", "first_seen", "last_seen"}));
  EXPECT_EQ(all.rows.size(), 3u);
  EXPECT_EQ(ask("posts", {"张小军"}).rows, (Rows{{"张小军", "书记", "南法信镇党委", "", ""}}));
  EXPECT_EQ(column(ask("posts", {"南法信镇党委"}), "person"), (std::vector<std::string>{"张小军", "杨勇", "赵青"}));
}

TEST_F(Named, EntityDossierFromTraditionalScript) {
  const QueryResult r = ask("entity", {"張小軍"});
  EXPECT_EQ(r.columns, (std::vector<std::string>{"field", "value"}));
  const Rows expected_start = {{"name", "张小军"}, {"type", "Official"}, {"id", "zhang"}};
  ASSERT_GE(r.rows.size(), 3u);
  EXPECT_EQ(Rows(r.rows.begin(), r.rows.begin() + 3), expected_start);
  EXPECT_NE(std::find(r.rows.begin(), r.rows.end(), std::vector<std::string>{"post", "书记 @ 南法信镇党委"}), r.rows.end());
  EXPECT_NE(std::find(r.rows.begin(), r.rows.end(), std::vector<std::string>{"document", "news/a.txt (南法信镇走访企业) [2024-01-02]"}),
            r.rows.end());
}

TEST_F(Named, EntityDossierListsAliasesAndRelationsBothWays) {
  const QueryResult r = ask("entity", {"杰必机电"});
  std::set<std::string> relations;
  for (const auto& row : r.rows)
    if (row[0] == "relation") relations.insert(row[1]);
  EXPECT_EQ(relations, (std::set<std::string>{"<-[project_of]- 东风项目", "<-[served]- 赵青"}));
  const QueryResult company = ask("entity", {"伟通柔显公司"});
  EXPECT_NE(std::find(company.rows.begin(), company.rows.end(), std::vector<std::string>{"alias", "伟通柔显公司"}),
            company.rows.end());
  EXPECT_NE(std::find(company.rows.begin(), company.rows.end(),
                      std::vector<std::string>{"relation", "-[located_in]-> HICOOL产业园"}),
            company.rows.end());
}

TEST_F(Named, NamesMatchThroughAliasesSpacesQuotesAndCase) {
  EXPECT_EQ(name_of(find_entity(fixture.graph, "频岢微电子")), "成都频岢微电子公司");
  EXPECT_EQ(name_of(find_entity(fixture.graph, "“张 小军”")), "张小军");
  EXPECT_EQ(name_of(find_entity(fixture.graph, "hicool产业园")), "HICOOL产业园");
  EXPECT_EQ(name_of(find_entity(fixture.graph, "ＨＩＣＯＯＬ产业园")), "HICOOL产业园");  // fullwidth, NFKC
  EXPECT_EQ(name_of(find_entity(fixture.graph, "杰必")), "杰必机电");                 // unique substring
  EXPECT_EQ(name_of(find_entity(fixture.graph, "liming2")), "李明");                  // an id disambiguates
}

TEST_F(Named, AmbiguousNamesListTheCandidates) {
  try {
    find_entity(fixture.graph, "李明");
    FAIL() << "李明 names two entities";
  } catch (const EntityLookupError& e) {
    EXPECT_EQ(e.candidates().size(), 2u);
    EXPECT_NE(std::string(e.what()).find("ambiguous"), std::string::npos);
  }
  try {
    find_entity(fixture.graph, "科技");
    FAIL() << "科技 is part of two names";
  } catch (const EntityLookupError& e) {
    EXPECT_EQ(e.candidates(),
              (std::vector<std::string>{"中关村科技园 (Park, zgc)", "北京伟通柔显科技有限公司 (Enterprise, weitong)"}));
  }
}

TEST_F(Named, UnknownNamesAreRefused) {
  EXPECT_THROW(find_entity(fixture.graph, "王五"), EntityLookupError);
  EXPECT_THROW(find_entity(fixture.graph, "  "), EntityLookupError);
  EXPECT_THROW(ask("entity", {"王五"}), EntityLookupError);
}

TEST_F(Named, PathGoesThroughTheCommittee) {
  const QueryResult r = ask("path", {"张小军", "杨勇"});
  EXPECT_EQ(r.columns, (std::vector<std::string>{"step", "from", "relation", "to"}));
  EXPECT_EQ(r.rows, (Rows{{"1", "张小军", "-[holds_post: 书记]->", "南法信镇党委"},
                          {"2", "南法信镇党委", "<-[holds_post: 副书记]-", "杨勇"}}));
}

TEST_F(Named, PathAcrossTheTree) {
  const QueryResult r = ask("path", {"成都频岢微电子公司", "HICOOL产业园"});
  EXPECT_EQ(column(r, "to"), (std::vector<std::string>{"杨勇", "南法信镇党委", "赵青", "杰必机电", "东风项目",
                                                        "HICOOL产业园"}));
}

TEST_F(Named, PathBetweenUnconnectedEntitiesSaysSo) {
  const QueryResult r = ask("path", {"张小军", "中关村科技园"});
  EXPECT_TRUE(r.rows.empty());
  EXPECT_NE(r.note.find("not connected"), std::string::npos);
}

TEST_F(Named, NeighboursGrowWithDepth) {
  EXPECT_EQ(ask("neighbors", {"张小军"}).rows, (Rows{{"南法信镇党委", "PartyOrg", "1"}}));
  depth = 2;
  EXPECT_EQ(column(ask("neighbors", {"张小军"}), "entity"), (std::vector<std::string>{"南法信镇党委", "杨勇", "赵青"}));
  depth = 3;
  EXPECT_EQ(column(ask("neighbors", {"张小军"}), "distance"), (std::vector<std::string>{"1", "2", "2", "3", "3"}));
  depth = 0;
  EXPECT_THROW(ask("neighbors", {"张小军"}), std::invalid_argument);
}

TEST_F(Named, TopByDegree) {
  limit = 1;
  EXPECT_EQ(ask("top").rows, (Rows{{"1", "南法信镇党委", "PartyOrg", "3"}}));
  type = "Park";
  limit = 10;
  EXPECT_EQ(column(ask("top"), "entity"), (std::vector<std::string>{"HICOOL产业园", "中关村科技园"}));
}

TEST_F(Named, TopByBetweenness) {
  // The main component is a tree of 9 entities: the committee separates
  // branches of 1, 2 and 5 (2+5+10 = 17 pairs), 赵青 splits 4|4 (16), 杰必机电 5|3 (15).
  rank_by = "betweenness";
  limit = 3;
  const QueryResult r = ask("top");
  EXPECT_EQ(r.columns.back(), "betweenness");
  EXPECT_EQ(r.rows, (Rows{{"1", "南法信镇党委", "PartyOrg", "17"},
                          {"2", "赵青", "Official", "16"},
                          {"3", "杰必机电", "Enterprise", "15"}}));
}

TEST_F(Named, TopRefusesUnknownRankingsAndTypes) {
  rank_by = "pagerank";
  EXPECT_THROW(ask("top"), std::invalid_argument);
  rank_by = "degree";
  type = "Company";
  EXPECT_THROW(ask("top"), std::invalid_argument);
}

TEST_F(Named, InListsWhatIsLocatedInAPark) {
  const QueryResult r = ask("in", {"HICOOL产业园"});
  EXPECT_EQ(r.rows, (Rows{{"东风项目", "Project", "", ""}, {"北京伟通柔显科技有限公司", "Enterprise", "", ""}}));
  EXPECT_TRUE(ask("in", {"中关村科技园"}).rows.empty());
}

TEST_F(Named, WrongQuestionsAndArgumentCountsAreRefused) {
  EXPECT_THROW(ask("who"), std::invalid_argument);
  EXPECT_THROW(ask("path", {"张小军"}), std::invalid_argument);
  EXPECT_THROW(ask("entity"), std::invalid_argument);
  EXPECT_THROW(ask("top", {"x"}), std::invalid_argument);
}

// ---- dates (issue 12 part 2) ---------------------------------------------------

// The fixture with its evidence dated: 张小军's post seen on 2024-01-02 and
// again in March 2024 (a second piece of evidence, month-precise), 赵青's on
// 2024-02-03, 杨勇's visit on 2023-12-30 and 赵青's on 2024-02-03; 杨勇's
// post stays undated.
class DatedNamed : public Named {
 protected:
  void SetUp() override {
    auto& g = fixture.graph.g;
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      RelationProps& r = g[*it];
      if (r.id == "r1") {
        r.evidence[0].date = "2024-01-02";
        r.evidence.push_back(EvidenceRef{2, 0, 10, "张小军书记再次到访。", "2024-03"});
      }
      if (r.id == "r3" || r.id == "r5") r.evidence[0].date = "2024-02-03";
      if (r.id == "r4") r.evidence[0].date = "2023-12-30";
    }
  }
  QueryResult ask_in(const std::string& question, std::vector<std::string> arguments, DateWindow window) {
    NamedQuery q;
    q.question = question;
    q.arguments = std::move(arguments);
    q.evidence = evidence;
    q.window = std::move(window);
    return run_named(fixture.graph, q);
  }
};

TEST_F(DatedNamed, PostsAndServedSayWhenTheyWereFirstAndLastSeen) {
  EXPECT_EQ(ask("posts", {"张小军"}).rows, (Rows{{"张小军", "书记", "南法信镇党委", "2024-01-02", "2024-03"}}));
  EXPECT_EQ(ask("posts", {"杨勇"}).rows, (Rows{{"杨勇", "副书记", "南法信镇党委", "", ""}}));
  EXPECT_EQ(column(ask("served"), "first_seen"), (std::vector<std::string>{"2023-12-30", "2024-02-03"}));
  evidence = true;
  const QueryResult r = ask("posts", {"张小军"});
  EXPECT_EQ(column(r, "date"), (std::vector<std::string>{"2024-01-02", "2024-03"}));
  EXPECT_EQ(column(r, "source"), (std::vector<std::string>{"news/a.txt", "news/b.txt"}));
}

TEST_F(DatedNamed, AWindowKeepsRelationsWithSomeEvidenceInIt) {
  // From February: 张小军 (seen in March) and 赵青, not the undated 杨勇.
  EXPECT_EQ(column(ask_in("posts", {}, {"2024-02-01", ""}), "person"), (std::vector<std::string>{"张小军", "赵青"}));
  // Until January 2024: only the first sighting of 张小军's post counts.
  EXPECT_EQ(column(ask_in("posts", {}, {"", "2024-01-31"}), "person"), (std::vector<std::string>{"张小军"}));
  // A month-precise date counts when any of its days is in the window.
  EXPECT_EQ(column(ask_in("posts", {"张小军"}, {"2024-03-31", "2024-04-30"}), "last_seen"),
            (std::vector<std::string>{"2024-03"}));
  EXPECT_TRUE(ask_in("served", {}, {"2025-01-01", ""}).rows.empty());
  // With evidence, only the pieces in the window.
  evidence = true;
  EXPECT_EQ(column(ask_in("posts", {"张小军"}, {"2024-02-01", ""}), "sentence"),
            std::vector<std::string>{"张小军书记再次到访。"});
  EXPECT_EQ(column(ask_in("in", {"HICOOL产业园"}, {"2024-01-01", ""}), "entity"), std::vector<std::string>{});
}

TEST_F(DatedNamed, EntityShowsDatesBesideItsFactsAndDocuments) {
  const QueryResult r = ask("entity", {"张小军"});
  auto has_row = [&](const std::string& field, const std::string& value) {
    return std::find(r.rows.begin(), r.rows.end(), std::vector<std::string>{field, value}) != r.rows.end();
  };
  EXPECT_TRUE(has_row("post", "书记 @ 南法信镇党委 [2024-01-02 – 2024-03]"));
  EXPECT_TRUE(has_row("seen", "2024-01-02 – 2024-03"));
  EXPECT_TRUE(has_row("document", "news/b.txt (招商局服务企业) [2024-02-03]"));
  const QueryResult january = ask_in("entity", {"赵青"}, {"2024-01-01", "2024-01-31"});
  for (const auto& row : january.rows) EXPECT_NE(row[0], "post") << row[1];
}

TEST_F(DatedNamed, TimelineOrdersFactsByDateUndatedLast) {
  const QueryResult r = ask("timeline", {"杨勇"});
  EXPECT_EQ(r.columns, (std::vector<std::string>{"date", "kind", "fact", "sentence", "source"}));
  EXPECT_EQ(r.rows, (Rows{{"2023-12-30", "served", "-[served]-> 成都频岢微电子公司",
                           "杨勇走访成都频岢微电子公司，了解生产情况。", "news/a.txt"},
                          {"", "post", "副书记 @ 南法信镇党委", "镇党委副书记杨勇参加。", "news/a.txt"}}));
  // Month-precise dates sort by their first day; a window cuts.
  EXPECT_EQ(column(ask("timeline", {"张小军"}), "date"), (std::vector<std::string>{"2024-01-02", "2024-03"}));
  EXPECT_EQ(column(ask_in("timeline", {"张小军"}, {"2024-02-01", ""}), "date"), std::vector<std::string>{"2024-03"});
  // An entity in no relation: the documents that mention it, by date.
  const QueryResult alone = ask("timeline", {"中关村科技园"});
  EXPECT_EQ(alone.rows, (Rows{{"2024-01-02", "mention", "mentioned in 南法信镇走访企业", "", "news/a.txt"}}));
  EXPECT_TRUE(ask_in("timeline", {"中关村科技园"}, {"2025-01-01", ""}).rows.empty());
  EXPECT_THROW(ask("timeline"), std::invalid_argument);
  // The first N rows in date order, sentences and all.
  NamedQuery first;
  first.question = "timeline";
  first.arguments = {"张小军"};
  first.rows = 1;
  EXPECT_EQ(run_named(fixture.graph, first).rows,
            (Rows{{"2024-01-02", "post", "书记 @ 南法信镇党委", "南法信镇党委书记张小军带队走访。", "news/a.txt"}}));
}

}  // namespace
}  // namespace kg
