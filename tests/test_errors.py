"""The exception family, the option checker, the shared options and the reason-code registry (partnet.errors)."""

from __future__ import annotations

import networkx as nx
import pytest

import partnet
from partnet import errors, options
from partnet.errors import (
    CodebookError,
    GraphError,
    NotebookFailed,
    ParameterError,
    PartnetError,
    Problem,
    Reason,
    ReportError,
    SynthError,
    check_choice,
    choice_error,
)

# ----------------------------------------------------------------------------- the family


@pytest.mark.parametrize("cls,bases", [
    (GraphError, (ParameterError, PartnetError, ValueError)),
    (SynthError, (ParameterError, PartnetError, ValueError)),
    (NotebookFailed, (ReportError, PartnetError)),
], ids=["graph", "synth", "notebook"])
def test_every_error_is_one_of_the_family(cls, bases):
    assert cls.__module__ == "partnet.errors"
    assert all(issubclass(cls, b) for b in bases)


def test_old_homes_still_import_the_same_classes():
    from partnet.metrics import GraphError as from_metrics
    from partnet.metrics._graph import GraphError as from_graph
    from partnet.report import NotebookFailed as from_report
    from partnet.report.render import NotebookFailed as from_render
    from partnet.synth import SynthError as from_synth

    assert from_metrics is from_graph is GraphError is partnet.GraphError
    assert from_report is from_render is NotebookFailed is partnet.NotebookFailed
    assert from_synth is SynthError is partnet.SynthError


def test_an_empty_graph_is_the_same_error_in_metrics_and_viz():
    import pandas as pd

    from partnet.metrics import density
    from partnet.viz import interactive, sociogram

    for use in (density, lambda G: interactive(G, pd.DataFrame()), sociogram):
        with pytest.raises(GraphError, match="no nodes"):
            use(nx.DiGraph())
        with pytest.raises(GraphError, match="list was given"):
            use([])


def test_notebook_failed_keeps_its_attributes(tmp_path):
    err = NotebookFailed(tmp_path / "x.ipynb", None, "KeyError", "'a'")
    assert (err.path, err.cell, err.ename, err.evalue) == (tmp_path / "x.ipynb", None, "KeyError", "'a'")
    assert str(err) == "the notebook failed: KeyError: 'a'"


# ----------------------------------------------------------------------------- the option checker


def test_one_message_form():
    with pytest.raises(ParameterError) as info:
        check_choice("ni", ("in", "out"), "direction")
    assert str(info.value) == "direction must be one of in, out; 'ni' was given; did you mean 'in'?"


def test_nearest_ignores_case_and_keeps_the_option_type():
    assert str(choice_error("DORP", ("keep", "drop"), "nonrespondents")).endswith("did you mean 'drop'?")
    assert str(choice_error(55, (1, 2, 5), "level")).endswith("55 was given; did you mean 5?")


def test_what_and_listed():
    err = choice_error("advise", ["advice"], "relation", what="a relation of the case")
    assert str(err) == "relation must be a relation of the case (advice); 'advise' was given; did you mean 'advice'?"
    err = choice_error("p11", ["p1"], "person", what="a person in the graph", listed=False)
    assert str(err) == "person must be a person in the graph; 'p11' was given; did you mean 'p1'?"
    assert str(choice_error("x", [], "partition", what="an attribute the nodes have")) == \
        "partition must be an attribute the nodes have (none); 'x' was given"


def test_long_lists_are_cut():
    err = choice_error("zz", [f"code{i:03d}" for i in range(100)], "code")
    assert "code029, ... (100 in all); 'zz' was given" in str(err) and "code030" not in str(err)


def test_check_choice_returns_the_value_and_takes_any_container():
    assert check_choice("b", {"a": 1, "b": 2}, "key") == "b"
    assert check_choice("b", (x for x in "ab"), "letter") == "b"
    with pytest.raises(ParameterError, match=r"letter must be one of a, b; 'c' was given"):
        check_choice("c", (x for x in "ab"), "letter")
    with pytest.raises(ParameterError, match=r"\['a'\] was given"):
        check_choice(["a"], {"a"}, "letter")


def test_another_error_class_may_be_asked_for():
    with pytest.raises(CodebookError, match="did you mean 'ann'"):
        check_choice("an", ["ann", "bob"], "coder", error=CodebookError)


# ----------------------------------------------------------------------------- shared options


@pytest.mark.parametrize("check,good,bad,message", [
    (options.check_min_frequency, 5, [0, 6, True, 3.0, "3", None], "min_frequency must be a whole number from 1 to 5"),
    (options.check_nonrespondents, "drop", ["dorp", "Drop", None], "nonrespondents must be one of keep, drop, "
                                                                    "reconstruct"),
    (options.check_seed, 0, [-1, True, 1.0, "1", None], "seed must be a whole number 0 or more"),
    (options.check_anonymise, True, ["yes", 1, None], "anonymise must be True or False"),
], ids=["min_frequency", "nonrespondents", "seed", "anonymise"])
def test_each_shared_option_has_one_checker(check, good, bad, message):
    assert check(good) == good
    for value in bad:
        with pytest.raises(ParameterError, match=message):
            check(value)


def test_whole_number_options_take_numpy_integers_and_give_python_ints():
    # A notebook often reads a threshold from a table: numpy integers are
    # whole numbers, and the checked value is a plain int (papermill and
    # the graph files need one); numpy booleans are not numbers.
    import numpy as np

    for check, value in ((options.check_min_frequency, np.int64(3)), (options.check_seed, np.uint8(7))):
        out = check(value)
        assert out == value and type(out) is int
    for bad in (np.bool_(True), np.float64(3.0)):
        with pytest.raises(ParameterError, match="min_frequency must be a whole number"):
            options.check_min_frequency(bad)
    from pathlib import Path

    from partnet import load_case

    G = load_case(Path(__file__).parent / "fixtures" / "example").graph(min_frequency=np.int64(2))
    assert type(G.graph["min_frequency"]) is int and G.graph["min_frequency"] == 2


@pytest.mark.parametrize("kwargs,message", [
    ({"min_frequency": True}, "min_frequency must be"),
    ({"min_frequency": 3.0}, "min_frequency must be"),
    ({"nonrespondents": "dorp"}, "did you mean 'drop'"),
    ({"seed": True}, "seed must be"),
], ids=["bool-frequency", "float-frequency", "treatment", "bool-seed"])
def test_the_report_run_checks_options_as_the_case_does(kwargs, message, tmp_path):
    from partnet.report import run

    with pytest.raises(ParameterError, match=message):
        run([tmp_path], tmp_path / "out", progress=False, **kwargs)
    assert not (tmp_path / "out").exists()


def test_case_yaml_uses_the_same_rules():
    from partnet.validate import check_meta

    meta = {"id": "x", "title": "T", "description": "D", "relation": "r", "survey_date": "2026-03"}
    for field, value in (("min_frequency", 3), ("nonrespondents", "drop"), ("anonymise", False)):
        found = []
        check_meta({**meta, field: value}, "x", "case.yaml", found)
        assert found == []
    for field, value in (("min_frequency", True), ("min_frequency", 3.0), ("nonrespondents", "Drop"),
                         ("anonymise", "yes")):
        found = []
        check_meta({**meta, field: value}, "x", "case.yaml", found)
        assert [(p.code, p.column) for p in found] == [("invalid-option", field)]


# ----------------------------------------------------------------------------- the registry


def test_problem_takes_its_default_severity_from_the_registry():
    assert Problem("self-tie", "ties.csv", "m").severity == "warning"
    assert Problem("unknown-person", "ties.csv", "m").severity == "error"
    assert Problem("duplicate-segment", "x.qdpx", "merged", severity="warning").severity == "warning"
    assert type(Problem(Reason.SELF_TIE, "ties.csv", "m").code) is str
    with pytest.raises(ValueError, match="severity must be one of error, warning"):
        Problem("self-tie", "ties.csv", "m", severity="fatal")


def test_the_registry_is_well_formed():
    codes = Reason.codes()
    assert len(codes) == len(set(codes)) == len(Reason)
    assert all(r.severity in ("error", "warning") and r.rule and r.name == r.value.upper().replace("-", "_")
               for r in Reason)
    assert len(errors.reason_table().splitlines()) == len(Reason) + 4
