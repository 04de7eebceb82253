// bench/cypher_bench.cc: times Cypher queries inside one process on a
// database, as a long-running program would ask them: the database is opened
// once and each query runs N times after a warm-up run (which also loads the
// name-folding tables once). Prints, per query, the median and slowest
// milliseconds and the rows returned; bench/cypher.sh drives it.
//
// usage: kg_cypher_bench DB [RUNS] < queries (one per line)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "query/query.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kg_cypher_bench DB [RUNS] < queries\n");
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  try {
    const kg::QueryDatabase db(argv[1]);
    std::string line;
    while (std::getline(std::cin, line)) {
      if (line.empty()) continue;
      std::size_t rows = 0;
      try {
        rows = kg::run_cypher(db.source(), line).rows.size();  // warm-up
      } catch (const std::exception& e) {
        std::printf("failed\t%s\t%s\n", e.what(), line.c_str());
        continue;
      }
      std::vector<double> ms;
      for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        rows = kg::run_cypher(db.source(), line).rows.size();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      }
      std::sort(ms.begin(), ms.end());
      std::printf("%.1f\t%.1f\t%zu\t%s\n", ms[ms.size() / 2], ms.back(), rows, line.c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kg_cypher_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
