#!/usr/bin/python3
"""CLI tests of `kg eval`: its output must be byte for byte the output of
score.py (the reference scorer, copied unchanged here) on the same gold and
graph, for a hand-written fixture, for random pairs that stress the matching
rules, and end to end on a small corpus built and exported by kg itself.
Bad input must fail with a message naming the file."""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import unittest

ARGS = None


def run(cmd, ok=True):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if ok and proc.returncode != 0:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def kg(*args, ok=True):
    return run([ARGS.kg, *args], ok)


def score_py(gold, graph, *flags):
    return run([sys.executable, ARGS.score, gold, graph, *flags]).stdout


# Names in several spellings that normalise to one key: traditional script,
# full-width letters, quotes, spaces. Types are those of the gold README.
POOL = [
    ("周立新", "Official", ["周立新", "周 立新"]),
    ("吴海燕", "Official", ["吳海燕"]),
    ("陈德明", "Person", ["陳德明"]),
    ("东湖镇党委", "PartyOrg", ["東湖鎮黨委", "镇党委"]),
    ("西山经济开发区党工委", "PartyOrg", ["党工委", "西山經濟開發區黨工委"]),
    ("东湖智能制造产业园", "Park", ["“东湖智能制造产业园”", "产业园"]),
    ("西山经济开发区", "Park", ["开发区", "西山經濟開發區"]),
    ("华顺电子科技集团", "Enterprise", ["华顺集团", "《华顺集团》"]),
    ("ＨＩＬＡＢ科技有限公司", "Enterprise", ["HILAB科技有限公司", "HILAB公司"]),
    ("星海新材料股份有限公司", "Enterprise", ["星海新材"]),
    ("年产5万吨膜材料项目", "Project", ["年产５万吨膜材料项目"]),
    ("东湖镇经济发展办公室", "GovOrg", ["经发办"]),
    ("东湖镇", "Place", ["東湖鎮"]),
    ("江北区", "Place", ["江北區"]),
    ("宁波大学", "Organization", ["宁 波 大 学"]),
]
TYPES = ["Official", "Person", "PartyOrg", "Park", "Enterprise", "Project", "GovOrg", "Place",
         "Organization"]
RELS = ["holds_post", "served", "located_in", "leads", "part_of", "project_of", "cooperates_with"]


def random_pair(rng, sources):
    gold = {"version": 1, "documents": []}
    for src in sources:
        picked = rng.sample(POOL, rng.randint(2, len(POOL)))
        ents = []
        for name, typ, variants in picked:
            e = {"name": name, "type": typ}
            if rng.random() < 0.5:
                e["aliases"] = rng.sample(variants, rng.randint(1, len(variants)))
            if rng.random() < 0.2:
                e["optional"] = True
            ents.append(e)
            if rng.random() < 0.15:  # a second entry sharing a name
                ents.append({"name": rng.choice(variants), "type": typ, "optional": rng.random() < 0.5})
        rels = []
        for _ in range(rng.randint(0, 8)):
            a, b = rng.sample(ents, 2)
            r = {"type": rng.choice(RELS), "source": a["name"], "target": b["name"]}
            if rng.random() < 0.2:
                r["optional"] = True
            rels.append(r)
        gold["documents"].append({"source": src, "entities": ents, "relations": rels})

    docs = [{"id": f"d{i}", "source": f"dir{i % 2}/{s}"} for i, s in enumerate(sources)]
    docs.append({"id": 99, "source": "C:\\elsewhere\\" + sources[0]})
    doc_ids = [d["id"] for d in docs] + ["missing"]
    nodes = []
    for i in range(rng.randint(3, 25)):
        name, typ, variants = rng.choice(POOL)
        if rng.random() < 0.2:
            typ = rng.choice(TYPES + ["Thing"])
        n = {"id": f"n{i}", "name": rng.choice([name] + variants), "type": typ,
             "mentions": [{"doc": rng.choice(doc_ids)} for _ in range(rng.randint(1, 3))]}
        if rng.random() < 0.4:
            n["aliases"] = rng.sample(variants, 1)
        nodes.append(n)
    links = []
    for _ in range(rng.randint(0, 30)):
        a, b = rng.choice(nodes), rng.choice(nodes)
        links.append({"source": a["id"], "target": b["id"] if rng.random() < 0.95 else "gone",
                      "type": rng.choice(RELS), "evidence": [{"doc": rng.choice(doc_ids)}]})
    graph = {"directed": True, "multigraph": True, "graph": {"documents": docs},
             "nodes": nodes, "links": links}
    return gold, graph


class EvalCli(unittest.TestCase):
    def setUp(self):
        os.makedirs(ARGS.work, exist_ok=True)

    def path(self, name):
        return os.path.join(ARGS.work, name)

    def write_json(self, name, value):
        with open(self.path(name), "w", encoding="utf-8") as f:
            json.dump(value, f, ensure_ascii=False)
        return self.path(name)

    def assert_same_as_score_py(self, gold, graph, flag_sets=([], ["-v"])):
        for flags in flag_sets:
            ours = kg("eval", "--graph", graph, "--gold", gold, *flags).stdout
            self.assertEqual(ours, score_py(gold, graph, *flags), f"{gold} {graph} {flags}")

    def test_fixture_output_is_score_py_output(self):
        gold = os.path.join(ARGS.data, "mixed_gold.json")
        graph = os.path.join(ARGS.data, "mixed_graph.json")
        self.assert_same_as_score_py(gold, graph)
        ours = json.loads(kg("eval", "--graph", graph, "--gold", gold, "--json").stdout)
        theirs = json.loads(score_py(gold, graph, "--json"))
        self.assertEqual(ours.keys(), theirs.keys())
        for key in theirs["types"]:
            for field in ("tp", "fp", "fn", "p", "r", "f1"):
                self.assertAlmostEqual(ours["types"][key][field], theirs["types"][key][field])
        for key in ("core_entities", "all_entities", "core_relations", "all_relations"):
            self.assertEqual(ours[key], theirs[key])
        only = kg("eval", "--graph", graph, "--gold", gold, "-v", "--sources", "west_hills.txt").stdout
        self.assertEqual(only, score_py(gold, graph, "-v", "--sources=west_hills.txt"))
        self.assertNotIn("east_lake.txt", only)

    def test_random_pairs_score_like_score_py(self):
        rng = random.Random(20240131)
        for case in range(30):
            sources = rng.sample(["a.txt", "b.txt", "c.txt", "东湖.txt"], rng.randint(1, 3))
            gold, graph = random_pair(rng, sources)
            # The table without -v is the first part of the one with it.
            self.assert_same_as_score_py(self.write_json(f"random_gold_{case}.json", gold),
                                         self.write_json(f"random_graph_{case}.json", graph),
                                         flag_sets=(["-v"],))

    def test_bad_input_is_named_and_fails(self):
        gold = os.path.join(ARGS.data, "mixed_gold.json")
        graph = os.path.join(ARGS.data, "mixed_graph.json")
        broken = self.path("broken.json")
        with open(broken, "w", encoding="utf-8") as f:
            f.write('{"documents": [')
        binary = self.path("binary.json")
        with open(binary, "wb") as f:
            f.write(b'{"documents": [{"source": "\xff\xfe"}]}')
        dangling = self.write_json("dangling.json", {"documents": [{"source": "a.txt",
            "entities": [{"name": "张三", "type": "Official"}],
            "relations": [{"type": "holds_post", "source": "张三", "target": "无此党委"}]}]})
        cases = [
            (["--graph", graph, "--gold", broken], "broken.json"),
            (["--graph", graph, "--gold", binary], "binary.json"),
            (["--graph", graph, "--gold", dangling], "relation end not an entity"),
            (["--graph", broken, "--gold", gold], "broken.json"),
            (["--graph", graph, "--gold", self.path("absent.json")], "absent.json"),
            (["--db", self.path("absent.sqlite"), "--gold", gold], "absent.sqlite"),
            (["--gold", gold], "--db"),
            (["--graph", graph], "--gold"),
        ]
        for args, needle in cases:
            proc = kg("eval", *args, ok=False)
            self.assertNotEqual(proc.returncode, 0, args)
            self.assertIn(needle, proc.stderr + proc.stdout, args)
            self.assertEqual(proc.stdout, "", args)
        self.assertFalse(os.path.exists(self.path("absent.sqlite")))

    def test_built_and_exported_corpus_scores_like_score_py(self):
        corpus = os.path.join(ARGS.data, "corpus")
        gold = os.path.join(ARGS.data, "corpus_gold.json")
        db = self.path("corpus.sqlite")
        export = self.path("corpus_export.json")
        for stale in (db, export):
            if os.path.exists(stale):
                os.remove(stale)
        kg("build", corpus, "--db", db)
        with open(export, "w", encoding="utf-8") as f:
            f.write(kg("export", "--db", db, "--format", "json").stdout)
        with open(export, encoding="utf-8") as f:
            exported = json.load(f)
        self.assertTrue(exported["nodes"], "the corpus gave an empty graph")
        for flags in ([], ["-v"]):
            ours = kg("eval", "--db", db, "--gold", gold, *flags).stdout
            self.assertEqual(ours, score_py(gold, export, *flags))
        # Scoring the export through kg gives the same as scoring the database.
        self.assertEqual(kg("eval", "--graph", export, "--gold", gold, "-v").stdout,
                         kg("eval", "--db", db, "--gold", gold, "-v").stdout)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    for flag in ("--kg", "--score", "--data", "--work"):
        parser.add_argument(flag, required=True)
    ARGS, rest = parser.parse_known_args()
    shutil.rmtree(ARGS.work, ignore_errors=True)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
