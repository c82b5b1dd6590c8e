"""All dyads at once: cooperation vs conflict weights and blocs of the signed network."""
from __future__ import annotations

from typing import Any

import duckdb

from .common import COOPERATION, CONFLICT, counted_statuses, require_stories, sql_list


def dyad_weights(con: duckdb.DuckDBPyConnection, since: str | None = None, until: str | None = None,
                 include_alleged: bool = False, min_stories: int = 1) -> list[dict[str, Any]]:
    """One row per directed dyad: story counts and intensity sums of cooperation and conflict."""
    require_stories(con)
    where = [f"status IN ({sql_list(counted_statuses(include_alleged))})"]
    params: list[Any] = []
    if since:
        where.append("date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("date <= CAST(? AS DATE)")
        params.append(until)
    params.append(min_stories)
    rows = con.execute(f"""
        SELECT actor, recipient, count(*) AS n_stories,
               count(*) FILTER (WHERE quad IN ({sql_list(COOPERATION)})) AS cooperation,
               count(*) FILTER (WHERE quad IN ({sql_list(CONFLICT)})) AS conflict,
               count(*) FILTER (WHERE quad = 'MATERIAL_COOP') AS material_coop,
               count(*) FILTER (WHERE quad = 'MATERIAL_CONFLICT') AS material_conflict,
               coalesce(sum(intensity), 0) AS intensity_total
        FROM story_dyads WHERE {' AND '.join(where)}
        GROUP BY actor, recipient HAVING count(*) >= ?
        ORDER BY n_stories DESC, actor, recipient""", params).fetchall()
    cols = ("actor", "recipient", "n_stories", "cooperation", "conflict", "material_coop", "material_conflict",
            "intensity_total")
    out = []
    for r in rows:
        d = dict(zip(cols, r))
        d["intensity_total"] = round(float(d["intensity_total"]), 3)
        d["net"] = d["cooperation"] - d["conflict"]
        out.append(d)
    return out


def signed_graph(edges: list[dict[str, Any]]):
    """Undirected networkx graph: weight = cooperation - conflict summed over both directions."""
    import networkx as nx

    g = nx.Graph()
    for e in edges:
        a, b = e["actor"], e["recipient"]
        if g.has_edge(a, b):
            d = g[a][b]
            d["cooperation"] += e["cooperation"]
            d["conflict"] += e["conflict"]
            d["n_stories"] += e["n_stories"]
        else:
            g.add_edge(a, b, cooperation=e["cooperation"], conflict=e["conflict"], n_stories=e["n_stories"])
    for _, _, d in g.edges(data=True):
        d["weight"] = d["cooperation"] - d["conflict"]
    return g


def blocs(g) -> list[list[str]]:
    """Communities of the positive-weight graph (greedy modularity: deterministic); isolated actors alone."""
    import networkx as nx
    from networkx.algorithms.community import greedy_modularity_communities

    pos = nx.Graph()
    pos.add_nodes_from(sorted(g.nodes))
    pos.add_edges_from((a, b, {"weight": d["weight"]}) for a, b, d in g.edges(data=True) if d["weight"] > 0)
    if pos.number_of_edges() == 0:
        return [[n] for n in sorted(pos.nodes)]
    comms = greedy_modularity_communities(pos, weight="weight")
    return sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c))


def network(con: duckdb.DuckDBPyConnection, since: str | None = None, until: str | None = None,
            include_alleged: bool = False, min_stories: int = 1) -> dict[str, Any]:
    """Directed dyad weights, the undirected signed edges and the blocs."""
    edges = dyad_weights(con, since=since, until=until, include_alleged=include_alleged, min_stories=min_stories)
    g = signed_graph(edges)
    groups = blocs(g)
    bloc_of = {n: i for i, grp in enumerate(groups) for n in grp}
    undirected = sorted(({"a": min(a, b), "b": max(a, b), **d} for a, b, d in g.edges(data=True)),
                        key=lambda e: (-e["n_stories"], e["a"], e["b"]))
    between: dict[tuple[int, int], int] = {}
    for e in undirected:
        i, j = sorted((bloc_of[e["a"]], bloc_of[e["b"]]))
        if i != j:
            between[(i, j)] = between.get((i, j), 0) + e["weight"]
    return {
        "since": since, "until": until, "include_alleged": include_alleged,
        "edges": edges, "undirected": undirected, "blocs": groups,
        "between_blocs": [{"bloc_a": i, "bloc_b": j, "net": w} for (i, j), w in sorted(between.items())],
    }
