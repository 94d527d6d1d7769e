"""The bundled fictional cases: valid, realistic, and different as designed (quenmere: two waves)."""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
import yaml

import partnet
from partnet.synth import CODEBOOK

ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = ROOT / "data" / "examples"
IDS = ["shire", "metro", "coastal", "quenmere"]

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


def test_the_listed_cases_are_the_bundled_ones():
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
    # a tie is named once per wave (a case with waves may name it again in the next)
    key = ["respondent", "alter", "relation"] + (["wave"] if "wave" in ties.columns else [])
    assert not ties.duplicated(key).any()
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


# --------------------------------------------------------------------------- quenmere: two waves
# Computed from the files with pandas and networkx alone, independently of
# partnet's own reading of waves.

QUENMERE = CASES_DIR / "quenmere"
WAVES = ["w1", "w2"]


@pytest.fixture(scope="module")
def panel():
    """quenmere's tables, with each person's organisation code beside the ties."""
    read = {name: pd.read_csv(QUENMERE / f"{name}.csv", dtype=str, keep_default_na=False)
            for name in ("people", "organisations", "ties", "responses")}
    code = dict(zip(read["organisations"]["organisation"], read["organisations"]["code"]))
    read["code"] = {p: code[o] for p, o in zip(read["people"]["person_id"], read["people"]["organisation"])}
    read["name"] = dict(zip(read["people"]["person_id"], read["people"]["name"]))
    return read


def _present(panel, wave) -> set:
    r = panel["responses"]
    return set(r.loc[(r["wave"] == wave) & (r["responded"] != "absent"), "person_id"])


def _wave_graph(panel, wave) -> nx.DiGraph:
    """One wave's network: the people on its roster, the ties of that wave."""
    t = panel["ties"][panel["ties"]["wave"] == wave]
    G = nx.DiGraph()
    G.add_nodes_from(_present(panel, wave))
    G.add_edges_from((r, a, {"frequency": int(f)}) for r, a, f in zip(t["respondent"], t["alter"], t["frequency"]))
    return G


def test_quenmere_declares_two_waves_and_every_tie_names_its_wave(panel):
    meta = yaml.safe_load((QUENMERE / "case.yaml").read_text(encoding="utf-8"))
    assert [w["id"] for w in meta["waves"]] == WAVES
    assert [str(w["survey_date"]) for w in meta["waves"]] == ["2006-10-03", "2008-04-15"]
    assert str(meta["survey_date"]) == "2006-10-03", "survey_date stays the first wave's"
    assert list(panel["ties"].columns) == ["respondent", "alter", "relation", "frequency", "wave"]
    assert set(panel["ties"]["wave"]) == set(WAVES)
    # responses.csv: one row per person and wave, in wave order
    r = panel["responses"]
    assert list(r.columns) == ["person_id", "wave", "responded"]
    assert len(r) == 2 * len(panel["people"]) and not r.duplicated(["person_id", "wave"]).any()
    assert list(r["wave"]) == sorted(r["wave"])
    assert set(r["responded"]) == {"yes", "no", "absent"}


def test_quenmere_ties_follow_each_waves_roster_and_answers(panel):
    r = panel["responses"].set_index(["person_id", "wave"])["responded"]
    for respondent, alter, wave in zip(panel["ties"]["respondent"], panel["ties"]["alter"], panel["ties"]["wave"]):
        assert r[(respondent, wave)] == "yes", (respondent, wave)
        assert r[(alter, wave)] != "absent", (alter, wave)
    # people.csv's responded: answered in at least one wave
    answered = {p for (p, _), v in r.items() if v == "yes"}
    assert set(panel["people"].loc[panel["people"]["responded"] == "yes", "person_id"]) == answered


def test_quenmere_joiners_leavers_and_response_in_each_wave(panel):
    r = panel["responses"]
    counts = {w: Counter(r.loc[r["wave"] == w, "responded"]) for w in WAVES}
    assert counts == {"w1": {"yes": 51, "no": 11, "absent": 3}, "w2": {"yes": 48, "no": 15, "absent": 2}}
    assert 0.7 <= 51 / 62 <= 0.9 and 0.7 <= 48 / 63 <= 0.9
    joined = {panel["name"][p] for p in _present(panel, "w2") - _present(panel, "w1")}
    left = {panel["name"][p] for p in _present(panel, "w1") - _present(panel, "w2")}
    assert joined == {"Despina Vlachou", "Sunniva Randhawa", "Tiago Galea"}
    assert left == {"Gwenllian Pietrzak", "Lorcan Kobayashi"}
    # non-respondents differ between the waves: some answered only one of them
    pattern = r.pivot(index="person_id", columns="wave", values="responded")
    assert ((pattern["w1"] == "yes") & (pattern["w2"] == "no")).sum() == 6
    assert ((pattern["w1"] == "no") & (pattern["w2"] == "yes")).sum() == 2


def test_quenmere_team_central_in_both_waves(panel):
    for wave in WAVES:
        G = _wave_graph(panel, wave)
        ranked = sorted(G.in_degree(), key=lambda x: (-x[1], x[0]))
        assert panel["name"][ranked[0][0]] == "Morwenna Asante"
        assert {panel["code"][p] for p, _ in ranked[:4]} == {"QPT"}, "the four team members lead"
        by_org: dict[str, list] = {}
        for p, d in G.in_degree():
            by_org.setdefault(panel["code"][p], []).append(d)
        mean = {org: sum(d) / len(d) for org, d in by_org.items()}
        assert max(mean, key=mean.get) == "QPT"
    # the centre loosens a little as two districts work directly (data/README.md)
    shape = {w: (round(nx.density(_wave_graph(panel, w)), 3), round(in_degree_centralization(_wave_graph(panel, w)), 3))
             for w in WAVES}
    assert shape == {"w1": (0.091, 0.691), "w2": (0.088, 0.517)}


def _count(panel, wave, keep) -> int:
    t = panel["ties"][panel["ties"]["wave"] == wave]
    return sum(keep(panel["code"][r], panel["code"][a]) for r, a in zip(t["respondent"], t["alter"]))


def test_quenmere_ovdale_drifts_out(panel):
    between = {w: _count(panel, w, lambda a, b: (a == "ODC") != (b == "ODC")) for w in WAVES}
    assert between == {"w1": 52, "w2": 12}
    assert between["w2"] <= between["w1"] / 2
    # its ties with the team fell too, but the team still reaches it
    team = {w: _count(panel, w, lambda a, b: {a, b} == {"ODC", "QPT"}) for w in WAVES}
    assert team == {"w1": 37, "w2": 9}


def test_quenmere_kelthorpe_and_langwick_start_working_directly(panel):
    direct = {w: _count(panel, w, lambda a, b: {a, b} == {"KDC", "LDC"}) for w in WAVES}
    assert direct == {"w1": 0, "w2": 13}
    # both ways round, and through the shared revenues manager who joined
    t = panel["ties"][panel["ties"]["wave"] == "w2"]
    pairs = [(panel["code"][r], panel["code"][a], r, a) for r, a in zip(t["respondent"], t["alter"])
             if {panel["code"][r], panel["code"][a]} == {"KDC", "LDC"}]
    assert {(x, y) for x, y, _, _ in pairs} == {("KDC", "LDC"), ("LDC", "KDC")}
    randhawa = next(p for p, n in panel["name"].items() if n == "Sunniva Randhawa")
    assert any(randhawa in (r, a) for *_, r, a in pairs)


def test_quenmere_tie_change_between_the_waves(panel):
    """The tie-change table among people on both waves' rosters, counted by hand."""
    both = _present(panel, "w1") & _present(panel, "w2")
    ties = {w: {(r, a): int(f) for r, a, f, ww in panel["ties"][["respondent", "alter", "frequency", "wave"]]
                .itertuples(index=False) if ww == w and r in both and a in both} for w in WAVES}
    before, after = set(ties["w1"]), set(ties["w2"])
    m = len(both)
    n11, n01, n10 = len(before & after), len(after - before), len(before - after)
    n00 = m * (m - 1) - n11 - n01 - n10
    assert (m, n00, n01, n10, n11) == (60, 3102, 115, 116, 207)
    assert round(n11 / (n11 + n01 + n10), 4) == 0.4726
    rose = sum(ties["w2"][p] > ties["w1"][p] for p in before & after)
    fell = sum(ties["w2"][p] < ties["w1"][p] for p in before & after)
    assert (rose, fell) == (44, 32)
    assert len(_present(panel, "w2") - both) == 3 and len(_present(panel, "w1") - both) == 2


def test_quenmere_interviews_in_both_waves_code_stability(cases):
    seg = cases["quenmere"].segments
    themes = dict(zip(cases["quenmere"].codebook["code"], cases["quenmere"].codebook["theme"]))
    for wave in ("wave 1", "wave 2"):
        coded = {themes[c] for c in seg.loc[seg["source"].str.endswith(wave), "code"]}
        assert {"embeddedness", "boundary spanning", "centralisation"} <= coded, wave


@pytest.mark.parametrize("cid", IDS)
def test_every_bundled_case_has_its_pseudonym_key(cid):
    from partnet.pseudonyms import read_key

    assert len(read_key(CASES_DIR / cid, create=False)) == 32


def test_cases_reproduce_byte_for_byte():
    spec = importlib.util.spec_from_file_location("make_cases", ROOT / "data" / "make_cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = module.render_all()
    assert len(files) == 3 * 6 + 7 + 1  # quenmere adds responses.csv, shire its workshop's notes.csv
    for rel, text in files.items():
        assert (CASES_DIR / rel).read_text(encoding="utf-8") == text, rel


def test_partnet_validate_accepts_every_bundled_case():
    # `partnet validate data/examples/*`: every folder there, not only the three named above.
    dirs = sorted(str(p) for p in CASES_DIR.glob("*") if p.is_dir())
    assert len(dirs) == len(IDS)
    done = subprocess.run([sys.executable, "-m", "partnet", "validate", *dirs],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    for cid in IDS:
        assert f"{cid}: OK" in done.stdout
    assert "warning" not in done.stdout
    assert "people: 80" in done.stdout and "people: 62" in done.stdout and "people: 46" in done.stdout
    assert "people: 65" in done.stdout


def test_quenmere_wave_change_equals_the_count_from_the_files():
    """partnet's wave_change on case.graph(wave=...) against the hand count above (the same numbers)."""
    from partnet import load_case, metrics

    case = load_case(CASES_DIR / "quenmere")
    row = metrics.wave_change(case.graph(wave="w1"), case.graph(wave="w2"))
    assert row[["overlap", "joined", "left", "n00", "n01", "n10", "n11", "hamming"]].astype(int).tolist() == [
        60, 3, 2, 3102, 115, 116, 207, 231]
    assert round(row["jaccard"], 4) == 0.4726
    assert (round(row["rose"] * 207), round(row["fell"] * 207)) == (44, 32)
