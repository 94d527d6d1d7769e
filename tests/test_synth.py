"""partnet.synth: shape of the generated cases at three sizes, determinism, refusals."""

from __future__ import annotations

import csv
import re
import statistics
from collections import Counter

import numpy as np
import pytest

import partnet
from partnet.cli import main as cli_main
from partnet.errors import PartnetError
from partnet.synth import CODEBOOK, FIRST_NAMES, SynthError, synth_case, synthetic_surnames

FILES = ("case.yaml", "organisations.csv", "people.csv", "ties.csv", "codebook.csv", "segments.csv")

# (orgs, people, seed): a small, a medium and a large partnership.
SIZES = [(6, 30, 11), (12, 300, 12), (40, 3000, 13)]
SIZE_IDS = ["30-people", "300-people", "3000-people"]

# Ordinary words that must never be generated as names (examples from the
# format's leak-check rule, and the scholars named in partnet's methods text).
ORDINARY = {"will", "hall", "may", "green", "brown", "rose", "mark", "bishop", "grace", "hope",
            "joy", "dawn", "page", "king", "young", "white", "black", "wood", "hill", "case"}
METHOD_AUTHORS = {"freeman", "burt", "gould", "fernandez", "krackhardt", "bonacich", "borgatti",
                  "everett", "newman", "brandes", "krippendorff", "cohen", "ucinet"}


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module", params=SIZES, ids=SIZE_IDS)
def generated(request, tmp_path_factory):
    orgs, people, seed = request.param
    folder = synth_case(tmp_path_factory.mktemp("synth") / f"synth{people}", orgs, people, seed)
    return orgs, people, folder


@pytest.fixture(scope="module")
def loaded(generated):
    orgs, people, folder = generated
    return orgs, people, folder, partnet.load_case(folder)


def _blocks(case):
    """(within-organisation density, between density, degrees) from the loaded tables."""
    org = dict(zip(case.people["person_id"], case.people["organisation"]))
    sizes = np.array(list(Counter(org.values()).values()))
    n = len(org)
    within_pairs = int((sizes * (sizes - 1)).sum())
    between_pairs = n * (n - 1) - within_pairs
    same = [org[r] == org[a] for r, a in zip(case.ties["respondent"], case.ties["alter"])]
    w = sum(same)
    b = len(same) - w
    deg = Counter(case.ties["respondent"]) + Counter(case.ties["alter"])
    degrees = [deg.get(p, 0) for p in org]
    return w / within_pairs, b / between_pairs, degrees


def test_loads_clean_with_the_requested_size(loaded):
    orgs, people, folder, case = loaded
    assert case.id == folder.name
    assert case.meta["fictional"] is True
    assert "Fictional" in case.meta["description"]
    assert len(case.people) == people
    assert len(case.organisations) == orgs
    assert case.warnings == []
    # The files written, and the pseudonym key that loading the case created beside them.
    assert sorted(p.name for p in folder.iterdir() if p.name != ".partnet") == sorted(FILES)
    assert [p.name for p in (folder / ".partnet").iterdir()] == ["key"]


def test_within_density_at_least_five_times_between(loaded):
    *_, case = loaded
    within, between, _ = _blocks(case)
    assert between > 0
    assert within >= 5 * between


def test_hubs_have_five_times_the_median_degree(loaded):
    *_, case = loaded
    _, _, degrees = _blocks(case)
    assert max(degrees) >= 5 * statistics.median(degrees)
    # the hubs are partnership staff of the partnership team
    top = max(set(case.ties["alter"]), key=lambda p: (case.ties["alter"] == p).sum())
    person = case.people.set_index("person_id").loc[top]
    assert person["role"] == "partnership staff"


def test_response_rate_between_70_and_90_percent(loaded):
    *_, case = loaded
    assert 0.7 <= case.people["responded"].mean() <= 0.9


def test_ties_only_from_respondents_without_self_ties_or_repeats(loaded):
    *_, case = loaded
    ties = case.ties
    responded = set(case.people.loc[case.people["responded"], "person_id"])
    assert set(ties["respondent"]) <= responded
    assert not (ties["respondent"] == ties["alter"]).any()
    assert not ties.duplicated(["respondent", "alter", "relation"]).any()
    assert set(ties["relation"]) == {"egov_contact"}
    assert set(ties["frequency"]) <= {1, 2, 3, 4, 5}
    assert len(set(ties["frequency"])) == 5


def test_organisations_of_varied_type_and_code(loaded):
    orgs, _, _, case = loaded
    organisations = case.organisations
    assert organisations["code"].str.fullmatch(r"[A-Z]{2,4}").all()
    assert organisations["code"].is_unique
    assert organisations["org_type"].nunique() >= 3
    assert (organisations["org_type"] == "partnership team").sum() == 1
    assert (organisations["size"] >= 1).all()


@pytest.mark.parametrize("people,ratio", [(300, 2.0), (3000, 4.0)], ids=["300-people", "3000-people"])
def test_organisation_sizes_are_heavy_tailed(tmp_path, people, ratio):
    orgs = {300: 12, 3000: 40}[people]
    seed = {300: 12, 3000: 13}[people]
    folder = synth_case(tmp_path / "c", orgs, people, seed)
    sizes = Counter(r["organisation"] for r in _rows(folder / "people.csv"))
    values = sorted(sizes.values())
    assert max(values) >= ratio * statistics.median(values)


def test_names_unique_invented_and_not_ordinary_words(loaded):
    *_, case = loaded
    names = case.people["name"]
    assert names.is_unique
    tokens = {t.lower() for name in names for t in name.split()}
    assert not tokens & ORDINARY
    assert not tokens & METHOD_AUTHORS
    surnames = [name.split()[-1] for name in names]
    if len(names) <= len(synthetic_surnames()):
        assert len(set(surnames)) == len(surnames)


def test_segments_use_the_codebook_and_two_coders(loaded):
    _, people, _, case = loaded
    seg = case.segments
    codes = {c[0] for c in CODEBOOK}
    assert set(seg["code"]) <= codes
    assert not seg.duplicated(["segment_id", "code", "coder"]).any()
    assert set(seg["coder"]) == {"A", "B"}
    n_seg = seg["segment_id"].nunique()
    assert n_seg == min(max(round(3 * people ** 0.5), 8), 400)
    # speakers answered the questionnaire
    responded = set(case.people.loc[case.people["responded"], "person_id"])
    assert set(seg["person_id"]) <= responded
    # coders agree on some codes and not on others
    a = set(map(tuple, seg.loc[seg["coder"] == "A", ["segment_id", "code"]].to_numpy()))
    b = set(map(tuple, seg.loc[seg["coder"] == "B", ["segment_id", "code"]].to_numpy()))
    assert a & b and b - a


def test_codebook_is_nested_with_inherited_themes(generated):
    *_, folder = generated
    rows = _rows(folder / "codebook.csv")
    children = [r for r in rows if r["parent"]]
    assert children and all(r["theme"] == "" and r["dimension"] == "" for r in children)
    roots = {r["code"]: r for r in rows if not r["parent"]}
    assert {r["dimension"] for r in roots.values()} == {"network structure", "governance", "system stability"}
    assert all(c["parent"] in roots for c in children)


def test_excerpts_mention_roster_names(loaded):
    *_, case = loaded
    text = " ".join(case.segments["excerpt"].unique())
    surnames = {n.split()[-1] for n in case.people["name"]}
    mentioned = {w for w in re.findall(r"[A-Z][a-z]+", text)} & surnames
    assert mentioned


def test_same_seed_gives_identical_bytes_and_other_seed_differs(tmp_path):
    a = synth_case(tmp_path / "a", 7, 120, seed=5)
    b = synth_case(tmp_path / "b", 7, 120, seed=5)
    c = synth_case(tmp_path / "c", 7, 120, seed=6)
    for f in FILES:
        da, db = (a / f).read_bytes(), (b / f).read_bytes()
        if f == "case.yaml":  # only the id (the folder name) differs
            da, db = da.replace(b"id: a", b"id: x"), db.replace(b"id: b", b"id: x")
        assert da == db, f
    for f in ("people.csv", "ties.csv", "segments.csv", "organisations.csv"):
        assert (a / f).read_bytes() != (c / f).read_bytes(), f


def test_surname_pool_is_clean():
    pool = synthetic_surnames()
    assert len(pool) == len(set(pool)) > 40_000
    assert {len(s) for s in pool} == {8}
    firsts = [f.lower() for f in FIRST_NAMES]
    assert len(set(firsts)) == len(firsts)
    assert not [(f, g) for f in firsts for g in firsts if f != g and f in g]
    assert not [s for s in pool[::97] if any(f in s.lower() for f in firsts)]


@pytest.mark.parametrize(
    "orgs,people,seed,message",
    [
        (0, 10, 1, "orgs must be at least 1, got 0"),
        (5, 3, 1, "people must be at least orgs"),
        (2.5, 10, 1, "orgs must be a whole number, got 2.5"),
        (True, 10, 1, "orgs must be a whole number, got True"),
        (2, 10, -1, "seed must be a whole number 0 or more; -1 was given"),
        (2, "ten", 1, "people must be a whole number, got 'ten'"),
    ],
    ids=["no-orgs", "fewer-people-than-orgs", "fractional-orgs", "bool-orgs", "negative-seed", "text-people"],
)
def test_refuses_nonsense_arguments(tmp_path, orgs, people, seed, message):
    with pytest.raises(SynthError, match=re.escape(message)) as err:
        synth_case(tmp_path / "x", orgs, people, seed)
    assert isinstance(err.value, PartnetError)
    assert not (tmp_path / "x").exists()


def test_refuses_a_non_empty_folder_unless_overwrite(tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(SynthError, match="is not empty"):
        synth_case(folder, 3, 20, 1)
    synth_case(folder, 3, 20, 1, overwrite=True)
    assert (folder / "notes.txt").read_text() == "mine"
    assert len(_rows(folder / "people.csv")) == 20


def test_refuses_a_file_as_output(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(SynthError, match="is a file"):
        synth_case(target, 3, 20, 1)


def test_command_line_entry_writes_and_reports(tmp_path, capsys):
    assert cli_main(["synth", str(tmp_path / "demo"), "--orgs", "4", "--people", "40", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "4 organisations, 40 people" in out
    assert len(_rows(tmp_path / "demo" / "people.csv")) == 40
    assert cli_main(["synth", str(tmp_path / "bad"), "--orgs", "5", "--people", "2"]) == 1
    assert "people must be at least orgs" in capsys.readouterr().err


def test_partnet_synth_command(tmp_path, capsys):
    assert cli_main(["synth", str(tmp_path / "cli"), "--orgs", "5", "--people", "50", "--seed", "9"]) == 0
    assert len(_rows(tmp_path / "cli" / "people.csv")) == 50
    assert cli_main(["validate", str(tmp_path / "cli")]) == 0
    assert "cli: OK" in capsys.readouterr().out


def test_identical_bytes_across_processes_and_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys

    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-m", "partnet", "synth", str(tmp_path / hash_seed / "c"),
                               "--orgs", "7", "--people", "120", "--seed", "5"],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
    for f in FILES:
        assert (tmp_path / "1" / "c" / f).read_bytes() == (tmp_path / "2" / "c" / f).read_bytes(), f


def test_seed_is_checked_by_the_shared_option_rule(tmp_path):
    # One definition of seed (partnet.options.check_seed): a numpy integer
    # (as a notebook reads it from a table) is a seed, a bool is not.
    a = synth_case(tmp_path / "a", 3, 20, np.int64(4))
    b = synth_case(tmp_path / "b", 3, 20, 4)
    assert (a / "ties.csv").read_bytes() == (b / "ties.csv").read_bytes()
    assert "seed: 4\n" in (a / "case.yaml").read_text()
    with pytest.raises(SynthError, match=re.escape("seed must be a whole number 0 or more; True was given")):
        synth_case(tmp_path / "c", 3, 20, True)
    assert not (tmp_path / "c").exists()


def test_one_front_end():
    # ``partnet synth`` is the only command line of the generator.
    import partnet.synth as synth

    assert not hasattr(synth, "main") and not hasattr(synth, "add_arguments")
    assert synth.CODEBOOK[0][0] == "leadership" and synth.FIRST_NAMES[0] == "Morwenna"
