// export/neo4j_writer.cc: the files of `neo4j-admin database import full`
// (Neo4j 5): one header file and one data file per node label and per
// relationship type, as the importer reads them, and import.sh with the exact
// command. Entities are (:Entity:<Type>) nodes in the ID space Entity,
// documents (:Document) nodes in the ID space Document; each relation type is
// a relationship type of the same name; MENTIONED_IN links an entity to the
// documents that mention it, EVIDENCE_IN links a relation's source entity to
// the document of each sentence that states it (relation_id says which).
//
// Fields are quoted, quotes doubled; line breaks become spaces because the
// importer refuses them unless told --multiline-fields; a missing number is
// an empty unquoted field, which the importer reads as no property.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "export/export.h"
#include "export/export_common.h"

namespace kg {

namespace {

void append_field(std::string& out, std::string_view text) {
  const std::string safe = export_detail::xml_clean(text);
  out += '"';
  for (char c : safe) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  out += '"';
}

// The importer splits arrays on ';', so an item may not contain one.
std::string array_field(const std::vector<std::string>& items) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) joined += ';';
    for (char c : items[i]) joined += c == ';' ? ',' : c;
  }
  return joined;
}

// A property name the header syntax cannot misread (no ':', ',', quotes).
std::string property_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    out += plain || static_cast<unsigned char>(c) >= 0x80 ? c : '_';
  }
  return out.empty() ? "_" : out;
}

struct Column {
  std::string attribute;  // the kg attribute name
  std::string header;     // "name:double" or "name"
  bool numeric = false;
};

// Attribute columns of the given entities or relations, named so that they
// collide neither with the fixed columns nor with each other.
// `shown` are attributes a fixed column already carries (a relation's date).
template <typename Props>
std::vector<Column> attribute_columns(const std::vector<const Props*>& items, std::set<std::string> taken,
                                      const std::set<std::string>& shown = {}) {
  std::map<std::string, bool> numeric;  // attribute -> every value a number
  for (const Props* p : items)
    for (const auto& [name, value] : p->attributes) {
      if (name.empty() || shown.count(name)) continue;
      auto [it, fresh] = numeric.emplace(name, export_detail::is_number(value));
      if (!fresh && !export_detail::is_number(value)) it->second = false;
    }
  std::vector<Column> columns;
  for (const auto& [name, is_numeric] : numeric) {
    std::string property = property_name(name);
    if (taken.count(property)) property = "attr_" + property;
    while (!taken.insert(property).second) property += "_";
    columns.push_back({name, property + (is_numeric ? ":double" : ""), is_numeric});
  }
  return columns;
}

void append_attributes(std::string& out, const Attributes& attributes, const std::vector<Column>& columns) {
  for (const Column& c : columns) {
    out += ',';
    const std::string* value = export_detail::attribute_value(attributes, c.attribute);
    if (!value) continue;  // empty and unquoted: no property
    if (c.numeric) out += *value;
    else append_field(out, *value);
  }
}

std::string header_line(const std::vector<std::string>& fixed, const std::vector<Column>& columns) {
  std::string line;
  for (const std::string& f : fixed) line += (line.empty() ? "" : ",") + f;
  for (const Column& c : columns) line += "," + c.header;
  return line + "\n";
}

class Writer {
 public:
  explicit Writer(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Writes `<name>_header.csv` and `<name>.csv`; returns the --nodes or
  // --relationships value "<labels>=<header>,<data>".
  std::string write(const std::string& labels, const std::string& name, const std::string& header,
                    const std::string& rows) {
    put(name + "_header.csv", header);
    put(name + ".csv", rows);
    return labels + "=" + name + "_header.csv," + name + ".csv";
  }
  void put(const std::string& file, const std::string& text) {
    std::ofstream out(dir_ / file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) throw ExportError("cannot write '" + (dir_ / file).string() + "'");
    files_.push_back(file);
  }
  const std::vector<std::string>& files() const { return files_; }

 private:
  std::filesystem::path dir_;
  std::vector<std::string> files_;
};

}  // namespace

std::vector<std::string> write_neo4j_csv(const KnowledgeGraph& graph, const std::string& dir) {
  using export_detail::document_ref;
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph);
  Writer files(dir);
  std::vector<std::string> nodes_args, relationships_args;

  std::set<std::int64_t> known_documents;
  {
    std::string rows;
    for (const DocumentInfo& doc : graph.documents) {
      known_documents.insert(doc.id);
      append_field(rows, document_ref(doc.id));
      rows += ',';
      append_field(rows, doc.source);
      rows += ',' + std::to_string(doc.part);
      for (const std::string* text : {&doc.title, &doc.published, &doc.outlet, &doc.author, &doc.editor}) {
        rows += ',';
        append_field(rows, *text);
      }
      rows += '\n';
    }
    nodes_args.push_back(files.write(
        "Document", "documents",
        "id:ID(Document),source,part:int,title,published,outlet,author,editor\n", rows));
  }

  for (EntityType type : all_entity_types()) {
    std::vector<Vertex> members;
    std::vector<const EntityProps*> props;
    for (auto [it, end] = boost::vertices(g); it != end; ++it)
      if (g[*it].type == type) {
        members.push_back(*it);
        props.push_back(&g[*it]);
      }
    if (members.empty()) continue;
    const std::vector<std::string> fixed = {"id:ID(Entity)", "name", "type", "aliases:string[]",
                                            "mentions:int", "first_source", "date"};
    const auto columns = attribute_columns(props, {"id", "name", "type", "aliases", "mentions", "first_source", "date"});
    std::string rows;
    for (Vertex v : members) {
      const EntityProps& e = g[v];
      const Provenance p = entity_provenance(graph, e);
      append_field(rows, ids.node[v]);
      rows += ',';
      append_field(rows, e.name);
      rows += ',';
      append_field(rows, to_string(e.type));
      rows += ',';
      append_field(rows, array_field(e.aliases));
      rows += ',' + std::to_string(p.count) + ',';
      append_field(rows, first_source(p));
      rows += ',';
      append_field(rows, p.date);
      append_attributes(rows, e.attributes, columns);
      rows += '\n';
    }
    const std::string type_name(to_string(type));
    nodes_args.push_back(
        files.write("Entity:" + type_name, "entities_" + type_name, header_line(fixed, columns), rows));
  }

  std::string evidence_rows;
  for (RelationType type : all_relation_types()) {
    std::vector<const export_detail::EdgeRow*> members;
    std::vector<const RelationProps*> props;
    for (const auto& row : ids.edges)
      if (g[row.edge].type == type) {
        members.push_back(&row);
        props.push_back(&g[row.edge]);
      }
    if (members.empty()) continue;
    const std::vector<std::string> fixed = {":START_ID(Entity)", ":END_ID(Entity)", "id", "title", "date",
                                            "last_date", "evidence_count:int", "first_source", "evidence"};
    const auto columns = attribute_columns(
        props, {"id", "title", "date", "last_date", "evidence_count", "first_source", "evidence"}, {"date"});
    std::string rows;
    for (const export_detail::EdgeRow* row : members) {
      const RelationProps& r = g[row->edge];
      const Provenance p = relation_provenance(graph, r);
      // The sentence of the first document that states it.
      const EvidenceRef* first = r.evidence.empty() ? nullptr : &r.evidence.front();
      for (const EvidenceRef& ev : r.evidence)
        if (p.first && ev.doc == p.first->id) {
          first = &ev;
          break;
        }
      append_field(rows, ids.node[row->source]);
      rows += ',';
      append_field(rows, ids.node[row->target]);
      rows += ',';
      append_field(rows, row->id);
      rows += ',';
      append_field(rows, r.title);
      rows += ',';
      append_field(rows, p.date);
      rows += ',';
      append_field(rows, p.last_date);
      rows += ',' + std::to_string(p.count) + ',';
      append_field(rows, first_source(p));
      rows += ',';
      append_field(rows, first ? first->text : std::string());
      append_attributes(rows, r.attributes, columns);
      rows += '\n';
      for (const EvidenceRef& ev : r.evidence) {
        if (!known_documents.count(ev.doc)) continue;
        append_field(evidence_rows, ids.node[row->source]);
        evidence_rows += ',';
        append_field(evidence_rows, document_ref(ev.doc));
        evidence_rows += ',';
        append_field(evidence_rows, row->id);
        evidence_rows += ',';
        append_field(evidence_rows, to_string(r.type));
        evidence_rows += ',';
        append_field(evidence_rows, ev.text);
        evidence_rows += ',' + std::to_string(ev.start) + ',' + std::to_string(ev.end) + ',';
        append_field(evidence_rows, ev.date);
        evidence_rows += '\n';
      }
    }
    const std::string type_name(to_string(type));
    relationships_args.push_back(
        files.write(type_name, "relations_" + type_name, header_line(fixed, columns), rows));
  }

  {
    std::string rows;
    for (auto [it, end] = boost::vertices(g); it != end; ++it) {
      std::map<std::int64_t, std::size_t> per_document;
      for (const MentionRef& m : g[*it].mentions)
        if (known_documents.count(m.doc)) ++per_document[m.doc];
      for (const auto& [doc, count] : per_document) {
        append_field(rows, ids.node[*it]);
        rows += ',';
        append_field(rows, document_ref(doc));
        rows += ',' + std::to_string(count) + '\n';
      }
    }
    relationships_args.push_back(
        files.write("MENTIONED_IN", "mentioned_in", ":START_ID(Entity),:END_ID(Document),count:int\n", rows));
  }
  relationships_args.push_back(files.write(
      "EVIDENCE_IN", "evidence_in",
      ":START_ID(Entity),:END_ID(Document),relation_id,relation_type,sentence,start:int,end:int,date\n",
      evidence_rows));

  std::string script =
      "#!/bin/sh\n"
      "# Imports this export into a new Neo4j 5 database (default name: neo4j).\n"
      "# Run it where neo4j-admin runs, with the database stopped:\n"
      "#   sh import.sh [DATABASE]\n"
      "# Written by kg export --format csv; docs/export.md explains the model.\n"
      "set -e\n"
      "cd \"$(dirname \"$0\")\"\n"
      "exec neo4j-admin database import full --overwrite-destination";
  for (const std::string& arg : nodes_args) script += " \\\n  --nodes=" + arg;
  for (const std::string& arg : relationships_args) script += " \\\n  --relationships=" + arg;
  script += " \\\n  \"${1:-neo4j}\"\n";
  files.put("import.sh", script);
  std::error_code ignored;
  std::filesystem::permissions(std::filesystem::path(dir) / "import.sh",
                               std::filesystem::perms::owner_exec | std::filesystem::perms::group_exec |
                                   std::filesystem::perms::others_exec,
                               std::filesystem::perm_options::add, ignored);
  return files.files();
}

}  // namespace kg
