#!/usr/bin/env bash
# bench/edits.sh owns the benchmark of edits that survive rebuilds (issue 12):
# on the 100 MB synthetic corpus of bench/scale.sh it builds the database,
# makes N edits (default 1000: aliases, renames and deletions of the most
# connected entities, the ones a new file is most likely to name), and
# prints
#   - the time of one `kg edit` (mean over the N; each checks the database
#     with PRAGMA quick_check before it writes, most of its time on a big
#     database: the N edits take about 15 minutes on the 100 MB corpus)
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
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
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
one_file=$(find "$extra" -type f -printf '%s %p\n' | awk '{ d = $1 - 6758; if (d < 0) d = -d; print d, $1, $2 }' | sort -n | head -1 | cut -d' ' -f3)

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
made=0
start=$(now_ms)
while IFS=$'\t' read -r kind name value; do
  if [[ "$kind" == delete ]]; then
    "$kg" edit delete "$name" --db "$db" >/dev/null
  else
    "$kg" edit "$kind" "$name" "$value" --db "$db" >/dev/null
  fi
  made=$((made + 1))
done <"$work/edits.txt"
edit_ms=$(( $(now_ms) - start ))
echo "edits:         $made made in $edit_ms ms ($(awk -v t="$edit_ms" -v n="$made" 'BEGIN { printf "%.0f", t / (n ? n : 1) }') ms each, process start included)"

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
