#!/usr/bin/python3
"""bench/jieba_baseline.py owns the pipeline kg is compared with: what a user
would write with jieba and NetworkX to get a knowledge graph out of a folder of
Chinese news. Files are decoded (UTF-8, else GB18030), split into sentences,
tagged with jieba's part-of-speech tagger on a pool of worker processes;
person, place, organisation and other proper names become nodes, names that
share a sentence become an edge carrying the sentence as evidence, and the
graph is written as node-link JSON.

usage: jieba_baseline.py CORPUS_DIR OUT.json [--workers 2]
Prints one line: files, MB, seconds (wall), nodes, edges.
"""
import argparse
import json
import multiprocessing
import os
import re
import sys
import time

import jieba
import jieba.posseg
import networkx as nx
from networkx.readwrite import json_graph

KINDS = {"nr": "Person", "ns": "Place", "nt": "Organization", "nz": "Other"}
SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")


def read_text(path):
    with open(path, "rb") as f:
        data = f.read()
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            text = data.decode(encoding)
            if "\x00" not in text:
                return text
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def tag_file(path):
    """Sentences of one file, each with the (name, kind) pairs jieba finds in it."""
    text = read_text(path)
    sentences = []
    for sentence in SENTENCE_END.split(text):
        sentence = sentence.strip()
        if not sentence:
            continue
        names = [(w.word, KINDS[w.flag]) for w in jieba.posseg.cut(sentence) if w.flag in KINDS and len(w.word) > 1]
        if names:
            sentences.append((sentence, names))
    return path, sentences


def init_worker():
    jieba.setLogLevel(60)
    jieba.initialize()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.monotonic()
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(args.corpus) for name in names)
    size = sum(os.path.getsize(f) for f in files)
    graph = nx.MultiDiGraph()
    with multiprocessing.Pool(args.workers, initializer=init_worker) as pool:
        for path, sentences in pool.imap(tag_file, files, chunksize=8):
            for sentence, names in sentences:
                for name, kind in names:
                    if name not in graph:
                        graph.add_node(name, type=kind, mentions=0)
                    graph.nodes[name]["mentions"] += 1
                for i, (a, _) in enumerate(names):
                    for b, _ in names[i + 1:]:
                        if a != b:
                            graph.add_edge(a, b, type="co_occurs", evidence=sentence, source=path)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(json_graph.node_link_data(graph), out, ensure_ascii=False)
    seconds = time.monotonic() - started
    print(f"{len(files)} files {size / 1048576:.1f} MB {seconds:.2f} s {graph.number_of_nodes()} nodes "
          f"{graph.number_of_edges()} edges")


if __name__ == "__main__":
    sys.exit(main())
