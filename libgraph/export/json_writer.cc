// export/json_writer.cc: node-link JSON, the shape NetworkX's node_link_graph
// reads and /work/shared/gold/score.py scores (see the gold README): graph
// documents, nodes with their mentions, links with a per-pair key and their
// evidence sentences; and JSON Lines, the same records one per line for
// streaming into other tools.
#include <algorithm>
#include <charconv>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "export/export.h"
#include "export/export_common.h"

namespace kg {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;
using LineWriter = rapidjson::Writer<rapidjson::StringBuffer>;

template <typename W>
void put_string(W& w, std::string_view text) {
  const std::string safe = export_detail::valid_utf8(text);
  w.String(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
}

template <typename W>
void put_key(W& w, std::string_view key) { put_string(w, key); }

template <typename W>
void put_value(W& w, std::string_view value, bool numeric) {
  double number = 0;
  if (numeric) {
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec == std::errc() && ptr == value.data() + value.size()) {
      w.Double(number);
      return;
    }
  }
  put_string(w, value);
}

bool column_numeric(const std::vector<export_detail::AttributeColumn>& columns,
                    const std::string& name) {
  for (const auto& c : columns)
    if (c.name == name) return c.numeric;
  return false;
}

// A JSON object cannot hold a name twice; the first value of a name wins.
bool first_of_name(const Attributes& attributes, std::size_t index) {
  for (std::size_t j = 0; j < index; ++j)
    if (attributes[j].first == attributes[index].first) return false;
  return true;
}

// Entity or relation attributes as one object, numbers as numbers.
template <typename W>
void put_attributes(W& w, const Attributes& attributes, const std::vector<export_detail::AttributeColumn>& columns) {
  w.StartObject();
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    const auto& [name, value] = attributes[i];
    if (name.empty() || !first_of_name(attributes, i)) continue;
    put_key(w, name);
    put_value(w, value, column_numeric(columns, name));
  }
  w.EndObject();
}

template <typename W>
void put_evidence(W& w, const std::vector<EvidenceRef>& evidence) {
  w.StartArray();
  for (const EvidenceRef& ev : evidence) {
    w.StartObject();
    w.Key("doc");
    put_string(w, export_detail::document_ref(ev.doc));
    w.Key("start");
    w.Uint(ev.start);
    w.Key("end");
    w.Uint(ev.end);
    w.Key("text");
    put_string(w, ev.text);
    w.Key("date");
    put_string(w, ev.date);
    w.EndObject();
  }
  w.EndArray();
}

// id, name, type and aliases: how both JSON formats open a node.
template <typename W>
void put_entity_fields(W& w, std::string_view id, const EntityProps& e) {
  w.Key("id");
  put_string(w, id);
  w.Key("name");
  put_string(w, e.name);
  w.Key("type");
  put_string(w, to_string(e.type));
  w.Key("aliases");
  w.StartArray();
  for (const auto& alias : e.aliases) put_string(w, alias);
  w.EndArray();
}

template <typename W>
void put_document_fields(W& w, const DocumentInfo& doc) {
  w.Key("id");
  put_string(w, export_detail::document_ref(doc.id));
  w.Key("source");
  put_string(w, doc.source);
  w.Key("part");
  w.Uint(doc.part);
  w.Key("title");
  put_string(w, doc.title);
  w.Key("published");
  put_string(w, doc.published);
  w.Key("outlet");
  put_string(w, doc.outlet);
  w.Key("author");
  put_string(w, doc.author);
  w.Key("editor");
  put_string(w, doc.editor);
}

}  // namespace

void write_json(const KnowledgeGraph& graph, std::ostream& out) {
  using export_detail::document_ref;
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph);
  // Entity attributes sit beside the node's own fields, as NetworkX node
  // attributes do; they never replace those fields.
  const std::vector<std::string> reserved = {"id", "name", "type", "aliases", "mentions", "first_source"};
  const auto node_columns = export_detail::entity_attribute_columns(graph, reserved);
  const auto edge_columns = export_detail::relation_attribute_columns(graph, {});

  // One buffer and one write: the stream wrapper would call the ostream
  // once per character.
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("directed");
  w.Bool(true);
  w.Key("multigraph");
  w.Bool(true);

  w.Key("graph");
  w.StartObject();
  w.Key("documents");
  w.StartArray();
  for (const DocumentInfo& doc : graph.documents) {
    w.StartObject();
    put_document_fields(w, doc);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();

  w.Key("nodes");
  w.StartArray();
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const EntityProps& e = g[*it];
    w.StartObject();
    put_entity_fields(w, ids.node[*it], e);
    for (std::size_t i = 0; i < e.attributes.size(); ++i) {
      const auto& [name, value] = e.attributes[i];
      if (name.empty() || std::find(reserved.begin(), reserved.end(), name) != reserved.end() ||
          !first_of_name(e.attributes, i))
        continue;
      put_key(w, name);
      put_value(w, value, column_numeric(node_columns, name));
    }
    w.Key("first_source");
    put_string(w, first_source(entity_provenance(graph, e)));
    w.Key("mentions");
    w.StartArray();
    for (const MentionRef& m : e.mentions) {
      w.StartObject();
      w.Key("doc");
      put_string(w, document_ref(m.doc));
      w.Key("start");
      w.Uint(m.start);
      w.Key("end");
      w.Uint(m.end);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();

  w.Key("links");
  w.StartArray();
  for (const auto& row : ids.edges) {
    const RelationProps& r = g[row.edge];
    w.StartObject();
    w.Key("source");
    put_string(w, ids.node[row.source]);
    w.Key("target");
    put_string(w, ids.node[row.target]);
    w.Key("key");
    w.Uint(row.key);
    w.Key("id");
    put_string(w, row.id);
    w.Key("type");
    put_string(w, to_string(r.type));
    w.Key("title");
    put_string(w, r.title);
    w.Key("weight");
    w.Uint(static_cast<unsigned>(r.evidence.size()));
    const Provenance provenance = relation_provenance(graph, r);
    w.Key("date");
    put_string(w, provenance.date);
    w.Key("last_date");
    put_string(w, provenance.last_date);
    w.Key("first_source");
    put_string(w, first_source(provenance));
    w.Key("attributes");
    put_attributes(w, r.attributes, edge_columns);
    w.Key("evidence");
    put_evidence(w, r.evidence);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
  out << "\n";
}

void write_jsonl(const KnowledgeGraph& graph, std::ostream& out) {
  using export_detail::document_ref;
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph);
  const auto node_columns = export_detail::entity_attribute_columns(graph, {});
  const auto edge_columns = export_detail::relation_attribute_columns(graph, {});
  rapidjson::StringBuffer buffer;
  // Lines go out in batches: one write per record would be slow, one for
  // the whole file would hold it all in memory.
  auto end_line = [&](bool last) {
    buffer.Put('\n');
    if (last || buffer.GetSize() > (1u << 20)) {
      out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
      buffer.Clear();
    }
  };
  const std::size_t total = graph.documents.size() + boost::num_vertices(g) + ids.edges.size();
  std::size_t written = 0;

  for (const DocumentInfo& doc : graph.documents) {
    LineWriter w(buffer);
    w.StartObject();
    w.Key("kind");
    w.String("document");
    put_document_fields(w, doc);
    w.EndObject();
    end_line(++written == total);
  }
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const EntityProps& e = g[*it];
    const Provenance provenance = entity_provenance(graph, e);
    LineWriter w(buffer);
    w.StartObject();
    w.Key("kind");
    w.String("node");
    put_entity_fields(w, ids.node[*it], e);
    w.Key("mentions");
    w.Uint64(provenance.count);
    w.Key("first_source");
    put_string(w, first_source(provenance));
    w.Key("date");
    put_string(w, provenance.date);
    w.Key("attributes");
    put_attributes(w, e.attributes, node_columns);
    w.Key("documents");
    w.StartArray();
    std::int64_t previous = -1;
    for (const MentionRef& m : e.mentions) {
      if (m.doc == previous) continue;
      previous = m.doc;
      put_string(w, document_ref(m.doc));
    }
    w.EndArray();
    w.EndObject();
    end_line(++written == total);
  }
  for (const auto& row : ids.edges) {
    const RelationProps& r = g[row.edge];
    const Provenance provenance = relation_provenance(graph, r);
    LineWriter w(buffer);
    w.StartObject();
    w.Key("kind");
    w.String("edge");
    w.Key("id");
    put_string(w, row.id);
    w.Key("source");
    put_string(w, ids.node[row.source]);
    w.Key("target");
    put_string(w, ids.node[row.target]);
    w.Key("type");
    put_string(w, to_string(r.type));
    w.Key("title");
    put_string(w, r.title);
    w.Key("date");
    put_string(w, provenance.date);
    w.Key("last_date");
    put_string(w, provenance.last_date);
    w.Key("evidence_count");
    w.Uint64(provenance.count);
    w.Key("first_source");
    put_string(w, first_source(provenance));
    w.Key("attributes");
    put_attributes(w, r.attributes, edge_columns);
    w.Key("evidence");
    put_evidence(w, r.evidence);
    w.EndObject();
    end_line(++written == total);
  }
  if (buffer.GetSize() > 0) out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
}

}  // namespace kg
