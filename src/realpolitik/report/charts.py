"""Charts for the CLI (--plot) and the HTML report, in one colour language.

Cooperation is blue (light = verbal, dark = material), conflict is orange-red (light = verbal,
dark = material), everywhere: bars, network edges, tables.
"""
from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any

from ..analytics.common import period_index

COLOURS = {
    "VERBAL_COOP": "#9ecae1",
    "MATERIAL_COOP": "#2171b5",
    "VERBAL_CONFLICT": "#fdae6b",
    "MATERIAL_CONFLICT": "#d94801",
    "cooperation": "#2171b5",
    "conflict": "#d94801",
    "neutral": "#9e9e9e",
}
# bloc colours avoid blue and orange, which mean cooperation and conflict
BLOC_COLOURS = ["#7570b3", "#1b9e77", "#a6761d", "#66a61e", "#6a3d9a", "#35978f", "#666666"]
NO_BLOC = "#8c8c8c"
LABELS = {"VERBAL_COOP": "verbal cooperation", "MATERIAL_COOP": "material cooperation",
          "VERBAL_CONFLICT": "verbal conflict", "MATERIAL_CONFLICT": "material conflict"}


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # fixed hash salt: same data, same SVG ids, same report
    plt.rcParams.update({"font.size": 10, "axes.titlesize": 11, "svg.fonttype": "none",
                         "svg.hashsalt": "realpolitik",
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _label_of(index: int, by: str) -> str:
    if by == "month":
        return f"{index // 12}-{index % 12 + 1:02d}"
    if by == "quarter":
        return f"{index // 4}-Q{index % 4 + 1}"
    return str(index)


def period_axis(labels: list[str], by: str) -> list[str]:
    """Every period from the first to the last, so that gaps show as gaps and time runs evenly."""
    if not labels:
        return []
    idx = [period_index(p) for p in labels]
    return [_label_of(i, by) for i in range(min(idx), max(idx) + 1)]


def dyad_timeline(result: dict[str, Any], title: str | None = None):
    """Two panels (A->B above, B->A below): stacked stories per period, cooperation up, conflict down."""
    plt = _plt()
    a, b = result["dyad"]
    by = result["by"]
    axis = period_axis(sorted({p["period"] for p in result["periods"]}, key=period_index), by)
    # one width for every timeline, so that charts in a report line up and read at one scale
    fig, axes = plt.subplots(2, 1, figsize=(11, 5.4), sharex=True, constrained_layout=True)
    if not axis:
        for ax in axes:
            ax.text(0.5, 0.5, "no dated stories", ha="center", va="center", transform=ax.transAxes)
            ax.set_yticks([])
    pos = {p: i for i, p in enumerate(axis)}
    for ax, d, (x, y) in zip(axes, ("A->B", "B->A"), ((a, b), (b, a))):
        rows = {p["period"]: p for p in result["periods"] if p["direction"] == d}
        xs = list(range(len(axis)))
        up = [0.0] * len(axis)
        down = [0.0] * len(axis)
        for quad in ("VERBAL_COOP", "MATERIAL_COOP", "VERBAL_CONFLICT", "MATERIAL_CONFLICT"):
            vals = [float(rows[p][quad]) if p in rows else 0.0 for p in axis]
            if "COOP" in quad:
                ax.bar(xs, vals, bottom=up, color=COLOURS[quad], label=LABELS[quad], width=0.8)
                up = [u + v for u, v in zip(up, vals)]
            else:
                ax.bar(xs, [-v for v in vals], bottom=down, color=COLOURS[quad], label=LABELS[quad], width=0.8)
                down = [dn - v for dn, v in zip(down, vals)]
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.set_title(f"{x} → {y}", loc="left")
        ax.set_ylabel("stories\n(conflict below 0)")
        top = max(up + [1.0])
        bottom = min(down + [-1.0])
        ax.set_ylim(bottom * 1.15, top * 1.15)
        ax.yaxis.set_major_formatter(_abs_formatter())
        ax.yaxis.get_major_locator().set_params(integer=True)
    step = max(1, math.ceil(len(axis) / 16))
    axes[-1].set_xticks(list(range(0, len(axis), step)))
    crowded = len(axis) > 8
    axes[-1].set_xticklabels(axis[::step], rotation=45 if crowded else 0, ha="right" if crowded else "center")
    axes[-1].set_xlabel(f"{by} of the event (not of the report)")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=4, frameon=False)
    fig.suptitle(title or f"{a} – {b}: stories per {by}", x=0.01, ha="left", fontsize=12)
    return fig


def _abs_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: f"{abs(v):g}")


def network_figure(result: dict[str, Any], max_nodes: int = 40):
    """The signed network: blue edges where cooperation outweighs conflict, orange-red where it does not."""
    plt = _plt()
    import networkx as nx

    g = nx.Graph()
    und = result["undirected"]
    strength: dict[str, int] = {}
    for e in und:
        strength[e["a"]] = strength.get(e["a"], 0) + e["n_stories"]
        strength[e["b"]] = strength.get(e["b"], 0) + e["n_stories"]
    keep = set(sorted(strength, key=lambda n: (-strength[n], n))[:max_nodes])
    for e in und:
        if e["a"] in keep and e["b"] in keep:
            g.add_edge(e["a"], e["b"], **{k: e[k] for k in ("weight", "n_stories", "cooperation", "conflict")})
    fig, ax = plt.subplots(figsize=(8.5, 7), constrained_layout=True)
    ax.set_axis_off()
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no dyads", ha="center", va="center", transform=ax.transAxes)
        return fig
    # allies attract: layout on cooperation-leaning edges, conflict edges pull only weakly
    layout_g = nx.Graph()
    layout_g.add_nodes_from(sorted(g.nodes))
    layout_g.add_edges_from((u, v, {"w": max(d["weight"], 0) + 0.2}) for u, v, d in sorted(g.edges(data=True)))
    pos = nx.spring_layout(layout_g, weight="w", seed=7, k=2.4 / math.sqrt(g.number_of_nodes()))
    # an actor alone in its bloc is grey: colour marks membership of a group, nothing else
    bloc_of = {n: i for i, grp in enumerate(g2 for g2 in result["blocs"] if len(g2) > 1) for n in grp}
    edges = sorted(g.edges(data=True), key=lambda e: e[2]["n_stories"])
    nx.draw_networkx_edges(
        g, pos, ax=ax, edgelist=[(u, v) for u, v, _ in edges],
        width=[0.8 + 2.2 * math.sqrt(d["n_stories"] / max(1, edges[-1][2]["n_stories"])) for _, _, d in edges],
        edge_color=[COLOURS["cooperation"] if d["weight"] > 0 else COLOURS["conflict"] if d["weight"] < 0
                    else COLOURS["neutral"] for _, _, d in edges], alpha=0.85)
    nodes = sorted(g.nodes)
    nx.draw_networkx_nodes(
        g, pos, ax=ax, nodelist=nodes,
        node_size=[650 + 900 * math.sqrt(strength[n] / max(strength.values())) for n in nodes],
        node_color=[BLOC_COLOURS[bloc_of[n] % len(BLOC_COLOURS)] if n in bloc_of else NO_BLOC for n in nodes],
        edgecolors="white", linewidths=1.5)
    # long org codes (HEZBOLLAH) get a smaller font so they stay inside their node
    for size, names in ((8.5, [n for n in nodes if len(n) <= 3]), (7, [n for n in nodes if 3 < len(n) <= 5]),
                        (5.5, [n for n in nodes if len(n) > 5])):
        nx.draw_networkx_labels(g, pos, labels={n: n for n in names}, ax=ax, font_size=size, font_color="white",
                                font_weight="bold")
    from matplotlib.lines import Line2D

    ax.legend(handles=[Line2D([], [], color=COLOURS["cooperation"], lw=3, label="more cooperation than conflict"),
                       Line2D([], [], color=COLOURS["conflict"], lw=3, label="more conflict than cooperation"),
                       Line2D([], [], marker="o", color="w", markerfacecolor=BLOC_COLOURS[0], markersize=10,
                              label="node colour = bloc (grey: none)")],
              loc="lower left", frameon=False, fontsize=9)
    ax.set_title("Who cooperates and who clashes (stories, both directions; edge width = stories)", loc="left")
    return fig


def to_svg(fig) -> str:
    """Inline SVG text (no XML prolog), then the figure is closed."""
    plt = _plt()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    # the RDF metadata block only names the creator; dropping it keeps the page free of outside URIs
    return re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)


def save(fig, path: Path | str) -> Path:
    """Write a figure to .png or .svg (by suffix)."""
    plt = _plt()
    path = Path(path)
    fig.savefig(path, dpi=150 if path.suffix.lower() == ".png" else None, bbox_inches="tight")
    plt.close(fig)
    return path
