#!/usr/bin/python3
"""bench/jieba_baseline.py owns the pipeline kg is compared with: what a user
would write with jieba, regular expressions and NetworkX to get a knowledge
graph out of a folder of Chinese news (the pipeline issue 11 measures kg
against). Files are decoded (UTF-8, else GB18030), split into sentences and
segmented with jieba on a pool of worker processes; a word ending in an
organisation's or a place's suffix is an organisation or a place, the word
before a title is a person; names that share a sentence become an edge
carrying the sentence as evidence, and the graph is written as node-link
JSON. With --tagger posseg, jieba's part-of-speech tagger finds the names
instead (nr person, ns place, nt organisation, nz other): more names, and
many times slower. The issue's figure (130 s for 20.6 MB) lies between the
two, so the benchmark reports both.

usage: jieba_baseline.py CORPUS_DIR OUT.json [--workers 2] [--tagger cut|posseg]
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

SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")
ORGANISATION = re.compile(r"..+(公司|集团|委员会|委|局|厅|办公室|政府|园区|开发区|工业园|产业园|协会|银行|大学|学院|医院|中心|项目)$")
PLACE = re.compile(r"..+(省|市|县|区|镇|乡|村|街道)$")
TITLE = re.compile(r"(书记|副书记|主任|副主任|市长|副市长|县长|副县长|区长|副区长|镇长|主席|董事长|总经理|经理|局长|副局长|部长|厅长|委员)$")
PERSON = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
KINDS = {"nr": "Person", "ns": "Place", "nt": "Organization", "nz": "Other"}
TAGGER = "cut"


def names_of(sentence):
    """The (name, kind) pairs of one sentence: by jieba's part-of-speech tags, or
    by regular expressions over jieba's words."""
    if TAGGER == "posseg":
        return [(w.word, KINDS[w.flag]) for w in jieba.posseg.cut(sentence) if w.flag in KINDS and len(w.word) > 1]
    words = list(jieba.cut(sentence))
    names = []
    for i, word in enumerate(words):
        if ORGANISATION.match(word):
            names.append((word, "Organization"))
        elif PLACE.match(word):
            names.append((word, "Place"))
        elif i + 1 < len(words) and TITLE.search(words[i + 1]) and PERSON.match(word):
            names.append((word, "Person"))
    return names


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
        names = names_of(sentence)
        if names:
            sentences.append((sentence, names))
    return path, sentences


def init_worker(tagger):
    global TAGGER
    TAGGER = tagger
    jieba.setLogLevel(60)
    jieba.initialize()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tagger", choices=("cut", "posseg"), default="cut")
    args = parser.parse_args()
    started = time.monotonic()
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(args.corpus) for name in names)
    size = sum(os.path.getsize(f) for f in files)
    graph = nx.MultiDiGraph()
    with multiprocessing.Pool(args.workers, initializer=init_worker, initargs=(args.tagger,)) as pool:
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
