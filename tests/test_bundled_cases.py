"""The three bundled fictional cases: valid, realistic, and different as designed."""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import partnet
from partnet.synth import CODEBOOK

ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = ROOT / "data" / "cases"
IDS = ["shire", "metro", "coastal"]

# People named in the project's source texts, and scholars named in
# partnet's methods text: no bundled name may use them.
REAL_NAMES = {
    "cotterill", "roxburgh", "diamant", "veal", "slatter", "chadwick", "watmore", "leslie",
    "sarah", "iain", "bernard", "carl", "julie", "andrew", "ian", "chris", "patrick", "helen",
    "dunleavy", "margetts", "fountain", "mccullagh", "jaeger", "thompson", "king", "mcneal",
    "bichard", "gershon", "beynon-davies", "beynon", "davies", "lee-kelley", "lee", "kelley", "james",
    "martin", "ho", "freeman", "burt", "gould", "fernandez", "krackhardt", "bonacich", "borgatti", "everett",
    "newman", "brandes", "krippendorff", "cohen", "scott", "wasserman", "faust",
}
# Ordinary words that are also names: a leak check could not tell them apart.
ORDINARY = {"will", "hall", "may", "green", "brown", "rose", "mark", "bishop", "grace", "hope",
            "joy", "dawn", "amber", "ruby", "holly", "ivy", "iris", "lily", "robin", "bill", "pat",
            "sue", "rob", "don", "art", "sandy", "drew", "chase", "hunter", "mason", "cooper",
            "baker", "smith", "fisher", "porter", "miller", "wood", "hill", "marsh", "lane", "banks",
            "bell", "cook", "price", "young", "white", "black", "long", "little", "page", "case"}
CLUSTERS = {  # coastal: organisation -> cluster (data/README.md)
    "Corrick Council": "north", "Polwithen Council": "north", "Polwithen Community Network": "north",
    "Kestlemouth Council": "south", "Tremarrow Council": "south", "Coastline Voluntary Action": "south",
}


@pytest.fixture(scope="module")
def cases():
    return {cid: partnet.load_case(CASES_DIR / cid) for cid in IDS}


def in_degree_centralization(G: nx.DiGraph) -> float:
    """Freeman in-degree centralization: sum(max - d_i) / (n - 1)^2."""
    n = G.number_of_nodes()
    d = dict(G.in_degree())
    top = max(d.values())
    return sum(top - v for v in d.values()) / (n - 1) ** 2


def test_the_three_cases_are_the_bundled_ones():
    assert sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir()) == sorted(IDS)


@pytest.mark.parametrize("cid", IDS)
def test_case_loads_without_warnings_and_says_it_is_fictional(cases, cid):
    case = cases[cid]
    assert case.id == cid
    assert case.warnings == []
    assert case.meta["fictional"] is True
    assert "FICTIONAL" in case.meta["description"]
    assert "(fictional)" in case.title
    assert case.meta["relation"] == "egov_contact"


@pytest.mark.parametrize("cid", IDS)
def test_size_response_and_segments_in_the_designed_ranges(cases, cid):
    case = cases[cid]
    assert 40 <= len(case.people) <= 120
    assert 0.7 <= case.people["responded"].mean() <= 0.9
    assert 25 <= case.segments["segment_id"].nunique() <= 60
    assert set(case.people["consent_named"]) == {True, False}


@pytest.mark.parametrize("cid", IDS)
def test_ties_are_clean(cases, cid):
    ties = cases[cid].ties
    responded = set(cases[cid].people.loc[cases[cid].people["responded"], "person_id"])
    assert set(ties["respondent"]) <= responded
    assert not (ties["respondent"] == ties["alter"]).any()
    assert not ties.duplicated(["respondent", "alter", "relation"]).any()
    assert set(ties["relation"]) == {"egov_contact"}
    assert ties["frequency"].between(1, 5).all()


@pytest.mark.parametrize("cid", IDS)
def test_organisation_codes_filled(cases, cid):
    orgs = cases[cid].organisations
    assert orgs["code"].str.fullmatch(r"[A-Z]{2,4}").all()
    assert orgs["code"].is_unique


@pytest.mark.parametrize("cid", IDS)
def test_every_theme_is_coded_and_the_codebook_is_nested(cases, cid):
    case = cases[cid]
    themes = dict(zip(case.codebook["code"], case.codebook["theme"]))
    coded = {themes[c] for c in case.segments["code"]}
    assert coded == {row[1] for row in CODEBOOK if row[1]}
    with open(CASES_DIR / cid / "codebook.csv", encoding="utf-8", newline="") as fh:
        raw = list(csv.DictReader(fh))
    children = [r for r in raw if r["parent"]]
    assert len(children) >= 10
    assert all(r["theme"] == "" and r["dimension"] == "" for r in children), "children inherit"
    assert {r["parent"] for r in children} <= {r["code"] for r in raw if not r["parent"]}
    assert list(case.codebook["code"]) == [r[0] for r in CODEBOOK]


@pytest.mark.parametrize("cid", IDS)
def test_double_coding_with_partial_disagreement(cases, cid):
    seg = cases[cid].segments
    assert not seg.duplicated(["segment_id", "code", "coder"]).any()
    by_coder = {c: set(map(tuple, g[["segment_id", "code"]].to_numpy())) for c, g in seg.groupby("coder")}
    assert set(by_coder) == {"A", "B"}
    both = {s for s, _ in by_coder["A"]} & {s for s, _ in by_coder["B"]}
    assert len(both) >= 10
    a = {x for x in by_coder["A"] if x[0] in both}
    b = by_coder["B"]
    agree = len(a & b) / len(a | b)
    assert 0.5 < agree < 0.95


@pytest.mark.parametrize("cid", IDS)
def test_names_are_safe_for_leak_checks(cases, cid):
    people = cases[cid].people
    tokens = [t for name in people["name"] for t in re.split(r"[\s\-]+", name) if t]
    firsts = [name.split()[0] for name in people["name"]]
    assert len(set(firsts)) == len(firsts), "first names unique within a case"
    low = {t.lower() for t in tokens}
    assert not low & REAL_NAMES
    assert not low & ORDINARY
    assert not [(a, b) for a in low for b in low if a != b and a in b], "no name inside another"
    # every occurrence of a name in the case's other text is a whole word
    folder = CASES_DIR / cid
    text = " ".join((folder / f).read_text(encoding="utf-8")
                    for f in ("case.yaml", "organisations.csv", "codebook.csv", "segments.csv"))
    for t in low:
        for m in re.finditer(re.escape(t), text.lower()):
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            assert not before.isalpha() and not after.isalpha(), (t, text[m.start() - 20:m.end() + 20])


SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the project's source texts are not beside this checkout")
def test_no_roster_word_occurs_in_the_source_texts(cases):
    words = {w.lower() for f in SEEDS.glob("*.txt") for w in re.findall(r"[^\W\d_]+", f.read_text(encoding="utf-8"))}
    assert {"cotterill", "roxburgh", "martin"} <= words  # the texts name real people
    tokens = {t.lower() for case in cases.values() for n in case.people["name"] for t in re.findall(r"[^\W\d_]+", n)}
    assert sorted(tokens & words) == []


def test_surnames_unique_across_the_cases(cases):
    surnames = [n.split()[-1] for case in cases.values() for n in case.people["name"]]
    assert len(surnames) == len(set(surnames))


@pytest.mark.parametrize("cid", IDS)
def test_excerpts_mention_colleagues_in_each_form(cases, cid):
    case = cases[cid]
    text = " ".join(case.segments["excerpt"].unique())
    names = list(case.people["name"])
    firsts = {n.split()[0] for n in names}
    surnames = {n.split()[-1] for n in names}
    assert any(n in text for n in names), "a full name"
    assert any(re.search(rf"\b{re.escape(s)}'s\b", text) for s in surnames), "a surname with possessive"
    alone = [f for f in firsts if re.search(rf"\b{re.escape(f)}\b(?! \w+)", text)
             or re.search(rf"\b{re.escape(f)}\b(?! [A-Z])", text)]
    assert alone, "a first name standing alone"
    redacted = " ".join(case.pseudonyms.redact(t, anonymise=True) for t in case.segments["excerpt"].unique())
    assert not [t for t in firsts | surnames if re.search(rf"\b{re.escape(t)}\b", redacted)]


def test_metro_denser_than_shire(cases):
    shire, metro = cases["shire"].graph(), cases["metro"].graph()
    assert nx.density(metro) > nx.density(shire)
    assert round(nx.density(shire), 4) == 0.0630
    assert round(nx.density(metro), 4) == 0.1438


def test_shire_more_centralised_than_metro(cases):
    shire, metro = cases["shire"].graph(), cases["metro"].graph()
    assert in_degree_centralization(shire) > in_degree_centralization(metro)
    assert round(in_degree_centralization(shire), 3) == 0.616
    assert round(in_degree_centralization(metro), 3) == 0.204
    # the hubs are the partnership team's staff
    top = sorted(shire.in_degree(), key=lambda x: -x[1])[:3]
    assert {shire.nodes[p]["org_type"] for p, _ in top} == {"partnership team"}


def test_shire_design_few_citizen_facing_and_sparse_between_councils(cases):
    case = cases["shire"]
    assert (case.people["directorate"] == "citizen-facing").sum() <= 0.1 * len(case.people)
    assert (cases["metro"].people["directorate"] == "citizen-facing").mean() > 0.3
    assert (case.people["role"] == "councillor").sum() == 10
    assert (case.people["seniority"] == "junior").any()
    G = case.graph()
    councils = {"county council", "district council"}
    between_councils = sum(
        1 for u, v in G.edges()
        if G.nodes[u]["org_type"] in councils and G.nodes[v]["org_type"] in councils
        and G.nodes[u]["organisation"] != G.nodes[v]["organisation"]
    )
    with_team = sum(1 for u, v in G.edges() if "partnership team" in (G.nodes[u]["org_type"], G.nodes[v]["org_type"]))
    assert between_councils < 0.05 * G.number_of_edges() < with_team


def _clusters_joined(U: nx.Graph) -> bool:
    return any({CLUSTERS[U.nodes[p]["organisation"]] for p in comp} == {"north", "south"}
               for comp in nx.connected_components(U))


def test_coastal_two_clusters_joined_by_two_spanners(cases):
    G = cases["coastal"].graph()
    assert set(CLUSTERS) == set(cases["coastal"].organisations["organisation"])
    across = Counter()
    for u, v in G.edges():
        if CLUSTERS[G.nodes[u]["organisation"]] != CLUSTERS[G.nodes[v]["organisation"]]:
            across[u] += 1
            across[v] += 1
    (s1, k1), (s2, k2) = across.most_common(2)
    assert (G.nodes[s1]["name"], k1, G.nodes[s2]["name"], k2) == ("Tamsin Kowalczyk", 9, "Idris Nancarrow", 4)
    U = G.to_undirected()
    assert _clusters_joined(U)
    U.remove_node(s1)
    assert _clusters_joined(U), "one spanner alone does not hold the clusters together"
    U.remove_node(s2)
    assert not _clusters_joined(U)


def test_cases_reproduce_byte_for_byte():
    spec = importlib.util.spec_from_file_location("make_cases", ROOT / "data" / "make_cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = module.render_all()
    assert len(files) == 18
    for rel, text in files.items():
        assert (CASES_DIR / rel).read_text(encoding="utf-8") == text, rel


def test_partnet_validate_accepts_every_bundled_case():
    # `partnet validate data/cases/*`: every folder there, not only the three named above.
    dirs = sorted(str(p) for p in CASES_DIR.glob("*") if p.is_dir())
    assert len(dirs) == len(IDS)
    done = subprocess.run([sys.executable, "-m", "partnet", "validate", *dirs],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    for cid in IDS:
        assert f"{cid}: OK" in done.stdout
    assert "warning" not in done.stdout
    assert "people: 80" in done.stdout and "people: 62" in done.stdout and "people: 46" in done.stdout
