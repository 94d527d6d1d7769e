"""The ego picture written straight as SVG: geometry, shapes, escaping, and agreement with ego_network."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import networkx as nx
import numpy as np
import pytest

from partnet.errors import ParameterError
from partnet.viz.egosvg import ego_svg
from partnet.viz.figures import ego_network
from partnet.viz.palette import palette_for

SVG = "{http://www.w3.org/2000/svg}"
ATTACK = '<img src=x onerror=alert(1)> & "</text><script>alert(2)</script>'


def graph(directed=True):
    G = nx.DiGraph() if directed else nx.Graph()
    people = {"e": ("Ego Person", "A", "district council"), "a": ("Alter One", "A", "district council"),
              "b": (ATTACK, "B", "police"), "c": ("Cee Hidden", "C", "fire"), "d": ("Far Away", "C", "fire")}
    for pid, (name, org, kind) in people.items():
        G.add_node(pid, name=name, organisation=org, org_type=kind, consent_named=pid != "c",
                   pseudonym=f"{org}-0{ord(pid) - 96 if pid != 'e' else 9}")
    G.add_edge("e", "a", frequency=5)
    G.add_edge("b", "e", frequency=1)
    G.add_edge("e", "c", frequency=3, imputed=True)
    G.add_edge("a", "b", frequency=2)
    G.add_edge("c", "d", frequency=4)          # d is outside e's ego network
    return G


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_well_formed_with_names_escaped_and_consent_kept():
    svg = ego_svg(graph(), "e")
    root = parse(svg)                                       # well-formed XML: nothing escaped its element
    assert "<script" not in svg and "<img" not in svg
    texts = sorted(t.text for t in root.iter(f"{SVG}text"))
    assert texts == sorted(["Ego Person", "Alter One", ATTACK, "C-03"])
    assert "Cee Hidden" not in svg and "Far Away" not in svg
    anonymous = ego_svg(graph(), "e", anonymise=True)
    assert "Ego Person" not in anonymous and "Alter One" not in anonymous


def test_ties_heads_and_dashes():
    root = parse(ego_svg(graph(), "e"))
    ties = [p for p in root.iter(f"{SVG}path") if p.get("class") == "tie"]
    heads = [p for p in root.iter(f"{SVG}polygon") if p.get("class") == "head"]
    assert len(ties) == len(heads) == 4                     # e-a, b-e, e-c, a-b; c-d is outside
    widths = sorted(float(p.get("stroke-width")) for p in ties)
    assert widths == pytest.approx([1.0, 2.1, 3.2, 5.4])    # 1 + 1.1 (frequency - 1), as the page
    dashed = [p for p in ties if p.get("stroke-dasharray")]
    assert len(dashed) == 1 and float(dashed[0].get("stroke-width")) == pytest.approx(3.2)
    undirected = parse(ego_svg(graph(directed=False), "e"))
    assert not [p for p in undirected.iter(f"{SVG}polygon") if p.get("class") == "head"]
    assert len([p for p in undirected.iter(f"{SVG}path") if p.get("class") == "tie"]) == 4


def test_same_circle_and_colours_as_ego_network():
    G = graph()
    pal = palette_for("org_type", [G.nodes[v]["org_type"] for v in G])
    root = parse(ego_svg(G, "e", palette=pal))
    drawn = {}
    for el in root.iter():
        if el.tag == f"{SVG}circle":
            drawn[(round(float(el.get("cx")), 1), round(float(el.get("cy")), 1))] = el.get("fill")
        elif el.tag == f"{SVG}rect":
            x, y, w = (float(el.get(k)) for k in ("x", "y", "width"))
            drawn[(round(x + w / 2, 1), round(y + w / 2, 1))] = el.get("fill")
    ax = ego_network(G, "e", palette=pal)
    from matplotlib.colors import to_hex

    expected = {}
    for c in ax.collections:
        if c.get_gid() == "nodes":
            for p in c.get_offsets():
                expected[(round(float(p[0]), 1), round(float(p[1]), 1))] = to_hex(c.get_facecolor()[0]).upper()
    assert {k: v.upper() for k, v in drawn.items()} == expected
    # the ring: 150 px radius, first contact straight up (y down), organisation order A, B, C
    assert (0.0, -150.0) in drawn and (0.0, 0.0) in drawn


def test_tie_ends_touch_the_node_circles():
    G = graph()
    root = parse(ego_svg(G, "e"))
    first = next(p for p in root.iter(f"{SVG}path") if p.get("class") == "tie")
    points = np.array([[float(v) for v in xy.split()] for xy in re.split(r"[ML]", first.get("d")) if xy.strip()])
    # e -> a: e at the centre (radius 26), a on the circle straight up (radius 16)
    assert math.hypot(*points[0]) == pytest.approx(26.0, abs=0.02)
    head = next(p for p in root.iter(f"{SVG}polygon") if p.get("class") == "head")
    tip = np.array([float(v) for v in head.get("points").split()[0].split(",")])
    pt_per_unit = 5.2 * 72 / float(root.get("viewBox").split()[2])
    # the tip stops half a point short of the circle, as matplotlib's shrinkB did
    assert math.hypot(tip[0] - 0.0, tip[1] + 150.0) == pytest.approx(16.0 + 0.5 / pt_per_unit, abs=0.02)


def test_unknown_person():
    with pytest.raises(ParameterError, match="did you mean"):
        ego_svg(graph(), "ee")


def test_same_bytes_in_every_process(tmp_path):
    """Same case, same sheet pictures, whatever Python's hash seed (each a small part of a large graph)."""
    import os
    import subprocess
    import sys

    from partnet.synth import synth_case

    synth_case(tmp_path / "big", orgs=8, people=150, seed=3)
    code = ("import sys, partnet as pn\n"
            "from partnet.viz.egosvg import ego_svg\n"
            "G = pn.load_case(sys.argv[1]).graph()\n"
            "sys.stdout.write(''.join(ego_svg(G, v) for v in sorted(G)))\n")
    out = set()
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "big")], capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        out.add(run.stdout)
    assert len(out) == 1 and 'class="tie"' in out.pop()
