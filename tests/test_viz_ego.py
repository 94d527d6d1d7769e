"""Ego sheets: one printable page per participant, names only where allowed."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

import partnet as pn
from partnet.errors import ParameterError
from partnet.pseudonyms import leaked_names
from partnet.viz import external_references
from partnet.viz.ego import ego_sheet, write_ego_sheets

FIXTURES = Path(__file__).parent / "fixtures"
ATTACKS = ("<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>",
           '<a href="javascript:alert(3)">')


def degrees(G):
    return pd.DataFrame({"in_degree": dict(G.in_degree()), "out_degree": dict(G.out_degree())}).loc[list(G)]


def table_rows(doc: str, heading: str) -> list[list[str]]:
    """Cell texts of the table under a heading (markup inside a cell dropped, entities kept)."""
    section = doc.split(f"<h2>{heading}", 1)[1].split("</table>", 1)[0]
    body = section.split("<tbody>", 1)[1]
    return [[re.sub(r"<[^>]+>", "", cell).replace("&nbsp;", " ") for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body)]


@pytest.fixture(scope="module")
def example():
    case = pn.load_case(FIXTURES / "example")
    return case, case.graph()


def test_sheet_content(example):
    case, G = example
    doc = ego_sheet(case, G, degrees(G), "p1")
    assert "<h1>Ada Quintrell</h1>" in doc
    assert "Bram Okonjo" not in doc  # consent_named = no
    # one line per organisation, own organisation first: contact, who named whom, how often
    assert table_rows(doc, "Ties") == [
        ["Northvale District Council (district council, 1)", "NDC-01 \u2192 monthly"],
        ["Eastmarsh County Council (county council, 1)", "Dov Haraldsen \u2192 weekly"]]
    assert '<tr class="other"><td class="org">Eastmarsh' in doc and '<tr><td class="org">Northvale' in doc
    # one contact inside, one outside: E-I = (1 - 1) / 2
    assert ("Across organisations: 1 in the same organisation, 1 in 1 other organisation; "
            "E-I index of these contacts 0.") in doc
    # each measure with its plain meaning on the line under it (partnet.vocabulary)
    assert table_rows(doc, "Key measures") == [["named by (in-degree)", "0", "4th of 4"],
                                               ["How many people named this person as a contact."],
                                               ["named (out-degree)", "2", "1st of 4"],
                                               ["How many people this person named as contacts."]]
    assert "@page { size: A4" in doc
    assert external_references(doc) == []
    svg = re.search(r"<svg\b.*?</svg>", doc, re.S).group()
    assert sorted(re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)) == ["Ada Quintrell", "Dov Haraldsen", "NDC-01"]
    assert "<!DOCTYPE svg" not in doc and "<metadata>" not in doc


def test_non_respondent_sheet_says_so(example):
    case, G = example
    doc = ego_sheet(case, G, degrees(G), "p4")
    assert "Did not answer the questionnaire" in doc
    assert [row[1] for row in table_rows(doc, "Ties")] == ["Ada Quintrell \u2190 weekly"]  # p1 named p4
    with pytest.raises(ParameterError, match="did you mean 'p1'"):
        ego_sheet(case, G, degrees(G), "p11")


def test_write_ego_sheets_anonymised(example, tmp_path):
    case, G = example
    paths = write_ego_sheets(case, G, degrees(G), tmp_path, anonymise=True, quotes=True)
    # respondents only (p1, p2, p3 in roster order), named by pseudonym
    assert [p.name for p in paths] == ["NDC-02.html", "NDC-01.html", "ECC-02.html"]
    assert [p.stem for p in paths] == [case.pseudonyms.of(pid) for pid in ("p1", "p2", "p3")]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+)">', index) == [p.name for p in paths]
    for path in [*paths, tmp_path / "index.html"]:
        text = path.read_text(encoding="utf-8")
        assert leaked_names(text, case.pseudonyms) == [], path.name
        assert external_references(text) == []
    first = paths[0].read_text(encoding="utf-8")
    assert "Without a push from the chief executives, NDC-01&#39;s team waits." in first  # Bram = p2
    with pytest.raises(ParameterError):
        write_ego_sheets(case, G, degrees(G), tmp_path, people=["p9"])


def test_hostile_sheets_escape_everything(tmp_path):
    case = pn.load_case(FIXTURES / "hostile")
    G = case.graph()
    G.nodes["h2"]["role"] = ATTACKS[0]
    paths = write_ego_sheets(case, G, degrees(G), tmp_path, quotes=True)
    assert len(paths) == 4
    for path in [*paths, tmp_path / "index.html"]:
        text = path.read_text(encoding="utf-8")
        for attack in ATTACKS:
            assert attack not in text, (path.name, attack)
        assert external_references(text) == []
        assert not re.search(r"<(img|script|a href=\"javascript)", text, re.I)
    h3 = (tmp_path / "EPC-01.html").read_text(encoding="utf-8")
    assert "Ysolde &#34;&lt;a href=&#34;javascript:alert(3)&#34;&gt;x&lt;/a&gt;&#34; Marrowick" in h3
    assert "&lt;img src=x onerror=alert(1)&gt; NIC-01 said no" in h3  # quote, consent-less name (h4) replaced
    assert case.pseudonyms.of("h4") == "NIC-01"


def test_sheets_of_a_bundled_case_compute_their_measures(tmp_path):
    root = Path(__file__).resolve().parents[1] / "data" / "examples"
    case = pn.load_case(root / "coastal")
    G = case.graph()
    respondents = [v for v in G if G.nodes[v]["responded"]]
    paths = write_ego_sheets(case, G, None, tmp_path, anonymise=True, people=respondents[:3])
    assert [p.stem for p in paths] == [G.nodes[v]["pseudonym"] for v in respondents[:3]]
    text = paths[0].read_text(encoding="utf-8")
    assert "betweenness (normalised)" in text and "constraint" in text
    assert leaked_names(text, case.pseudonyms) == []


def test_mutual_ties_show_both_ways_with_the_more_frequent_answer(example):
    case, G = example
    H = G.copy()
    H.add_edge("p2", "p1", frequency=5, relation="egov_contact", imputed=False)  # p1 -> p2 is monthly (3)
    rows = table_rows(ego_sheet(case, H, degrees(H), "p1"), "Ties")
    assert rows[0] == ["Northvale District Council (district council, 1)", "NDC-01 \u2194 daily"]


def test_anonymised_sheet_redacts_title_and_context_line(make_case, tmp_path):
    """The title and the line under it (relation, survey date) come from case.yaml: both are redacted."""
    folder = make_case(
        "named", **{"case.yaml": "id: named\ntitle: Dov Haraldsen's partnership\ndescription: d\n"
                                 "relation: advice from Cerys Vantongeren\nsurvey_date: 2026-03-01\nfictional: true\n"},
        ties="respondent,alter,relation,frequency\np1,p2,advice from Cerys Vantongeren,3\n"
             "p1,p4,advice from Cerys Vantongeren,4\n")
    case = pn.load_case(folder)
    G = case.graph()
    assert G.graph["relation"] == "advice from Cerys Vantongeren"
    named = ego_sheet(case, G, degrees(G), "p1")
    assert "advice from Cerys Vantongeren \u00b7 survey 2026-03-01 \u00b7 fictional data" in named  # as recorded
    out = tmp_path / "sheets"
    paths = write_ego_sheets(case, G, degrees(G), out, anonymise=True)
    for doc in [ego_sheet(case, G, degrees(G), "p1", anonymise=True),
                *(p.read_text(encoding="utf-8") for p in [*paths, out / "index.html"])]:
        assert leaked_names(doc, case.pseudonyms) == []
    shown = ego_sheet(case, G, degrees(G), "p1", anonymise=True)
    context = f"advice from {case.pseudonyms.of('p3')} \u00b7 survey 2026-03-01 \u00b7 fictional data"
    assert context in shown and f"{case.pseudonyms.of('p4')}&#39;s partnership" in shown


# ------------------------------------------------------------- plain meanings

def key_measures(doc: str) -> dict[str, str]:
    """Each measure's label on a sheet -> the meaning on the line under it ("" when there is none)."""
    rows = [[html.unescape(cell) for cell in row] for row in table_rows(doc, "Key measures")]
    out = {}
    for i, row in enumerate(rows):
        if len(row) == 3:
            follows = rows[i + 1] if i + 1 < len(rows) else []
            out[row[0]] = follows[0] if len(follows) == 1 else ""
    return out


def test_every_measure_on_a_sheet_has_its_meaning_under_it(example):
    """Read with the participant: no measure name stands bare (in-closeness, eigenvector, constraint, ...)."""
    from partnet import vocabulary
    from partnet.metrics import node_table
    from partnet.viz.ego import SHEET_MEASURES

    case, G = example
    table = node_table(G)
    shown = key_measures(ego_sheet(case, G, table, "p2"))
    columns = [c for c in SHEET_MEASURES if c in table.columns]
    assert list(shown) == [vocabulary.label(c) for c in columns]
    for code in columns:
        sentence = shown[vocabulary.label(code)]
        assert sentence == vocabulary.meaning(code) and sentence, code
        assert len(sentence) <= 80, (code, len(sentence))     # one line on the printed sheet
    for name in ("in-closeness", "eigenvector", "effective size", "constraint", "consultant (itinerant)"):
        assert shown.get(name), name


def test_an_undirected_sheet_explains_degree_and_closeness(example):
    case, G = example
    H = G.to_undirected()
    from partnet.metrics import node_table

    shown = key_measures(ego_sheet(case, H, node_table(H), "p1"))
    assert shown["degree"].startswith("How many ties the person has")
    assert shown["closeness"].startswith("How easily the person reaches everyone else")
    assert all(shown.values())


def test_sheet_measure_meanings_are_escaped(example, monkeypatch):
    from partnet import vocabulary

    case, G = example
    term = vocabulary.TERMS["in_degree"]
    monkeypatch.setitem(vocabulary.TERMS, "in_degree", vocabulary.Term(term.code, term.label, ATTACKS[0]))
    doc = ego_sheet(case, G, degrees(G), "p1")
    assert ATTACKS[0] not in doc and "&lt;img src=x onerror=alert(1)&gt;" in doc
