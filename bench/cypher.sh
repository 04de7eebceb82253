#!/usr/bin/env bash
# bench/cypher.sh owns the Cypher benchmark of issue 12 part 5: on the scale
# benchmark's database (bench/scale.sh builds it from the 100 MB corpus) it
# times queries of every kind kg's Cypher supports, with names taken from
# the graph, two ways:
#   - `kg query` end to end (a process per query: start, open, name-folding
#     tables, answer), each run 3 times after a warm-up; p50 and p99;
#   - inside one process (bench/cypher_bench.cc), median of 5 runs per query,
#     which is the engine's own cost.
# Anchored queries (a name, an id, or a label with a LIMIT) and those of a
# relation type between labels (timed end to end apart) should answer in
# < 50 ms; the last group are whole-graph questions, timed to be known.
#
# usage: bench/cypher.sh [--kg PATH/TO/kg] [--bench PATH/TO/kg_cypher_bench] [--db FILE]
# Without --kg/--bench it configures and builds Release in build-bench/ (-j2).
# The database defaults to $TMPDIR/kg-scale/scale.sqlite (bench/scale.sh).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kg=""
bench=""
db="${TMPDIR:-/tmp}/kg-scale/scale.sqlite"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kg) kg="$2"; shift 2 ;;
    --bench) bench="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench/cypher.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -f "$db" ]] || { echo "bench/cypher.sh: no database '$db'; run bench/scale.sh first or give --db" >&2; exit 1; }
if [[ -z "$kg" || -z "$bench" ]]; then
  cmake -S "$repo" -B "$repo/build-bench" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$repo/build-bench" -j2 --target kg kg_cypher_bench >/dev/null
  kg="${kg:-$repo/build-bench/tools/kg/kg}"
  bench="${bench:-$repo/build-bench/bench/kg_cypher_bench}"
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
tsv() { "$kg" query --db "$db" --format tsv "$1" 2>/dev/null | tail -n +2; }

official=$(tsv "MATCH (o:Official)-[:served]->(c:Enterprise) RETURN DISTINCT o.name LIMIT 1")
official_id=$(tsv "MATCH (o:Official)-[:served]->(c:Enterprise) RETURN DISTINCT o.id LIMIT 1")
company=$(tsv "MATCH (o:Official)-[:served]->(c:Enterprise) RETURN DISTINCT c.name LIMIT 1")
park=$(tsv "MATCH (x)-[:located_in]->(p:Park) RETURN DISTINCT p.name LIMIT 1")
body=$(tsv "MATCH (o:Official)-[:holds_post]->(b:PartyOrg) RETURN DISTINCT b.name LIMIT 1")
if [[ -z "$official" || -z "$company" || -z "$park" || -z "$body" ]]; then
  echo "bench/cypher.sh: could not find names in the graph to ask about" >&2
  exit 1
fi

anchored=(
  "MATCH (o {name: '$official'})-[r]-(x) RETURN type(r), x.name, labels(x) LIMIT 10"
  "MATCH (o:Official {id: '$official_id'})-[r:served]->(c) RETURN o.name, c.name, r.role"
  "MATCH (o:Official) WHERE o.name IN ['$official', '$company'] RETURN o.id"
  "MATCH (p:Park {name: '$park'})<-[:located_in]-(x) RETURN x.name ORDER BY x.name LIMIT 10"
  "MATCH (a {name: '$official'})-[*1..2]-(b) RETURN DISTINCT b.name LIMIT 20"
  "MATCH (a {name: '$body'})-[:holds_post*1..2]-(b:Official) RETURN count(DISTINCT b)"
  "MATCH p = shortestPath((a {name: '$official'})-[*..4]-(b {name: '$park'})) RETURN length(p), nodes(p)"
  "MATCH (o {name: '$official'}) OPTIONAL MATCH (o)-[:holds_post]->(b) RETURN o.name, collect(b.name) AS bodies"
  "MATCH (o {name: '$official'})-[r]-(x) WITH type(r) AS t, count(*) AS n RETURN t, n ORDER BY n DESC"
  "MATCH (e {name: '$company'})<-[:MENTIONS]-(d:Document) RETURN d.published, d.outlet, d.title ORDER BY d.published DESC LIMIT 10"
  "MATCH (a {name: '$official'})<-[:MENTIONS]-(d)-[:MENTIONS]->(b:Official) WHERE b <> a RETURN b.name, count(d) AS articles ORDER BY articles DESC LIMIT 10"
  "MATCH (d:Document)-[:MENTIONS]->(p:Official) WHERE d.published >= '2024-01-01' RETURN d.source, p.name LIMIT 10"
  "MATCH (o:Official)-[r:holds_post]->(b:PartyOrg) WHERE r.title CONTAINS '书记' RETURN o.name, b.name LIMIT 10"
  "MATCH (p:Park) RETURN p.name LIMIT 10"
  "MATCH (o:Official)-[:served]->(c:Enterprise) RETURN DISTINCT c.name LIMIT 10"
)
# Anchored by nothing but labels and a relation type: the first rows in name
# order; a combination no relation has (the first, the third, the last)
# answers at once from the store's counts of relation shapes.
unanchored=(
  "MATCH (c:Enterprise)-[:located_in]->(k:Park) RETURN c.name, k.name LIMIT 5"
  "MATCH (p:Project)-[:located_in]->(k:Park) RETURN p.name, k.name LIMIT 5"
  "MATCH (x:Place)-[:cooperates_with]-(y:Park) RETURN x.name, y.name LIMIT 5"
  "MATCH ()-[r:project_of]->() RETURN r.title LIMIT 5"
  "MATCH (c:Enterprise)-[:located_in]->(k:Place) WHERE k.name CONTAINS '区' RETURN c.name, k.name LIMIT 5"
  "MATCH (c:Enterprise)-[:located_in]->(k:Park) RETURN c.name, k.name ORDER BY c.name LIMIT 5"
)
# Typed scans the store plans with the counts of relation_shapes
# (schema/011): a combination no relation has, and rare ones, whose
# relations are found from the cheapest side (a pass over the type, or the
# relations of the rarer end's entities).
shapes=(
  "MATCH (a:Park)-[:leads]->(b) RETURN count(*)"
  "MATCH ()-[r:project_of]->() RETURN count(*)"
  "MATCH (a:Enterprise)-[:cooperates_with]-(b:Park) RETURN count(*)"
  "MATCH (a:Park)-[:located_in]->(b:Park) RETURN a.name, b.name LIMIT 5"
  "MATCH (a:Official)-[:holds_post]->(b:Enterprise) RETURN a.name, b.name LIMIT 5"
)
whole=(
  "MATCH (c:Enterprise) RETURN c.name ORDER BY c.name LIMIT 5"
  "MATCH (d:Document) WHERE d.published >= '2024-01-01' RETURN d.outlet, count(*) AS n ORDER BY n DESC LIMIT 5"
  "MATCH (p:Project)-[:located_in]->(k:Park) RETURN k.name, count(*) AS projects ORDER BY projects DESC LIMIT 5"
)

echo "database: $db ($("$kg" stats --db "$db" 2>/dev/null | grep -E '^(documents|entities|relations):' | tr '\n' ' '))"
for q in "${anchored[@]}" "${unanchored[@]}" "${shapes[@]}" "${whole[@]}"; do "$kg" query --db "$db" "$q" >/dev/null 2>&1 || true; done  # warm-up
latency="$(mktemp)"
trap 'rm -f "$latency"' EXIT
# end_to_end LABEL QUERY...: each query through `kg query`, 3 rounds; p50, p99, slowest.
end_to_end() {
  local label="$1" failed=0
  shift
  : >"$latency"
  for round in 1 2 3; do
    for q in "$@"; do
      start=$(now_ms)
      "$kg" query --db "$db" "$q" >/dev/null 2>&1 || { failed=$((failed + 1)); echo "failed: $q" >&2; }
      echo "$(( $(now_ms) - start )) $q" >>"$latency"
    done
  done
  sort -n "$latency" | awk -v n="$#" -v f="$failed" -v label="$label" '{ t[NR] = $1; line[NR] = $0 } END {
    p50 = t[int((NR + 1) * 0.5)]; p99 = t[int(NR * 0.99 + 0.999)]; if (p99 == "") p99 = t[NR];
    printf "kg query:  %d %s Cypher queries, %d runs: p50 %d ms, p99 %d ms, slowest %d ms (goal < 50 ms)%s\n",
           n, label, NR, p50, p99, t[NR], (f ? sprintf("; %d failed", f) : "")
    printf "           slowest: %s\n", substr(line[NR], index(line[NR], " ") + 1) }'
}
end_to_end anchored "${anchored[@]}"
end_to_end "label-and-type" "${unanchored[@]}" "${shapes[@]}"
echo "in one process (median ms, slowest ms, rows, query):"
printf '%s\n' "${anchored[@]}" "${unanchored[@]}" "${shapes[@]}" "${whole[@]}" | "$bench" "$db" 5 | sed 's/^/  /'
