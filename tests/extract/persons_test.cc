// Person names (extract/mentions/persons.cc): where a name ends after its
// surname, and names that share the title written before the first of them.
// Every sentence is written for its test; names are made up.
#include "extract_fixture.h"

namespace kg::testing {
namespace {

// 率 is a strong ender (speech_verbs.txt): it ends a name wherever it follows
// one, even with no title in view.
TEST(PersonEnders, RateEndsTheName) {
  auto x = extract_text("梁启航率工作专班到柳湾镇调研。\n");
  EXPECT_NE(x.entity("梁启航"), nullptr) << x.dump();
  EXPECT_EQ(x.entity("梁启"), nullptr) << x.dump();
  EXPECT_EQ(x.entity("梁启航率"), nullptr) << x.dump();
}

TEST(PersonEnders, ZuoEndsTheName) {
  auto x = extract_text("会上，滕文涛作了表态发言。\n");
  EXPECT_NE(x.entity("滕文涛"), nullptr) << x.dump();
}

TEST(PersonEnders, XiangEndsTheName) {
  auto x = extract_text("会上，韩立诚向受表彰的企业颁奖。\n");
  EXPECT_NE(x.entity("韩立诚"), nullptr) << x.dump();
  EXPECT_EQ(x.entity("韩立"), nullptr) << x.dump();
}

// A titled two-character name before a preposition and a body: the name ends
// at the preposition, and the body's name starts after it.
TEST(PersonEnders, APrepositionAfterATitledNameBeforeABody) {
  auto x = extract_text("石岭镇党委书记罗振宇向县招商服务中心党组表态。\n");
  EXPECT_TRUE(x.has("罗振宇", EntityType::Official)) << x.dump();
  x = extract_text("临时党支部书记刘波向县招商服务中心党组表态。\n");
  EXPECT_TRUE(x.has("刘波", EntityType::Official)) << x.dump();
  EXPECT_TRUE(x.has("县招商服务中心党组", EntityType::PartyOrg)) << x.dump();
  EXPECT_EQ(x.entity("刘波向县招商服务中心党组"), nullptr) << x.dump();
}

// 为 is weak (no strong column): it stands inside given names, so 张为民表示
// is 张为民, not 张 + 为.
TEST(PersonEnders, AWeakOneCharacterWordStaysInsideAGivenName) {
  auto x = extract_text("张为民表示，将全力支持企业发展。\n");
  EXPECT_NE(x.entity("张为民"), nullptr) << x.dump();
  EXPECT_EQ(x.entity("张为"), nullptr) << x.dump();
}

// A title glued to the name still makes an Official when the ender follows.
TEST(PersonEnders, TitledNameBeforeRate) {
  auto x = extract_text("市委常委、副市长梁启航率队到柳湾镇调研。\n");
  EXPECT_TRUE(x.has("梁启航", EntityType::Official)) << x.dump();
}

// A surname that is also a function word (向, 和, 各) begins a name only after
// a post or an introducing word: 向大家说明 is no person 向大家.
TEST(PersonNames, AFunctionWordSurnameNeedsAPost) {
  auto x = extract_text("会后，向大家说明了情况。\n");
  EXPECT_EQ(x.count(EntityType::Person), 0u) << x.dump();
  EXPECT_EQ(x.count(EntityType::Official), 0u) << x.dump();
}

TEST(PersonNames, AFunctionWordSurnameAfterAPost) {
  auto x = extract_text("副镇长向红梅表示，将全力做好服务。\n");
  EXPECT_TRUE(x.has("向红梅", EntityType::Official)) << x.dump();
}

// After a post, 和 still joins two nouns (负责人和老乡鸡) unless the name ends
// cleanly; a post before a name that ends at a speech verb keeps it (和平表示).
TEST(PersonNames, AConjunctionSurnameAfterAPostNeedsACleanEnd) {
  auto joined = extract_text("吸收6个部门负责人和老乡鸡等企业党组织书记共同兼任委员。\n");
  EXPECT_EQ(joined.count(EntityType::Person), 0u) << joined.dump();
  EXPECT_EQ(joined.count(EntityType::Official), 0u) << joined.dump();
  auto named = extract_text("副镇长和平表示，将全力做好服务。\n");
  EXPECT_TRUE(named.has("和平", EntityType::Official)) << named.dump();
}

// A name is no ordinary word (common_words.txt): 利润表示 is no person 利润.
TEST(PersonNames, AnOrdinaryWordIsNoName) {
  auto x = extract_text("今年，利润表示企业效益明显回升。\n");
  EXPECT_EQ(x.entity("利润"), nullptr) << x.dump();
  EXPECT_EQ(x.count(EntityType::Person), 0u) << x.dump();
}

// 同志 after a name makes an official, with no post written.
TEST(PersonNames, TongzhiAfterTheNameMakesAnOfficial) {
  auto x = extract_text("会上，邵景明同志作了讲话。\n");
  EXPECT_TRUE(x.has("邵景明", EntityType::Official)) << x.dump();
}

// A titled name holding a county's short form (德清 of 德清县) is the person.
TEST(PersonTitles, ATitledNameHoldingAShortFormIsThePerson) {
  auto x = extract_text("副县长王德清出席会议。王德清表示，将抓好落实。\n");
  EXPECT_TRUE(x.has("王德清", EntityType::Official)) << x.dump();
  EXPECT_EQ(x.entity("德清县"), nullptr) << x.dump();
  EXPECT_EQ(x.count(EntityType::Place), 0u) << x.dump();
}

// 县长葛文涛: a county short form (长葛) across a title and a surname loses to the person.
TEST(PersonTitles, AShortFormAcrossTitleAndSurname) {
  auto x = extract_text("县长葛文涛主持会议。\n");
  EXPECT_TRUE(x.has("葛文涛", EntityType::Official)) << x.dump();
  EXPECT_EQ(x.entity("长葛市"), nullptr) << x.dump();
}

// A signature: 党工委书记 罗振宇, with a space between the post and the name.
TEST(PersonTitles, ASpaceBetweenPostAndName) {
  auto x = extract_text("青溪经开区持续优化营商环境。青溪经开区党工委书记 罗振宇\n");
  EXPECT_TRUE(x.has("罗振宇", EntityType::Official)) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "罗振宇", "青溪经开区党工委"), nullptr) << x.dump();
}

// Compound surnames in a list that shares one title: 欧阳, 上官.
TEST(SharedTitle, CompoundSurnamesInTheList) {
  auto x = extract_text("县领导邵景明、欧阳晓峰、上官文静出席活动。\n");
  EXPECT_TRUE(x.has("邵景明", EntityType::Official)) << x.dump();
  EXPECT_TRUE(x.has("欧阳晓峰", EntityType::Official)) << x.dump();
  EXPECT_TRUE(x.has("上官文静", EntityType::Official)) << x.dump();
  EXPECT_EQ(x.entity("欧阳晓"), nullptr) << x.dump();
}

// 蒋世和、: a conjunction right before punctuation joins nothing; it is the
// end of the given name.
TEST(SharedTitle, AConjunctionBeforePunctuationEndsTheName) {
  auto x = extract_text("镇党委委员邵景明、蒋世和、韩立诚参加会议。\n");
  EXPECT_TRUE(x.has("蒋世和", EntityType::Official)) << x.dump();
  EXPECT_EQ(x.entity("蒋世"), nullptr) << x.dump();
  EXPECT_TRUE(x.has("韩立诚", EntityType::Official)) << x.dump();
}

// A two-character given name in the list ends at a boundary word of two or
// more characters (分别) or at a name ender (陪同).
TEST(SharedTitle, ATwoCharacterGivenNameEndsAtABoundaryWord) {
  auto x = extract_text("副县长邵景明、滕文涛分别作表态发言。\n");
  EXPECT_TRUE(x.has("滕文涛", EntityType::Official)) << x.dump();
  EXPECT_EQ(x.entity("滕文"), nullptr) << x.dump();
}

TEST(SharedTitle, ATwoCharacterGivenNameEndsAtANameEnder) {
  auto x = extract_text("副县长邵景明、滕文涛陪同。\n");
  EXPECT_TRUE(x.has("滕文涛", EntityType::Official)) << x.dump();
  EXPECT_EQ(x.entity("滕文"), nullptr) << x.dump();
}

}  // namespace
}  // namespace kg::testing
