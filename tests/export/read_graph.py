#!/usr/bin/python3
"""Reads an exported graph with a third-party library and prints what it saw
as JSON, so the C++ tests can compare it with the graph they exported.

usage: read_graph.py (networkx-json|networkx-graphml|igraph-graphml|networkx-gexf) FILE
prints: {"nodes": N, "edges": M, "node": {id: {name, type}},
         "edge": [[source, target, type, title, weight, id, ...], ...] sorted}
        (networkx-gexf edges go on: start, end, date, first_source, last_date)
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
    assert g.is_directed()
    nodes = {n: {"name": d.get("label"), "type": d.get("type")} for n, d in g.nodes(data=True)}
    if g.is_multigraph():
        edges = [[u, v, d.get("type"), d.get("title"), d.get("weight"), k]
                 for u, v, k, d in g.edges(keys=True, data=True)]
    else:  # --merge-parallel: no two edges share their ends
        edges = [[u, v, d.get("type"), d.get("title"), d.get("weight"), d.get("id")]
                 for u, v, d in g.edges(data=True)]
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


def networkx_gexf(path):
    import networkx as nx
    from networkx.readwrite.gexf import GEXF
    # NetworkX reads GEXF 1.1 and 1.2 by their namespaces; GEXF 1.3 keeps
    # their elements and attributes (start/end included) under new ones, so
    # an older NetworkX is told the 1.3 namespaces and reads it the same way.
    if "1.3" not in GEXF.versions:
        GEXF.versions["1.3"] = dict(GEXF.versions["1.2draft"], NS_GEXF="http://gexf.net/1.3",
                                    NS_VIZ="http://gexf.net/1.3/viz",
                                    SCHEMALOCATION="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
                                    VERSION="1.3")
    g = nx.read_gexf(path, version="1.3")
    # NetworkX makes a multigraph only of a file with parallel edges.
    assert g.is_directed()
    edge_data = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, 0, d) for u, v, d in g.edges(data=True))
    nodes = {n: {"name": d.get("label"), "type": d.get("type"), "start": d.get("start"), "end": d.get("end")}
             for n, d in g.nodes(data=True)}
    edges = [[u, v, d.get("type"), d.get("title"), int(d.get("weight")), d.get("id"), d.get("start"), d.get("end"),
              d.get("date"), d.get("first_source"), d.get("last_date")]
             for u, v, k, d in edge_data]
    return nodes, edges, {n: d for n, d in g.nodes(data=True) if "investment_yuan" in d}


def main():
    mode, path = sys.argv[1], sys.argv[2]
    reader = {"networkx-json": networkx_json, "networkx-graphml": networkx_graphml,
              "igraph-graphml": igraph_graphml, "networkx-gexf": networkx_gexf}[mode]
    nodes, edges, invest = reader(path)
    edges.sort(key=lambda e: [str(x) for x in e])
    for e in edges:  # what the C++ side compares is the first five fields
        e[:] = e[:5] + [str(x) if x is not None else None for x in e[5:]]
    print(json.dumps({"nodes": len(nodes), "edges": len(edges), "node": nodes, "edge": edges,
                      "investment": {k: float(v["investment_yuan"]) for k, v in invest.items()}},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
