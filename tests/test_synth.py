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


# --------------------------------------------------------------------------- waves
# Read from the files with csv alone, independently of partnet's reading of waves.

WAVE_FILES = (*FILES, "responses.csv")


def _by_wave(folder):
    """(wave ids from case.yaml, {wave: {(respondent, alter): frequency}}, {(person, wave): responded})."""
    import yaml

    meta = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    ids = [w["id"] for w in meta["waves"]]
    ties = {w: {} for w in ids}
    for r in _rows(folder / "ties.csv"):
        ties[r["wave"]][(r["respondent"], r["alter"])] = int(r["frequency"])
    answers = {(r["person_id"], r["wave"]): r["responded"] for r in _rows(folder / "responses.csv")}
    return ids, ties, answers


def _jaccard(ties, answers, a, b):
    both = {p for (p, w), v in answers.items() if w == a and v != "absent"} & \
           {p for (p, w), v in answers.items() if w == b and v != "absent"}
    before = {t for t in ties[a] if set(t) <= both}
    after = {t for t in ties[b] if set(t) <= both}
    return len(before & after) / len(before | after)


@pytest.fixture(scope="module")
def panel_case(tmp_path_factory):
    return synth_case(tmp_path_factory.mktemp("waves") / "panel", 12, 300, 12, waves=3, turnover=0.2)


def test_one_wave_is_the_default_and_ignores_turnover(tmp_path):
    a = synth_case(tmp_path / "a", 7, 120, seed=5)
    b = synth_case(tmp_path / "b", 7, 120, seed=5, waves=1, turnover=0.9)
    assert sorted(p.name for p in b.iterdir()) == sorted(FILES)
    for f in FILES:
        da, db = (a / f).read_bytes(), (b / f).read_bytes()
        if f == "case.yaml":
            da, db = da.replace(b"id: a", b"id: x"), db.replace(b"id: b", b"id: x")
        assert da == db, f
    assert (a / "ties.csv").read_text().splitlines()[0] == "respondent,alter,relation,frequency"
    assert "waves" not in (a / "case.yaml").read_text()


def test_waves_are_declared_and_every_file_follows_them(panel_case):
    import yaml

    assert sorted(p.name for p in panel_case.iterdir()) == sorted(WAVE_FILES)
    meta = yaml.safe_load((panel_case / "case.yaml").read_text(encoding="utf-8"))
    assert [w["id"] for w in meta["waves"]] == ["w1", "w2", "w3"]
    dates = [str(w["survey_date"]) for w in meta["waves"]]
    assert dates == sorted(dates) and dates[0] == str(meta["survey_date"])
    assert meta["generator"] == {"orgs": 12, "people": 300, "seed": 12, "waves": 3, "turnover": 0.2}
    assert "3 waves" in meta["title"]
    people = _rows(panel_case / "people.csv")
    ids, ties, answers = _by_wave(panel_case)
    assert len(answers) == 3 * len(people)  # one row per person and wave
    assert {v for v in answers.values()} == {"yes", "no", "absent"}
    for wave in ids:
        for r, a in ties[wave]:
            assert answers[(r, wave)] == "yes", "only that wave's respondents name anyone"
            assert answers[(a, wave)] != "absent", "nobody names a person off that wave's roster"
            assert r != a
        assert set(ties[wave].values()) <= {1, 2, 3, 4, 5}
    # people.csv's responded: answered some wave
    answered = {p for (p, _), v in answers.items() if v == "yes"}
    assert {p["person_id"] for p in people if p["responded"] == "yes"} == answered


def test_the_first_wave_is_the_one_wave_case(tmp_path, panel_case):
    single = synth_case(tmp_path / "one", 12, 300, 12)
    one = {(r["respondent"], r["alter"]): int(r["frequency"]) for r in _rows(single / "ties.csv")}
    _, ties, answers = _by_wave(panel_case)
    assert ties["w1"] == one
    roster = _rows(single / "people.csv")
    assert {p["person_id"]: p["responded"] for p in roster} == \
           {p: v for (p, w), v in answers.items() if w == "w1" and v != "absent"}
    many = _rows(panel_case / "people.csv")
    keep = ("person_id", "name", "organisation", "role", "directorate", "seniority", "consent_named")
    assert [[p[k] for k in keep] for p in many[:300]] == [[p[k] for k in keep] for p in roster]
    for f in ("organisations.csv", "codebook.csv", "segments.csv"):
        assert (single / f).read_bytes() == (panel_case / f).read_bytes(), f


def test_joiners_replace_leavers_in_post(panel_case):
    people = {p["person_id"]: p for p in _rows(panel_case / "people.csv")}
    ids, _, answers = _by_wave(panel_case)
    presence = {p: "".join("x" if answers[(p, w)] != "absent" else "." for w in ids) for p in people}
    joiners = [p for p, s in presence.items() if s.startswith(".")]
    leavers = [p for p, s in presence.items() if s.endswith(".")]
    assert joiners and leavers and len(joiners) == len(leavers)
    assert all(re.fullmatch(r"\.*x+|x+\.*", s) for s in presence.values()), "one stay on the roster each"
    assert list(people)[300:] == joiners, "joiners are appended to people.csv"
    assert Counter(people[p]["organisation"] for p in joiners) == Counter(people[p]["organisation"] for p in leavers)
    names = [p["name"] for p in people.values()]
    assert len(set(names)) == len(names)
    surnames = [n.split()[-1] for n in names]
    assert len(set(surnames)) == len(surnames)
    # a few: about turnover / 4 of the roster a wave
    assert 0.02 * 300 <= len(leavers) / (len(ids) - 1) <= 0.09 * 300


def test_response_stays_in_the_range_in_every_wave(panel_case):
    ids, _, answers = _by_wave(panel_case)
    for wave in ids:
        on = [v for (p, w), v in answers.items() if w == wave and v != "absent"]
        assert 0.7 <= on.count("yes") / len(on) <= 0.9, wave
    # non-respondents differ between waves
    w1 = {p for (p, w), v in answers.items() if w == "w1" and v == "no"}
    w2 = {p for (p, w), v in answers.items() if w == "w2" and v == "no"}
    assert w1 - w2 and w2 - w1


def test_turnover_sets_the_stability_of_the_ties(tmp_path):
    jaccard = {}
    for r in (0.0, 0.2, 0.5):
        folder = synth_case(tmp_path / f"t{r}", 12, 300, 7, waves=2, turnover=r)
        ids, ties, answers = _by_wave(folder)
        jaccard[r] = _jaccard(ties, answers, *ids)
        if r == 0.0:  # nobody leaves, no tie changes: only who answered differs
            assert "absent" not in answers.values()
            common = {t for t in ties["w1"] if answers[(t[0], "w2")] == "yes"} & set(ties["w2"])
            assert all(ties["w1"][t] == ties["w2"][t] for t in common)
            assert {t for t in ties["w1"] if answers[(t[0], "w2")] == "yes"} <= set(ties["w2"])
    assert jaccard[0.0] > jaccard[0.2] > jaccard[0.5]
    assert 0.45 <= jaccard[0.2] <= 0.75  # about (1 - r) / (1 + r) x the share answering both
    assert 0.2 <= jaccard[0.5] <= 0.45


def test_lasting_ties_change_frequency_and_hubs_stay_central(panel_case):
    people = {p["person_id"]: p for p in _rows(panel_case / "people.csv")}
    ids, ties, _ = _by_wave(panel_case)
    for a, b in zip(ids, ids[1:]):
        lasting = set(ties[a]) & set(ties[b])
        changed = sum(ties[a][t] != ties[b][t] for t in lasting)
        assert 0.1 <= changed / len(lasting) <= 0.3
    for wave in ids:
        indegree = Counter(alter for _, alter in ties[wave])
        top, _ = max(indegree.items(), key=lambda x: (x[1], x[0]))
        assert people[top]["role"] == "partnership staff", wave


@pytest.mark.skipif(not hasattr(partnet.Case, "waves"), reason="partnet does not read waves yet")
def test_a_case_with_waves_loads_clean(panel_case):
    case = partnet.load_case(panel_case)
    assert case.warnings == []
    assert case.waves == ["w1", "w2", "w3"]


def test_waves_identical_bytes_across_processes_and_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys

    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-m", "partnet", "synth", str(tmp_path / hash_seed / "c"),
                               "--orgs", "7", "--people", "120", "--seed", "5", "--waves", "3",
                               "--turnover", "0.3"],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        assert "over 3 waves" in done.stdout
    for f in WAVE_FILES:
        assert (tmp_path / "1" / "c" / f).read_bytes() == (tmp_path / "2" / "c" / f).read_bytes(), f


def test_same_arguments_same_waves_other_turnover_differs(tmp_path):
    a = synth_case(tmp_path / "a", 5, 60, 3, waves=2, turnover=0.3)
    b = synth_case(tmp_path / "b", 5, 60, 3, waves=2, turnover=0.3)
    c = synth_case(tmp_path / "c", 5, 60, 3, waves=2, turnover=0.1)
    for f in ("ties.csv", "responses.csv", "people.csv"):
        assert (a / f).read_bytes() == (b / f).read_bytes(), f
    assert (a / "ties.csv").read_bytes() != (c / "ties.csv").read_bytes()


@pytest.mark.parametrize(
    "waves,turnover,message",
    [
        (0, 0.2, "waves must be at least 1, got 0"),
        (2.5, 0.2, "waves must be a whole number, got 2.5"),
        (101, 0.2, "waves must be at most 100, got 101"),
        (2, -0.1, "turnover must be a number from 0 to 1"),
        (2, 1.5, "turnover must be a number from 0 to 1"),
        (2, "0.2", "turnover must be a number from 0 to 1"),
        (2, True, "turnover must be a number from 0 to 1"),
    ],
    ids=["no-wave", "fractional-waves", "too-many-waves", "negative-turnover", "turnover-above-1",
         "text-turnover", "bool-turnover"],
)
def test_refuses_nonsense_waves(tmp_path, waves, turnover, message):
    with pytest.raises(SynthError, match=re.escape(message)):
        synth_case(tmp_path / "x", 3, 20, 1, waves=waves, turnover=turnover)
    assert not (tmp_path / "x").exists()


def test_command_line_waves(tmp_path, capsys):
    assert cli_main(["synth", str(tmp_path / "w"), "--orgs", "4", "--people", "40", "--seed", "3",
                     "--waves", "2", "--turnover", "0.25"]) == 0
    assert "40 people" in capsys.readouterr().out
    assert (tmp_path / "w" / "responses.csv").is_file()
    assert "turnover: 0.25" in (tmp_path / "w" / "case.yaml").read_text()
    assert cli_main(["synth", str(tmp_path / "bad"), "--orgs", "4", "--people", "40", "--waves", "0"]) == 1
    assert "waves must be at least 1" in capsys.readouterr().err
