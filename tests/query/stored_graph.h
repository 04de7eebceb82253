// tests/query/stored_graph.h: a graph written to a database of its own, so
// that a query test can ask the graph in memory and the store the same
// questions. The folder is removed with the object.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "graph/graph.h"
#include "query/query.h"
#include "store/store.h"

namespace kg::testing {

class StoredGraph {
 public:
  // `name` names the folder under the system's temporary one.
  StoredGraph(const std::string& name, const KnowledgeGraph& graph)
      : dir_(std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string db = (dir_ / "graph.db").string();
    {
      Store store(db);
      store.begin();
      for (const DocumentInfo& info : graph.documents) {
        Document doc;
        doc.source = info.source;
        doc.sha256 = "sha-" + info.source;
        doc.meta = static_cast<const DocumentMeta&>(info);
        store.add_document(doc, Extraction{});
      }
      store.replace_graph(graph);
      store.commit();
    }
    database_ = std::make_unique<QueryDatabase>(db);
  }
  ~StoredGraph() {
    database_.reset();
    std::filesystem::remove_all(dir_);
  }
  StoredGraph(const StoredGraph&) = delete;
  StoredGraph& operator=(const StoredGraph&) = delete;

  const GraphSource& source() const { return database_->source(); }
  std::string path() const { return (dir_ / "graph.db").string(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<QueryDatabase> database_;
};

}  // namespace kg::testing
