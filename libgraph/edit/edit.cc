// edit/edit.cc owns what each edit does (edit.h) and when it is applied:
// names and ids found through graph/names.h, arguments kept as JSON
// (RapidJSON), edits applied to the stored rows through the store's writer,
// inside the caller's transaction.
//
// How an edit lasts. A build or a remove changes the entities its documents
// touch and nothing else (resolve.h); the store lists the rows it wrote, and
// apply_edits looks up, in the log's index of name keys, the edits that name
// any of them, and applies those again. Each application is idempotent: a
// merge of entities already merged, a name already shown, an entity already
// deleted change nothing. What resolution itself must see differently is a
// change of records: a retype rewrites the type of every record of the name
// wherever resolution reads extractions (Store::set_extraction_rewriter), so
// that adding and removing documents keep finding the entity in its new type.
//
// A shown name is held by a pin: kPinned added to the own count of that
// spelling, so that it stays the most frequent whatever later documents
// bring; the real counts are the pin's remainder.
#include "edit/edit.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "graph/names.h"
#include "resolve/aggregate.h"
#include "resolve/resolve.h"
#include "store/store_source.h"

namespace kg {
namespace {

constexpr std::uint32_t kPinned = 1u << 28;

// --- which entity an edit names -------------------------------------------------------

struct Selector {
  EntityType group = EntityType::Organization;
  std::string key;   // name key of the name shown when the edit was made
  std::string name;  // that name, and the id then, for people reading the log
  std::string id;
  std::vector<std::uint64_t> affiliations;  // people: sorted
  std::string anchor;                       // people
};

std::string shown_key(const EntityData& data) {
  const std::string name = displayed_name(data);
  for (const Spelling& s : data.spellings)
    if (s.text == name) return key_of(s);
  return lookup_key(name);
}

Selector selector_of(const EntityData& data) {
  Selector s;
  s.group = data.group;
  s.key = shown_key(data);
  s.name = displayed_name(data);
  s.id = format_key('e', entity_key(data));
  if (data.group == EntityType::Person) {
    s.affiliations = data.affiliations;
    s.anchor = data.anchor;
  }
  return s;
}

std::vector<std::string> own_keys(const EntityData& data) {
  std::vector<std::string> keys;
  for (const Spelling& s : data.spellings)
    if (s.own > 0) keys.push_back(key_of(s));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

// A person is the one meant when they share a body with the person the edit
// named, or are known from the same document.
bool same_person(const Selector& s, const std::vector<std::uint64_t>& affiliations, const std::string& anchor) {
  const bool shared = std::any_of(affiliations.begin(), affiliations.end(), [&](std::uint64_t a) {
    return std::binary_search(s.affiliations.begin(), s.affiliations.end(), a);
  });
  return shared || (!s.anchor.empty() && s.anchor == anchor);
}

bool matches(const Selector& s, const EntityData& data) {
  if (data.group != s.group) return false;
  const auto keys = own_keys(data);
  if (!std::binary_search(keys.begin(), keys.end(), s.key)) return false;
  // A selector of a person without anything to tell them apart (one made of
  // an organisation a merge turned into a person) names every one of the name.
  return s.group != EntityType::Person || (s.affiliations.empty() && s.anchor.empty()) ||
         same_person(s, data.affiliations, data.anchor);
}

// The stored entities a selector names now, ascending.
std::vector<StoredEntityId> find(ResolvedGraph& graph, const Selector& s) {
  std::vector<StoredEntityId> found;
  for (StoredEntityId id : graph.entities_with_name(s.group, s.key))
    if (matches(s, graph.entity(id))) found.push_back(id);
  return found;
}

// --- the log's arguments, as JSON ---------------------------------------------------------

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_selector(Writer& w, const char* field, const Selector& s) {
  w.Key(field);
  w.StartObject();
  w.Key("group");
  w.String(std::string(to_string(s.group)).c_str());
  w.Key("key");
  w.String(s.key.c_str());
  w.Key("name");
  w.String(s.name.c_str());
  w.Key("id");
  w.String(s.id.c_str());
  if (s.group == EntityType::Person) {
    w.Key("affiliations");
    w.StartArray();
    for (std::uint64_t a : s.affiliations) w.String(format_key('a', a).c_str());
    w.EndArray();
    w.Key("anchor");
    w.String(s.anchor.c_str());
  }
  w.EndObject();
}

// One edit as the log holds it.
struct Edit {
  std::int64_t id = 0;
  std::string kind;
  Selector a, b;  // b: merge's target, delete-relation's target
  bool has_b = false;
  std::string value;  // rename: the name; alias: the alias; retype: the type
  RelationType relation = RelationType::located_in;
  std::string title_key;  // delete-relation
  std::string relation_id;
  std::string source, content;  // split: the file as given and the sha256 of its bytes then
};

std::string encode(const Edit& e) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  write_selector(w, e.kind == "delete-relation" ? "source" : "entity", e.a);
  if (e.has_b) write_selector(w, e.kind == "delete-relation" ? "target" : "into", e.b);
  if (!e.value.empty()) {
    w.Key("value");
    w.String(e.value.c_str());
  }
  if (e.kind == "split") {
    w.Key("source");
    w.String(e.source.c_str());
    w.Key("content");
    w.String(e.content.c_str());
  }
  if (e.kind == "delete-relation") {
    w.Key("relation");
    w.String(e.relation_id.c_str());
    w.Key("type");
    w.String(std::string(to_string(e.relation)).c_str());
    w.Key("title_key");
    w.String(e.title_key.c_str());
  }
  w.EndObject();
  return buffer.GetString();
}

std::string member(const rapidjson::Value& object, const char* field) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(field);
  return it != object.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString(), it->value.GetStringLength())
                                                          : std::string();
}

Selector read_selector(const rapidjson::Value& v) {
  Selector s;
  if (auto group = parse_entity_type(member(v, "group"))) s.group = *group;
  s.key = member(v, "key");
  s.name = member(v, "name");
  s.id = member(v, "id");
  s.anchor = member(v, "anchor");
  if (v.IsObject())
    if (auto it = v.FindMember("affiliations"); it != v.MemberEnd() && it->value.IsArray())
      for (const auto& a : it->value.GetArray())
        if (a.IsString() && a.GetStringLength() == 17)
          s.affiliations.push_back(std::stoull(std::string(a.GetString() + 1, 16), nullptr, 16));
  std::sort(s.affiliations.begin(), s.affiliations.end());
  return s;
}

Edit decode(const Store::StoredEdit& stored) {
  Edit e;
  e.id = stored.id;
  e.kind = stored.kind;
  rapidjson::Document json;
  json.Parse(stored.arguments.c_str());
  if (json.HasParseError() || !json.IsObject())
    throw EditError("database: edit " + std::to_string(stored.id) + " has damaged arguments");
  const bool relation = e.kind == "delete-relation";
  if (auto it = json.FindMember(relation ? "source" : "entity"); it != json.MemberEnd()) e.a = read_selector(it->value);
  if (auto it = json.FindMember(relation ? "target" : "into"); it != json.MemberEnd()) {
    e.b = read_selector(it->value);
    e.has_b = true;
  }
  e.value = member(json, "value");
  e.relation_id = member(json, "relation");
  if (auto type = parse_relation_type(member(json, "type"))) e.relation = *type;
  e.title_key = member(json, "title_key");
  if (e.kind == "split") {
    e.source = member(json, "source");
    e.content = member(json, "content");
  }
  return e;
}

// The name records split off from an entity take: the name and the file,
// so that a reader tells the two apart (rename it to taste).
std::string split_name(const Edit& e) {
  return e.a.name + "（" + std::filesystem::path(e.source).filename().string() + "）";
}

std::string describe(const Edit& e) {
  auto who = [](const Selector& s) { return s.name + " (" + s.id + ")"; };
  if (e.kind == "merge") return "merge " + who(e.a) + " into " + who(e.b);
  if (e.kind == "rename") return "rename " + who(e.a) + " to " + e.value;
  if (e.kind == "retype") return "retype " + who(e.a) + " as " + e.value;
  if (e.kind == "alias") return "alias " + e.value + " for " + who(e.a);
  if (e.kind == "delete") return "delete " + who(e.a);
  if (e.kind == "split") return "split " + who(e.a) + ": its mentions in " + e.source + " are " + split_name(e);
  if (e.kind == "delete-relation")
    return "delete relation " + e.relation_id + " (" + e.a.name + " " + std::string(to_string(e.relation)) + " " +
           e.b.name + ")";
  return e.kind;
}

// --- changing aggregates -----------------------------------------------------------------

// Makes `name` the shown name (see kPinned); other pins are taken off.
bool pin(EntityData& data, const std::string& name) {
  if (displayed_name(data) == name) return false;
  for (Spelling& s : data.spellings)
    if (s.text != name)
      while (s.own >= kPinned) s.own -= kPinned;
  add_spelling(data.spellings, name, 0, 0);
  for (Spelling& s : data.spellings)
    if (s.text == name) {
      while (s.own >= 2 * kPinned) s.own -= kPinned;
      if (s.own < kPinned) s.own += kPinned;
    }
  return true;
}

void add_entity(EntityData& into, const EntityData& from) {
  into.records += from.records;
  into.official_records += from.official_records;
  for (const Spelling& s : from.spellings) add_spelling(into.spellings, s.text, s.own, s.alias, s.key);
  for (const AliasLink& l : from.links) add_link(into.links, l.from, l.to, l.count);
  for (std::uint64_t a : from.affiliations) {
    auto it = std::lower_bound(into.affiliations.begin(), into.affiliations.end(), a);
    if (it == into.affiliations.end() || *it != a) into.affiliations.insert(it, a);
  }
  if (!from.anchor.empty() && (into.anchor.empty() || from.anchor < into.anchor)) into.anchor = from.anchor;
  for (const AttributeCount& a : from.attributes) add_attribute(into.attributes, a.key, a.value, a.count);
  for (const DocumentSpans& m : from.mentions) add_mentions(into.mentions, m.document, m.spans);
}

void add_relation(RelationData& into, const RelationData& from) {
  into.count += from.count;
  for (const Spelling& s : from.titles) add_spelling(into.titles, s.text, s.own, s.alias, s.key);
  for (const AttributeCount& a : from.attributes) add_attribute(into.attributes, a.key, a.value, a.count);
  for (const Evidence& e : from.evidence) add_evidence(into.evidence, e);
}

std::vector<std::int64_t> documents_of(const EntityData& data) {
  std::vector<std::int64_t> ids;
  for (const DocumentSpans& m : data.mentions) ids.push_back(m.document);
  return ids;
}

// --- applying one edit to the rows -------------------------------------------------------

class Application {
 public:
  explicit Application(Store& store) : store_(store), graph_(store.resolved_graph()), sink_(store.graph_writer()) {}

  // True when the graph changed; the documents of what changed are recorded
  // with the edit (undo resolves them again).
  bool apply(const Edit& e) {
    documents_.clear();
    bool changed = false;
    if (e.kind == "merge") changed = merge(e);
    else if (e.kind == "rename") changed = rename(e);
    else if (e.kind == "alias") changed = alias(e);
    else if (e.kind == "delete") changed = erase(e);
    else if (e.kind == "delete-relation") changed = erase_relation(e);
    // retype changes records, not rows (install_edits).
    if (changed) store_.add_edit_documents(e.id, documents_);
    return changed;
  }

 private:
  void note(const EntityData& data) {
    for (const DocumentSpans& m : data.mentions) documents_.push_back(m.document);
  }

  void delete_entity(StoredEntityId id) {
    note(graph_.entity(id));
    for (StoredRelationId r : graph_.relations_of(id)) sink_.relation({r, true, {}});
    sink_.entity({id, true, {}});
  }

  // Moves `from`'s relations to `into`, adding them to relations `into`
  // already has, and `from`'s aggregate into `into`'s.
  void merge_into(StoredEntityId into, StoredEntityId from) {
    const EntityData taken = graph_.entity(from);
    note(taken);
    for (StoredRelationId rid : graph_.relations_of(from)) {
      StoredRelation r = graph_.relation(rid);
      sink_.relation({rid, true, {}});
      if (r.source == from) r.source = into;
      if (r.target == from) r.target = into;
      if (r.source == r.target) continue;
      if (is_symmetric(r.type) && r.source > r.target) std::swap(r.source, r.target);
      std::optional<StoredRelationId> existing = graph_.find_relation(r.source, r.target, r.type, r.title_key);
      if (!existing && is_symmetric(r.type)) existing = graph_.find_relation(r.target, r.source, r.type, r.title_key);
      if (existing) {
        StoredRelation kept = graph_.relation(*existing);
        add_relation(kept.data, r.data);
        sink_.relation({*existing, false, std::move(kept)});
      } else {
        sink_.relation({--new_relation_, false, std::move(r)});
      }
    }
    sink_.entity({from, true, {}});
    EntityData data = graph_.entity(into);
    note(data);
    add_entity(data, taken);
    sink_.entity({into, false, std::move(data)});
  }

  bool merge(const Edit& e) {
    // A's records are of B's group by now (install_edits).
    Selector a = e.a;
    a.group = e.b.group;
    const auto from = find(graph_, a), into = find(graph_, e.b);
    if (from.empty() || into.empty()) return false;
    const StoredEntityId target = into.front();
    std::set<StoredEntityId> others(from.begin(), from.end());
    others.insert(into.begin() + 1, into.end());
    others.erase(target);
    for (StoredEntityId id : others) merge_into(target, id);
    // B's name stays the one shown.
    EntityData data = graph_.entity(target);
    const bool named = std::any_of(data.spellings.begin(), data.spellings.end(),
                                   [&](const Spelling& s) { return s.text == e.b.name && s.own > 0; });
    if (named && pin(data, e.b.name)) {
      note(data);
      sink_.entity({target, false, std::move(data)});
      return true;
    }
    return !others.empty();
  }

  bool rename(const Edit& e) {
    bool changed = false;
    for (StoredEntityId id : find(graph_, e.a)) {
      EntityData data = graph_.entity(id);
      if (!pin(data, e.value)) continue;
      note(data);
      sink_.entity({id, false, std::move(data)});
      changed = true;
    }
    return changed;
  }

  bool alias(const Edit& e) {
    bool changed = false;
    for (StoredEntityId id : find(graph_, e.a)) {
      EntityData data = graph_.entity(id);
      if (std::any_of(data.spellings.begin(), data.spellings.end(), [&](const Spelling& s) { return s.text == e.value; }))
        continue;
      add_spelling(data.spellings, e.value, 0, 1);
      note(data);
      sink_.entity({id, false, std::move(data)});
      changed = true;
    }
    return changed;
  }

  bool erase(const Edit& e) {
    const auto ids = find(graph_, e.a);
    for (StoredEntityId id : ids) delete_entity(id);
    return !ids.empty();
  }

  bool erase_relation(const Edit& e) {
    const auto sources = find(graph_, e.a), targets = find(graph_, e.b);
    bool changed = false;
    for (StoredEntityId s : sources)
      for (StoredRelationId rid : graph_.relations_of(s)) {
        const StoredRelation r = graph_.relation(rid);
        if (r.type != e.relation || r.title_key != e.title_key) continue;
        const bool forward = r.source == s && std::binary_search(targets.begin(), targets.end(), r.target);
        const bool backward = is_symmetric(r.type) && r.target == s &&
                              std::binary_search(targets.begin(), targets.end(), r.source);
        if (!forward && !backward) continue;
        for (const Evidence& ev : r.data.evidence) documents_.push_back(ev.document);
        sink_.relation({rid, true, {}});
        changed = true;
      }
    return changed;
  }

  Store& store_;
  ResolvedGraph& graph_;
  ChangeSink& sink_;
  std::vector<std::int64_t> documents_;
  StoredRelationId new_relation_ = 0;
};

std::vector<Edit> active_edits(const Store& store, const std::vector<std::int64_t>& ids = {}) {
  std::vector<Edit> list;
  for (const Store::StoredEdit& stored : store.edits(ids))
    if (!stored.undone) list.push_back(decode(stored));
  return list;
}

// --- resolving again ----------------------------------------------------------------

// Takes documents out of the graph and puts them back: what an edit changed
// is resolved again from its records. `between` runs in the middle (the log
// changes there, so that the removal sees the records as they were counted
// and the addition as they are now).
void resolve_again(Store& store, std::vector<std::int64_t> documents, const std::function<void()>& between) {
  std::sort(documents.begin(), documents.end());
  documents.erase(std::unique(documents.begin(), documents.end()), documents.end());
  ResolvedGraph& graph = store.resolved_graph();
  if (!documents.empty()) {
    Resolution removal(&graph);
    for (ResolvableDocument& doc : graph.documents(documents)) removal.remove(std::move(doc));
    store.apply(removal);
  }
  between();
  if (!documents.empty()) {
    Resolution addition(store.graph_empty() ? nullptr : &graph);
    for (ResolvableDocument& doc : graph.documents(documents)) addition.add(std::move(doc));
    store.apply(addition);
  }
  apply_edits(store);
}

// --- finding what the user names ------------------------------------------------------------

std::string telling_apart(const StoreSource& source, const EntitySummary& e) {
  std::string line = "  " + e.id + "  " + std::string(to_string(e.type)) + "  " + e.name;
  auto posts = source.relations_of(e.ref, EdgeDirection::out, RelationType::holds_post);
  if (posts.empty()) posts = source.relations_of(e.ref, EdgeDirection::out, std::nullopt);
  if (!posts.empty()) {
    const RelationSummary& r = posts.front();
    line += "  " + (r.type == RelationType::holds_post ? r.title + " of " : std::string(to_string(r.type)) + " ") +
            r.target.name;
  }
  const EntityDetails details = source.details(e.ref);
  if (!details.documents.empty())
    if (auto doc = source.document(details.documents.front())) line += "  first in " + doc->source;
  return line;
}

EntitySummary find_entity(const StoreSource& source, const std::string& name) {
  if (name.empty()) throw EditUsageError("an entity name or id is empty");
  const NameMatches matches = match_name(source, name);
  if (matches.entities.empty()) throw EditError("no entity named '" + name + "'");
  if (matches.tier == NameTier::part) {
    std::string list;
    for (std::size_t i = 0; i < matches.entities.size() && i < 10; ++i)
      list += "\n" + telling_apart(source, matches.entities[i]);
    throw EditError("no entity named '" + name + "'; names containing it (give the whole name or an id):" + list);
  }
  if (matches.entities.size() > 1) {
    constexpr std::size_t kShown = 40;
    std::string list;
    for (std::size_t i = 0; i < matches.entities.size() && i < kShown; ++i)
      list += "\n" + telling_apart(source, matches.entities[i]);
    if (matches.entities.size() > kShown)
      list += "\n  … and " + std::to_string(matches.entities.size() - kShown) + " more";
    throw EditError("'" + name + "' names " + std::to_string(matches.entities.size()) +
                    " entities; give the id of the one you mean:" + list);
  }
  return matches.entities.front();
}

RelationSummary find_relation(const StoreSource& source, const std::string& id) {
  if (id.size() != 17 || id[0] != 'r' || id.find_first_not_of("0123456789abcdef", 1) != std::string::npos)
    throw EditUsageError("'" + id + "' is not a relation id (r and 16 hex digits)");
  auto found = source.relation_by_id(id);
  if (!found) throw EditError("no relation with id " + id);
  return std::move(*found);
}

// "; eOLD now eNEW" when the user named something by an id an edit has
// changed since (schema/009): the id it has now is the one to use.
std::string now_known_as(const std::string& given, const std::string& id) {
  const bool an_id = given.size() == id.size() && given[0] == id[0] &&
                     given.find_first_not_of("0123456789abcdef", 1) == std::string::npos;
  return an_id && given != id ? "; " + given + " now " + id : std::string();
}

// One transaction, on a database checked first: a damaged database is
// refused rather than written on, as by a build. An edit reads and writes a
// small part of the file, and the whole PRAGMA quick_check took most of its
// time on a big database (0.7 s of 218 MB): the tables it writes whole are
// checked, and every page it reads or writes on the way (Store::
// check_integrity(tables)); damage met fails the edit, which rolls back.
// The next build checks the whole file.
template <typename Work>
auto in_transaction(Store& store, Work work) {
  store.begin();
  try {
    store.check_integrity({"edits", "edit_keys", "edit_documents", "counters", "entity_moves"});
    auto result = work();
    store.commit();
    return result;
  } catch (...) {
    try {
      store.rollback();
    } catch (...) {
    }
    throw;
  }
}

const std::vector<std::string>& kinds() {
  static const std::vector<std::string> list = {"merge",  "rename", "retype", "alias",
                                                "delete", "delete-relation", "split"};
  return list;
}

// A path as the store keeps sources (pipeline.h, source_key): lexically
// normalised, no trailing slash. Repeated here because the pipeline stage
// comes after this one.
std::string stored_source(const std::string& path) {
  std::string key = std::filesystem::path(path).lexically_normal().generic_string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

// A record of this group's type: a merge into a person makes records of
// people.
EntityType record_type_of(EntityType group) { return group; }

// Edits resolution must see, as a change of records rather than of rows: a
// retype, and a merge of entities of two groups (A's records become of B's
// type, so that resolution finds them where B is, then the rows merge).
bool changes_records(const Edit& e) {
  return e.kind == "retype" || e.kind == "split" || (e.kind == "merge" && e.a.group != e.b.group);
}
bool changes_records(const std::string& kind, const std::string& arguments) {
  if (kind == "retype" || kind == "split") return true;
  if (kind != "merge") return false;
  return changes_records(decode({0, {}, {}, kind, arguments, false}));
}

// --- ids users have seen (schema/009) -------------------------------------------------------

// How to find each entity whose id an edit changes (A, then B), as it is
// while the edit is in force or as it was made: the first of a few
// selectors that finds one entity. In force, a rename shows the new name (the
// old one stays an own spelling only while no later rename took the pin),
// a merge or a retype put A's records in another group. B last: where a
// merge sends two ids, B's wins.
using Finders = std::vector<std::vector<Selector>>;
Finders id_finders(const Edit& e, bool in_force) {
  if (e.kind == "delete-relation") return {};
  Finders list;
  std::vector<Selector>& a = list.emplace_back(1, e.a);
  if (in_force && e.kind == "merge") a.front().group = e.b.group;
  if (in_force && e.kind == "retype") a.front().group = resolution_group(parse_entity_type(e.value).value_or(e.a.group));
  if (in_force && e.kind == "rename") {
    Selector shown = e.a;
    shown.key = lookup_key(e.value);
    a.insert(a.begin(), shown);
  }
  if (e.has_b) list.emplace_back(1, e.b);
  return list;
}

// The id (entities.key) of each entity, when one is found.
std::vector<std::optional<std::uint64_t>> keys_now(ResolvedGraph& graph, const Finders& finders) {
  std::vector<std::optional<std::uint64_t>> keys;
  for (const std::vector<Selector>& ways : finders) {
    std::optional<std::uint64_t>& key = keys.emplace_back();
    for (const Selector& s : ways)
      if (const auto found = find(graph, s); found.size() == 1) {
        key = entity_key(graph.entity(found.front()));
        break;
      }
  }
  return keys;
}

// The ids the selectors had when the edit was made (the log keeps them).
std::vector<std::optional<std::uint64_t>> keys_made(const Edit& e) {
  std::vector<std::optional<std::uint64_t>> keys;
  for (const std::vector<Selector>& ways : id_finders(e, false)) {
    const Selector& s = ways.front();
    std::uint64_t key = 0;
    const bool valid = s.id.size() == 17 && s.id[0] == 'e' &&
                       std::from_chars(s.id.data() + 1, s.id.data() + s.id.size(), key, 16).ptr == s.id.data() + s.id.size();
    keys.push_back(valid ? std::optional<std::uint64_t>(key) : std::nullopt);
  }
  return keys;
}

// Records that the entities keyed `before` are keyed `after` now (one of
// each per selector), so that the ids users saw keep finding them; returns
// "; eOLD now eNEW" for each id that moved.
std::string record_moves(Store& store, const std::vector<std::optional<std::uint64_t>>& before,
                         const std::vector<std::optional<std::uint64_t>>& after) {
  std::string said;
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
    if (!before[i] || !after[i] || *before[i] == *after[i]) continue;
    // A later selector that moves the same id says where it goes.
    bool later = false;
    for (std::size_t j = i + 1; j < before.size() && j < after.size(); ++j) later |= before[j] == before[i] && after[j];
    if (!later && store.move_entity_key(*before[i], *after[i]))
      said += "; " + format_key('e', *before[i]) + " now " + format_key('e', *after[i]);
  }
  for (const auto& key : after)
    if (key) store.forget_entity_move(*key);
  return said;
}

}  // namespace

// --- the public interface ----------------------------------------------------------------------

void install_edits(Store& store) {
  store.set_extraction_rewriter({});
  if (!store.has_edits()) return;
  // Changes of records by the name key of the records they concern, in log
  // order: a new type, or (a split) a new name in the documents of one file.
  struct RecordChange {
    Selector selector;
    EntityType type;
    std::string content, name;  // split: the file's sha256 and the name its records take
  };
  std::unordered_map<std::string, std::vector<RecordChange>> changes;
  for (const Store::StoredEdit& stored : store.edits())
    if (!stored.undone && changes_records(stored.kind, stored.arguments)) {
      const Edit e = decode(stored);
      if (e.kind == "merge") changes[e.a.key].push_back({e.a, record_type_of(e.b.group), {}, {}});
      else if (e.kind == "split") changes[e.a.key].push_back({e.a, EntityType::Organization, e.content, split_name(e)});
      else if (auto type = parse_entity_type(e.value)) changes[e.a.key].push_back({e.a, *type, {}, {}});
    }
  if (changes.empty()) return;
  store.set_extraction_rewriter([changes = std::move(changes)](ResolvableDocument& doc) {
    const std::string anchor = doc.content.substr(0, 16) + "#" + std::to_string(doc.info.part);
    for (LocalEntity& entity : doc.extraction.entities) {
      auto it = changes.find(lookup_key(entity.name));
      if (it == changes.end()) continue;
      std::vector<std::uint64_t> affiliations;
      bool affiliations_known = false;
      for (const RecordChange& change : it->second) {
        if (resolution_group(entity.type) != change.selector.group) continue;
        if (change.selector.group == EntityType::Person) {
          if (!affiliations_known) {
            for (const std::string& a : entity.affiliations) affiliations.push_back(affiliation_hash(lookup_key(a)));
            std::sort(affiliations.begin(), affiliations.end());
            affiliations_known = true;
          }
          if (!same_person(change.selector, affiliations, anchor)) continue;
        }
        if (change.name.empty()) {
          entity.type = change.type;
        } else if (doc.content == change.content) {
          // Its own name key: resolution keeps it apart; the old name stays an alias.
          entity.aliases.push_back(entity.name);
          entity.name = change.name;
          break;
        }
      }
    }
  });
}

EditsApplied apply_edits(Store& store, bool all) {
  EditsApplied result;
  if (!store.has_edits()) {
    store.forget_touched_entities();
    return result;
  }
  std::set<std::int64_t> applied;
  Application application(store);
  if (all) {
    store.forget_touched_entities();
    for (const Edit& e : active_edits(store)) {
      ++result.examined;
      if (application.apply(e)) ++result.changed;
      applied.insert(e.id);
    }
  }
  // What the batch wrote, then what the edits wrote, until no edit is left
  // that names them.
  for (int round = 0; round < 16; ++round) {
    std::vector<std::int64_t> touched = store.touched_entities();
    store.forget_touched_entities();
    if (touched.empty()) break;
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    std::vector<std::string> keys;
    const StoreSource source(store);
    for (std::int64_t id : touched) {
      if (!source.entity(id)) continue;  // deleted since
      for (std::string& key : own_keys(store.resolved_graph().entity(id))) keys.push_back(std::move(key));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<std::int64_t> ids;
    for (std::int64_t id : store.edits_with_keys(keys))
      if (applied.insert(id).second) ids.push_back(id);
    if (ids.empty()) break;
    for (const Edit& e : active_edits(store, ids)) {
      ++result.examined;
      if (application.apply(e)) ++result.changed;
    }
  }
  store.forget_touched_entities();
  return result;
}

EditOutcome make_edit(Store& store, const EditRequest& request) {
  if (std::find(kinds().begin(), kinds().end(), request.kind) == kinds().end())
    throw EditUsageError("unknown edit '" + request.kind + "'");
  const bool two = request.kind == "merge";
  if (request.names.size() != (two ? 2u : 1u))
    throw EditUsageError(request.kind + " takes " + (two ? "two names" : "one name"));
  const bool valued =
      request.kind == "rename" || request.kind == "retype" || request.kind == "alias" || request.kind == "split";
  if (valued && request.value.empty())
    throw EditUsageError(request.kind + (request.kind == "split" ? ": --source FILE is missing" : ": the new value is empty"));
  std::optional<EntityType> type;
  if (request.kind == "retype") {
    type = parse_entity_type(request.value);
    if (!type) {
      std::string list;
      for (EntityType t : all_entity_types()) list += (list.empty() ? "" : ", ") + std::string(to_string(t));
      throw EditUsageError("retype: unknown type '" + request.value + "' (one of " + list + ")");
    }
  }
  return in_transaction(store, [&] {
    install_edits(store);
    ResolvedGraph& graph = store.resolved_graph();
    const StoreSource source(store);
    Edit e;
    e.kind = request.kind;
    e.value = request.value;
    std::vector<std::int64_t> documents;
    EntityType shown_type = EntityType::Organization;
    std::string said;  // "; eOLD now eNEW"
    if (e.kind == "delete-relation") {
      const RelationSummary found = find_relation(source, request.names.front());
      said += now_known_as(request.names.front(), found.id);
      const StoredRelation r = graph.relation(found.ref);
      e.relation_id = found.id;
      e.relation = r.type;
      e.title_key = r.title_key;
      e.a = selector_of(graph.entity(r.source));
      e.b = selector_of(graph.entity(r.target));
      e.has_b = true;
    } else {
      const EntitySummary found = find_entity(source, request.names.front());
      said += now_known_as(request.names.front(), found.id);
      const StoredEntityId a = found.ref;
      const EntityData data = graph.entity(a);
      e.a = selector_of(data);
      shown_type = displayed_type(data);
      documents = documents_of(data);
      if (two) {
        const EntitySummary found_b = find_entity(source, request.names.back());
        said += now_known_as(request.names.back(), found_b.id);
        const StoredEntityId b = found_b.ref;
        if (a == b) throw EditError("merge: '" + request.names[0] + "' and '" + request.names[1] + "' are one entity already");
        e.b = selector_of(graph.entity(b));
        e.has_b = true;
      }
    }
    if (e.kind == "split") {
      e.value.clear();
      e.source = stored_source(request.value);
      const auto sha = store.file_sha256(e.source);
      if (!sha) throw EditError("split: " + e.source + " was not built into " + store.path() + " (kg stats lists the sources)");
      e.content = *sha;
      bool inside = false, outside = false;
      for (const ResolvableDocument& doc : graph.documents(documents)) (doc.content == e.content ? inside : outside) = true;
      if (!inside) throw EditError("split: " + e.a.name + " is not mentioned in " + e.source);
      if (!outside) throw EditError("split: every mention of " + e.a.name + " is in " + e.source + "; there is nothing to split");
    }
    if (e.kind == "rename") {
      for (StoredEntityId other : graph.entities_with_name(e.a.group, lookup_key(e.value)))
        if (!matches(e.a, graph.entity(other)))
          throw EditError("rename: another " + std::string(to_string(e.a.group)) + " is named '" + e.value +
                          "' (" + selector_of(graph.entity(other)).id + "); to make them one, use kg edit merge");
    }
    if (e.kind == "retype" && shown_type == *type)
      throw EditError("retype: " + e.a.name + " is a " + e.value + " already");
    std::vector<std::string> keys = {e.a.key};
    if (e.has_b) keys.push_back(e.b.key);
    const std::string arguments = encode(e);
    if (changes_records(e)) {
      // A change of records: the entity's documents are resolved again,
      // taken out as they were counted and put back changed (then a merge
      // merges the rows, found through the keys the batch wrote).
      resolve_again(store, documents, [&] {
        e.id = store.add_edit(e.kind, arguments, request.made_by, keys);
        store.add_edit_documents(e.id, documents);
        install_edits(store);
      });
    } else {
      e.id = store.add_edit(e.kind, arguments, request.made_by, keys);
      Application(store).apply(e);
      apply_edits(store);
    }
    said += record_moves(store, keys_made(e), keys_now(graph, id_finders(e, true)));
    return EditOutcome{e.id, describe(e) + said};
  });
}

std::vector<EditListing> list_edits(const Store& store) {
  std::vector<EditListing> list;
  for (const Store::StoredEdit& stored : store.edits())
    list.push_back({stored.id, stored.made_at, stored.made_by, stored.kind, describe(decode(stored)), stored.undone});
  return list;
}

EditOutcome undo_edit(Store& store, std::int64_t id) {
  return in_transaction(store, [&] {
    const auto stored = store.edits({id});
    if (stored.empty()) throw EditError("no edit " + std::to_string(id) + " (kg edit list shows them)");
    if (stored.front().undone) throw EditError("edit " + std::to_string(id) + " is undone already");
    const Edit e = decode(stored.front());
    install_edits(store);
    // What it changed: the documents recorded when it applied, and those of
    // the entities it names now.
    std::vector<std::int64_t> documents = store.edit_documents(id);
    ResolvedGraph& graph = store.resolved_graph();
    for (const Selector* s : {&e.a, &e.b}) {
      if (s == &e.b && !e.has_b) continue;
      for (StoredEntityId entity : find(graph, *s))
        for (std::int64_t doc : documents_of(graph.entity(entity))) documents.push_back(doc);
    }
    // A's records where a change of records put them.
    const Finders in_force = id_finders(e, true);
    if (changes_records(e))
      for (StoredEntityId entity : find(graph, in_force.front().back()))
        for (std::int64_t doc : documents_of(graph.entity(entity))) documents.push_back(doc);
    if (e.kind == "rename")
      for (StoredEntityId entity : graph.entities_with_name(e.a.group, lookup_key(e.value)))
        for (std::int64_t doc : documents_of(graph.entity(entity))) documents.push_back(doc);
    // The ids the edit gave go back to those its entities have without it.
    const auto given = keys_now(graph, in_force);
    resolve_again(store, documents, [&] {
      store.set_edit_undone(id, true);
      install_edits(store);
    });
    const std::string said = record_moves(store, given, keys_now(graph, id_finders(e, false)));
    return EditOutcome{id, "undid edit " + std::to_string(id) + ": " + describe(e) + said};
  });
}

}  // namespace kg
