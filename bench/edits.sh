#!/usr/bin/env bash
# bench/edits.sh owns the benchmark of edits that survive rebuilds (issue 12):
# on the 100 MB synthetic corpus of bench/scale.sh it builds the database,
# makes N edits (default 1000: aliases, renames and deletions of the most
# connected entities, the ones a new file is most likely to name), and
# prints
#   - the time of one `kg edit` (mean over the N; each checks the small
#     tables it writes whole and every page it reads, not the whole file:
#     about 0.1-0.2 s each on the 100 MB corpus, where the whole PRAGMA
#     quick_check alone took 0.7-0.9 s)
#   - the time of `kg query entity` by an id a rename took away, and of
#     `kg edit delete-relation` by a relation id now and by the id it had
#     before a rename (relation ids are computed when read: every
#     relation's ends, type and title are read, not its evidence)
#   - the time to add one file of about 6.6 KB, and to remove it again, with
#     the N edits and on a copy of the database without them, and how many
#     edit applications the add made
#   - the time of a refresh with nothing stale (`kg build --db F`, no paths)
#
# usage: bench/edits.sh [--kg PATH/TO/kg] [--edits 1000] [--work DIR] [--corpus DIR]
# Without --kg it configures and builds Release in build-bench/ (-j2). The
# corpus is generated once (as bench/scale.sh does) unless --corpus names one.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
edits=1000
kg=""
work="${TMPDIR:-/tmp}/kg-edits"
corpus=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kg) kg="$2"; shift 2 ;;
    --edits) edits="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "bench/edits.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
if [[ -z "$kg" ]]; then
  cmake -S "$repo" -B "$repo/build-bench" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$repo/build-bench" -j2 --target kg >/dev/null
  kg="$repo/build-bench/tools/kg/kg"
fi
[[ -x "$kg" ]] || { echo "bench/edits.sh: kg binary '$kg' is not executable" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

if [[ -z "$corpus" ]]; then
  corpus="$work/corpus-100mb-seed3"
  if [[ ! -f "$corpus.complete" ]]; then
    rm -rf "$corpus"
    /usr/bin/python3 "$repo/bench/gen_corpus.py" "$corpus" --mb 100 --seed 3 >&2
    touch "$corpus.complete"
  fi
fi
extra="$work/extra"
if [[ ! -d "$extra" ]]; then
  /usr/bin/python3 "$repo/bench/gen_corpus.py" "$extra" --mb 0.2 --seed 99 >/dev/null
fi
# The file bench/scale.sh adds: the one closest to 6.6 KB.
one_file=$(find "$extra" -type f -printf '%s %p\n' | awk '{ d = $1 - 6758; if (d < 0) d = -d; print d, $1, $2 }' | sort -n | awk 'NR == 1 { print $3 }')

db="$work/edits.sqlite"
plain="$work/plain.sqlite"
rm -f "$db" "$db-wal" "$db-shm" "$plain" "$plain-wal" "$plain-shm"
start=$(now_ms)
"$kg" build "$corpus" --db "$db" --threads 2 -q >/dev/null
echo "== kg edits benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "build:         $(( $(now_ms) - start )) ms ($corpus)"
cp "$db" "$plain"

# The most connected entities whose name is theirs alone.
/usr/bin/python3 - "$db" "$edits" >"$work/edits.txt" <<'PY'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
rows = c.execute("""
  SELECT e.name FROM entities e
  JOIN (SELECT source AS id FROM relations UNION ALL SELECT target FROM relations) r ON r.id = e.id
  WHERE e.name IN (SELECT name FROM entities GROUP BY name HAVING count(*) = 1)
  GROUP BY e.id ORDER BY count(*) DESC, e.name LIMIT ?""", (n,)).fetchall()
for i, (name,) in enumerate(rows):
    kind = "delete" if i % 10 == 9 else "rename" if i % 10 == 8 else "alias"
    print(kind, name, "" if kind == "delete" else name + "（注）", sep="\t")
PY
# A relation of the first entity to be renamed, by its id before the rename.
first_renamed=$(awk -F'\t' '$1 == "rename" { print $2; exit }' "$work/edits.txt")
relation_before=""
if [[ -n "$first_renamed" ]]; then
  relation_before=$("$kg" query --db "$db" --format tsv \
    "MATCH (a)-[r]-(b) WHERE a.name = '$first_renamed' RETURN r.id LIMIT 1" | sed -n 2p)
fi
made=0
: >"$work/edits.out"
start=$(now_ms)
while IFS=$'\t' read -r kind name value; do
  if [[ "$kind" == delete ]]; then
    "$kg" edit delete "$name" --db "$db" >>"$work/edits.out"
  else
    "$kg" edit "$kind" "$name" "$value" --db "$db" >>"$work/edits.out"
  fi
  made=$((made + 1))
done <"$work/edits.txt"
edit_ms=$(( $(now_ms) - start ))
echo "edits:         $made made in $edit_ms ms ($(awk -v t="$edit_ms" -v n="$made" 'BEGIN { printf "%.0f", t / (n ? n : 1) }') ms each, process start included)"

# Ids seen before the edits.
former=$(grep -o -m1 'e[0-9a-f]\{16\} now' "$work/edits.out" | cut -d' ' -f1 || true)
if [[ -n "$former" ]]; then
  start=$(now_ms)
  "$kg" query --db "$db" entity "$former" >/dev/null 2>"$work/former.err"
  echo "former id:     kg query entity $former in $(( $(now_ms) - start )) ms ($(sed 's/^kg query: //' "$work/former.err"))"
fi
relation_now=$("$kg" query --db "$db" --format tsv "MATCH (a:Official)-[r:served]->(b) RETURN r.id LIMIT 1" | sed -n 2p)
for rid in "$relation_now" "$relation_before"; do
  [[ -n "$rid" ]] || continue
  start=$(now_ms)
  # (it may be gone: an edit above deleted one of its ends)
  "$kg" edit delete-relation "$rid" --db "$db" >"$work/relation.out" 2>&1 || true
  echo "relation id:   kg edit delete-relation $rid in $(( $(now_ms) - start )) ms ($(cat "$work/relation.out"))"
done

one_bytes=$(stat -c %s "$one_file")
for which in plain edited; do
  target="$plain"; [[ "$which" == edited ]] && target="$db"
  start=$(now_ms)
  "$kg" build "$one_file" --db "$target" >"$work/add.out" 2>"$work/add.err" || { cat "$work/add.err" >&2; exit 1; }
  added=$(( $(now_ms) - start ))
  applied=$(sed -n 's/^edits applied again: //p' "$work/add.out"); applied=${applied:-none}
  start=$(now_ms)
  "$kg" remove --db "$target" "$one_file" >/dev/null 2>"$work/remove.err" || { cat "$work/remove.err" >&2; exit 1; }
  removed=$(( $(now_ms) - start ))
  label="without edits"; [[ "$which" == edited ]] && label="with $made edits"
  echo "one file:      $(awk -v b="$one_bytes" 'BEGIN { printf "%.1f KB", b / 1024 }') $label: added in $added ms (edits applied again: $applied), removed in $removed ms (goal < 1000 ms each)"
done
start=$(now_ms)
"$kg" build --db "$db" -q >/dev/null
echo "refresh:       nothing stale, $(( $(now_ms) - start )) ms"
