"""The loaded case and its graph: attributes, thresholds, non-respondents."""

from __future__ import annotations

import pandas as pd
import pytest

from partnet import ParameterError, load_case

from ._builders import PEOPLE_HEADER, TIES_HEADER

# Five people; p4 and p5 did not respond. Respondents reported:
# p1->p2 (3), p2->p1 (2), p1->p4 (5), p3->p4 (1), p2->p5 (4), p3->p1 (2)
PEOPLE5 = (
    PEOPLE_HEADER
    + "p1,Ada Quintrell,Northvale District Council,officer,ICT,senior,yes,yes\n"
    + "p2,Bram Okonjo,Northvale District Council,officer,citizen-facing,middle,yes,no\n"
    + "p3,Cerys Vantongeren,Eastmarsh County Council,councillor,none,senior,yes,yes\n"
    + "p4,Dov Haraldsen,Eastmarsh County Council,officer,back-office,junior,no,yes\n"
    + "p5,Elin Marchetti,Eastmarsh County Council,officer,ICT,middle,no,yes\n"
)
TIES5 = TIES_HEADER + "p1,p2,egov_contact,3\np2,p1,egov_contact,2\np1,p4,egov_contact,5\n" \
    "p3,p4,egov_contact,1\np2,p5,egov_contact,4\np3,p1,egov_contact,2\n"


@pytest.fixture
def case5(make_case):
    return load_case(make_case(people=PEOPLE5, ties=TIES5, drop=["segments.csv"]))


def edges(G):
    return sorted((u, v, d["frequency"], d["imputed"]) for u, v, d in G.edges(data=True))


def test_keep(case5):
    G = case5.graph(nonrespondents="keep")
    assert sorted(G) == ["p1", "p2", "p3", "p4", "p5"]
    assert edges(G) == [("p1", "p2", 3, False), ("p1", "p4", 5, False), ("p2", "p1", 2, False),
                        ("p2", "p5", 4, False), ("p3", "p1", 2, False), ("p3", "p4", 1, False)]
    assert G.out_degree("p4") == 0 and G.in_degree("p4") == 2


def test_drop(case5):
    G = case5.graph(nonrespondents="drop")
    assert sorted(G) == ["p1", "p2", "p3"]
    assert edges(G) == [("p1", "p2", 3, False), ("p2", "p1", 2, False), ("p3", "p1", 2, False)]


def test_reconstruct(case5):
    G = case5.graph(nonrespondents="reconstruct")
    imputed = [e for e in edges(G) if e[3]]
    assert imputed == [("p4", "p1", 5, True), ("p4", "p3", 1, True), ("p5", "p2", 4, True)]
    assert G.number_of_edges() == 9


def test_reconstruct_does_not_overwrite_and_min_frequency_comes_first(case5):
    G = case5.graph(nonrespondents="reconstruct", min_frequency=3)
    assert edges(G) == [("p1", "p2", 3, False), ("p1", "p4", 5, False), ("p2", "p5", 4, False),
                        ("p4", "p1", 5, True), ("p5", "p2", 4, True)]


def test_node_and_graph_attributes(case5):
    G = case5.graph()
    assert G.graph == {"case_id": "example", "title": "Example partnership (fictional)", "relation": "egov_contact",
                       "scale": "frequency", "min_frequency": 1, "nonrespondents": "keep"}
    d = G.nodes["p2"]
    assert (d["name"], d["organisation"], d["org_type"], d["org_size"], d["role"], d["directorate"],
            d["seniority"], d["responded"], d["consent_named"]) == (
        "Bram Okonjo", "Northvale District Council", "district council", 320, "officer", "citizen-facing",
        "middle", True, False)
    assert isinstance(d["pseudonym"], str) and d["pseudonym"] and "Bram" not in d["pseudonym"]
    assert all(type(v) in (str, int, bool) for v in d.values())


def test_defaults_from_case_yaml(make_case):
    yaml_text = ("id: example\ntitle: T\ndescription: D\nrelation: egov_contact\nsurvey_date: 2026-03-01\n"
                 "nonrespondents: drop\nmin_frequency: 3\n")
    case = load_case(make_case(**{"case.yaml": yaml_text}))
    G = case.graph()
    assert G.graph["nonrespondents"] == "drop" and G.graph["min_frequency"] == 3
    assert edges(G) == [("p1", "p2", 3, False)]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"relation": "egov_contacts"}, "did you mean 'egov_contact'?"),
        ({"min_frequency": 0}, "from 1 to 5"),
        ({"nonrespondents": "impute"}, "keep, drop, reconstruct"),
    ],
    ids=["relation", "min-frequency", "treatment"],
)
def test_bad_parameters(case5, kwargs, message):
    with pytest.raises(ParameterError, match=message.replace("?", r"\?")):
        case5.graph(**kwargs)


def test_several_relations(make_case):
    ties = TIES_HEADER + "p1,p2,egov_contact,3\np1,p3,advice,2\np2,p3,,4\n"
    case = load_case(make_case(ties=ties))
    assert case.relations == ["egov_contact", "advice"]
    assert edges(case.graph(relation="advice")) == [("p1", "p3", 2, False)]
    assert ("p2", "p3", 4, False) in edges(case.graph())  # a blank relation is the case's relation


def test_checksum_tracks_content(make_case, tmp_path):
    a = load_case(make_case(name="one"))
    b = load_case(make_case(name="two", ties=TIES_HEADER + "p1,p2,egov_contact,5\n"))
    again = load_case(a.path)
    assert a.checksum == again.checksum and len(a.checksum) == 64
    assert a.checksum != b.checksum


def test_response_by_organisation(case5, make_case):
    table = case5.response_by_organisation()
    assert table.index.name == "organisation"
    assert list(table.columns) == ["org_type", "size", "people", "responded", "response_rate"]
    assert table.to_dict("index") == {
        "Northvale District Council": {"org_type": "district council", "size": 320, "people": 2, "responded": 2,
                                       "response_rate": 1.0},
        "Eastmarsh County Council": {"org_type": "county council", "size": 4100, "people": 3, "responded": 1,
                                     "response_rate": pytest.approx(1 / 3)}}
    # the whole roster's rate is the organisations' responses pooled
    assert table["responded"].sum() / table["people"].sum() == case5.response_rate == 3 / 5
    # an organisation with nobody on the roster is kept: nobody, nobody answered, no rate
    orgs = ("organisation,org_type,size,code\nNorthvale District Council,district council,320,NDC\n"
            "Eastmarsh County Council,county council,4100,ECC\nSaltmarsh Fire and Rescue,fire,90,SFR\n")
    empty = load_case(make_case("empty_org", organisations=orgs)).response_by_organisation()
    assert list(empty.index) == ["Northvale District Council", "Eastmarsh County Council",
                                 "Saltmarsh Fire and Rescue"]
    assert empty.loc["Eastmarsh County Council", ["people", "responded"]].tolist() == [2, 1]
    assert empty.loc["Saltmarsh Fire and Rescue", ["people", "responded"]].tolist() == [0, 0]
    assert pd.isna(empty.loc["Saltmarsh Fire and Rescue", "response_rate"])
    assert empty["people"].dtype == "int64" and empty["response_rate"].dtype == "float64"
