#!/usr/bin/python3
"""Reads an exported graph with a third-party library and prints what it saw
as JSON, so the C++ tests can compare it with the graph they exported.

usage: read_graph.py (networkx-json|networkx-graphml|igraph-graphml) FILE
prints: {"nodes": N, "edges": M, "node": {id: {name, type}},
         "edge": [[source, target, type, title, weight, id], ...] sorted}
"""
import json
import sys


def networkx_json(path):
    import networkx as nx
    data = json.load(open(path, encoding="utf-8"))
    try:
        g = nx.node_link_graph(data, edges="links")
    except TypeError:  # networkx < 3.4 reads "links" by default
        g = nx.node_link_graph(data)
    assert g.is_directed() and g.is_multigraph()
    nodes = {n: {"name": d.get("name"), "type": d.get("type")} for n, d in g.nodes(data=True)}
    edges = [[u, v, d.get("type"), d.get("title"), d.get("weight"), d.get("id")]
             for u, v, d in g.edges(data=True)]
    return nodes, edges, {n: d for n, d in g.nodes(data=True) if "investment_yuan" in d}


def networkx_graphml(path):
    import networkx as nx
    g = nx.read_graphml(path)
    assert g.is_directed() and g.is_multigraph()
    nodes = {n: {"name": d.get("label"), "type": d.get("type")} for n, d in g.nodes(data=True)}
    edges = [[u, v, d.get("type"), d.get("title"), d.get("weight"), k]
             for u, v, k, d in g.edges(keys=True, data=True)]
    return nodes, edges, {n: d for n, d in g.nodes(data=True) if "investment_yuan" in d}


def igraph_graphml(path):
    import igraph
    g = igraph.Graph.Read_GraphML(path)
    assert g.is_directed()
    ids = g.vs["id"]
    nodes = {v["id"]: {"name": v["label"], "type": v["type"]} for v in g.vs}
    edges = []
    for e in g.es:
        weight = e["weight"]
        edges.append([ids[e.source], ids[e.target], e["type"], e["title"],
                      int(weight) if weight == weight else None, e["id"] if "id" in g.es.attributes() else None])
    invest = {}
    if "investment_yuan" in g.vs.attributes():
        for v in g.vs:
            value = v["investment_yuan"]
            if value == value:  # igraph fills missing numeric values with NaN
                invest[v["id"]] = {"investment_yuan": value}
    return nodes, edges, invest


def main():
    mode, path = sys.argv[1], sys.argv[2]
    reader = {"networkx-json": networkx_json, "networkx-graphml": networkx_graphml,
              "igraph-graphml": igraph_graphml}[mode]
    nodes, edges, invest = reader(path)
    edges.sort(key=lambda e: [str(x) for x in e])
    print(json.dumps({"nodes": len(nodes), "edges": len(edges), "node": nodes, "edge": edges,
                      "investment": {k: float(v["investment_yuan"]) for k, v in invest.items()}},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
