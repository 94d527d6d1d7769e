"""The generator of fictional case studies: a block model written as a case folder.

:func:`synth_case` writes the six files of a case for a made-up partnership
with the shape that real e-government partnerships show in questionnaire
data (see its Notes), surveyed once or in several waves (``responses.csv``
then too). The codebook and the excerpts come from
:mod:`partnet.synth.codebook`, the names from :mod:`partnet.synth.names`;
the command line is ``partnet synth`` (:mod:`partnet.cli`).
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import re
from pathlib import Path

import numpy as np

from partnet import options, schema
from partnet.errors import ParameterError, SynthError
from partnet.synth.codebook import CODEBOOK, EXCERPTS
from partnet.synth.names import FIRST_NAMES, place_names, synthetic_surnames

__all__ = ["synth_case"]

# org_type -> (name pattern, code letters, typical staff)
_ORG_STYLE = {
    "county council": ("{place} County Council", "CC", 9000),
    "district council": ("{place} District Council", "DC", 450),
    "unitary": ("{place} Council", "UA", 5000),
    "metropolitan borough": ("{place} Metropolitan Borough Council", "MB", 8000),
    "police": ("{place} Constabulary", "POL", 3500),
    "fire": ("{place} Fire and Rescue Service", "FRS", 900),
    "health": ("{place} Primary Care Trust", "PCT", 2500),
    "transport": ("{place} Passenger Transport Executive", "PTE", 700),
    "voluntary": ("{place} Council for Voluntary Service", "CVS", 25),
    "partnership team": ("{place} e-Government Partnership Team", "PT", 4),
    "other": ("{place} Housing Association", "HA", 300),
}
_OTHER_TYPES = ("district council", "unitary", "police", "fire", "health", "transport", "voluntary", "other")
_OTHER_TYPE_P = (0.46, 0.08, 0.09, 0.08, 0.11, 0.05, 0.10, 0.03)
_COUNCILS = {"county council", "district council", "unitary", "metropolitan borough"}

# Contact frequency 1 (yearly) .. 5 (daily): probabilities by kind of tie.
_FREQ_P = {
    "within": (0.04, 0.14, 0.30, 0.37, 0.15),
    "between": (0.24, 0.36, 0.26, 0.12, 0.02),
    "hub": (0.04, 0.20, 0.42, 0.30, 0.04),
}


# --------------------------------------------------------------------------- checks


def _check_count(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise SynthError(f"{name} must be a whole number, got {value!r}")
    if value < minimum:
        raise SynthError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def _check_args(out_dir, orgs, people, seed, overwrite) -> tuple[Path, int, int, int, str]:
    orgs = _check_count("orgs", orgs, 1)
    people = _check_count("people", people, 1)
    try:
        seed = options.check_seed(seed)
    except ParameterError as err:
        raise SynthError(str(err)) from None
    if people < orgs:
        raise SynthError(
            f"people must be at least orgs (every organisation needs one person): "
            f"got {people} people for {orgs} organisations; use --people {orgs} or more"
        )
    if people > 2_000_000:
        raise SynthError(f"people must be at most 2,000,000, got {people}")
    if orgs > 100_000:
        raise SynthError(f"orgs must be at most 100,000, got {orgs}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise SynthError(f"output folder {str(out)!r} is a file, expected a folder (new or empty)")
    if out.is_dir() and any(out.iterdir()) and not overwrite:
        raise SynthError(
            f"output folder {str(out)!r} is not empty; expected a new or empty folder "
            f"(pass overwrite=True, or --overwrite on the command line, to replace its case files)"
        )
    case_id = out.resolve().name
    if not case_id:
        raise SynthError(f"output folder {str(out)!r} has no name to serve as the case id; "
                         "expected e.g. 'data/cases/demo'")
    return out, orgs, people, seed, case_id


# --------------------------------------------------------------------------- organisations


def _org_sizes(rng: np.random.Generator, types: list[str], people: int) -> np.ndarray:
    """People per organisation: heavy-tailed (lognormal weights), a small team."""
    n = len(types)
    sizes = np.ones(n, dtype=np.int64)
    floor = 2 if people >= 2 * n else 1
    sizes[:] = floor
    team = [i for i, t in enumerate(types) if t == "partnership team"]
    weights = rng.lognormal(mean=0.0, sigma=1.1, size=n)
    weights[0] *= 2.5  # the lead council is the largest partner
    rest = people - int(sizes.sum())
    if team:
        t = team[0]
        target = min(3 + people // 1500, 12)
        extra = max(0, min(target - floor, rest))
        sizes[t] += extra
        rest -= extra
        weights[t] = 0.0
    if rest > 0:
        sizes += rng.multinomial(rest, _capped_shares(weights, 0.3))
    return sizes


def _capped_shares(weights: np.ndarray, cap: float) -> np.ndarray:
    """Shares proportional to ``weights``, none above ``cap`` while others can take more."""
    p = weights / weights.sum()
    for _ in range(len(p)):
        over = p > cap
        free = (~over) & (p > 0)
        if not over.any() or not free.any():
            break
        excess = float((p[over] - cap).sum())
        p[over] = cap
        p[free] += excess * p[free] / p[free].sum()
    return p / p.sum()


def _make_orgs(rng: np.random.Generator, n: int, people: int) -> dict:
    if n == 1:
        types = ["unitary"]
    elif n == 2:
        types = ["county council", "district council"]
    else:
        types = ["county council", "partnership team"]
        types += list(rng.choice(_OTHER_TYPES, size=n - 2, p=_OTHER_TYPE_P))
        types = [str(t) for t in types]
    places = place_names()
    if n <= len(places):
        idx = rng.choice(len(places), size=n, replace=False)
        chosen = [places[i] for i in idx]
    else:
        chosen = [places[i % len(places)] + (f" {i // len(places) + 1}" if i >= len(places) else "")
                  for i in range(n)]
    county = chosen[0]
    names, codes, used = [], [], set()
    for i, (t, place) in enumerate(zip(types, chosen)):
        pattern, letters, _ = _ORG_STYLE[t]
        names.append(pattern.format(place=county if t == "partnership team" else place))
        codes.append(_org_code(place if t != "partnership team" else county, letters, used, i))
    sizes = _org_sizes(rng, types, people)
    typical = np.array([_ORG_STYLE[t][2] for t in types], dtype=float)
    staff = np.round(typical * rng.lognormal(0.0, 0.4, size=n) / 10) * 10
    staff = np.where(typical < 50, np.round(typical * rng.uniform(0.6, 1.6, size=n)), staff)
    staff = np.maximum(sizes, staff)
    return {"name": names, "type": types, "code": codes, "size": sizes, "staff": staff.astype(np.int64)}


def _org_code(place: str, letters: str, used: set, i: int) -> str:
    """A unique code of 2-4 capital letters, from the place and the type."""
    letters_only = re.sub(r"[^A-Za-z]", "", place).upper()
    words = [w for w in re.split(r"[^A-Za-z]+", place) if w]
    initials = "".join(w[0] for w in words).upper()
    candidates = [
        (initials + letters)[:4],
        (letters_only[:2] + letters)[:4],
        (letters_only[:4 - min(len(letters), 2)] + letters[:2])[:4],
    ]
    for c in candidates:
        if 2 <= len(c) <= 4 and c not in used:
            used.add(c)
            return c
    k = i
    while True:  # fall back to an enumerated four-letter code
        code = "".join(chr(65 + (k // 26**p) % 26) for p in (3, 2, 1, 0))
        k += 1
        if code not in used:
            used.add(code)
            return code


# --------------------------------------------------------------------------- people


def _make_people(rng: np.random.Generator, org: dict, n: int) -> dict:
    sizes = org["size"]
    org_of = np.repeat(np.arange(len(sizes)), sizes)
    types = np.array(org["type"], dtype=object)[org_of]
    width = max(3, len(str(n)))
    pid = [f"P{i + 1:0{width}d}" for i in range(n)]

    surnames = synthetic_surnames()
    nf, ns = len(FIRST_NAMES), len(surnames)
    if n <= ns:
        sur = rng.choice(ns, size=n, replace=False)
        first = rng.integers(0, nf, size=n)
    else:
        combo = rng.choice(nf * ns, size=n, replace=False)
        first, sur = combo % nf, combo // nf
    names = [f"{FIRST_NAMES[f]} {surnames[s]}" for f, s in zip(first, sur)]

    u = rng.random(n)
    is_council = np.isin(types, list(_COUNCILS))
    role = np.full(n, "officer", dtype=object)
    role[is_council & (u < 0.09)] = "councillor"
    role[types == "partnership team"] = "partnership staff"
    role[(types == "voluntary") & (u < 0.5)] = "other"

    directorate = rng.choice(
        np.array(["citizen-facing", "back-office", "ICT", "corporate"], dtype=object),
        size=n, p=[0.22, 0.25, 0.33, 0.20])
    directorate[role == "councillor"] = "none"
    directorate[types == "partnership team"] = "corporate"
    directorate[(types == "voluntary") & (role == "other")] = "none"

    seniority = rng.choice(np.array(["senior", "middle", "junior"], dtype=object),
                           size=n, p=[0.25, 0.50, 0.25])
    seniority[role == "councillor"] = "senior"

    # Hubs: the partnership team (or the first people of the largest partner).
    team = [i for i, t in enumerate(org["type"]) if t == "partnership team"]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n_hubs = int(min(2 + n // 400, 12))
    if team:
        t = team[0]
        hubs = np.arange(starts[t], starts[t] + min(n_hubs, sizes[t]))
    else:
        big = int(np.argmax(sizes))
        hubs = np.arange(starts[big], starts[big] + min(n_hubs, sizes[big]))
    if len(hubs) == n:  # somebody must be left who is not a hub
        hubs = hubs[:max(1, n - 1)]
    seniority[hubs[0]] = "senior"
    if role[hubs[0]] == "councillor":
        role[hubs[0]], directorate[hubs[0]] = "officer", "corporate"

    rate = rng.uniform(0.72, 0.88)
    k = int(round(rate * n))
    lo, hi = math.ceil(0.7 * n), math.floor(0.9 * n)
    if lo <= hi:
        k = min(max(k, lo), hi)
    k = max(k, len(hubs))
    others = np.setdiff1d(np.arange(n), hubs)
    chosen = rng.choice(others, size=k - len(hubs), replace=False)
    responded = np.zeros(n, dtype=bool)
    responded[hubs] = True
    responded[chosen] = True
    consent = rng.random(n) < 0.72
    return {"person_id": pid, "name": names, "org": org_of, "role": role,
            "directorate": directorate, "seniority": seniority, "responded": responded,
            "consent": consent, "hubs": hubs, "starts": starts, "first": first, "sur": sur,
            "surnames": surnames}


# --------------------------------------------------------------------------- ties


def _unique_pairs(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    keep = src != dst
    return np.unique(src[keep].astype(np.int64) * n + dst[keep])


def _make_ties(rng: np.random.Generator, org: dict, ppl: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Directed ties (src, dst, frequency) from respondents only.

    A block model with person activity: within-organisation ties are
    ``ratio`` times as likely as ties between organisations, and every
    respondent names each hub with a high probability.
    """
    n = len(ppl["person_id"])
    sizes, starts, org_of = org["size"], ppl["starts"], ppl["org"]
    resp = np.flatnonzero(ppl["responded"])
    hubs = ppl["hubs"]
    s_i = sizes[org_of]
    ratio = 9.0
    mean_out = min(13.0, 1.5 + n / 40.0)

    # Hub ties: every respondent names hub j with probability q_j.
    n_resp = len(resp)
    hub_in = min(0.9 * n_resp, 12.0 * mean_out + 10.0)
    q = np.array([hub_in / max(n_resp, 1) * (0.35 ** j) for j in range(len(hubs))])
    q = np.minimum(q, 0.9)
    hit = rng.random((n_resp, len(hubs))) < q
    h_src = np.repeat(resp, len(hubs))[hit.ravel()]
    h_dst = np.tile(hubs, n_resp)[hit.ravel()]
    # Hubs name many people themselves.
    hub_out = int(min(round(0.1 * (n - 1)), max(3 * mean_out, 30)))
    hs, hd = [h_src], [h_dst]
    for h in hubs:
        alters = rng.choice(n - 1, size=hub_out, replace=False)
        alters = alters + (alters >= h)
        hs.append(np.full(hub_out, h))
        hd.append(alters)
    hub_codes = _unique_pairs(np.concatenate(hs), np.concatenate(hd), n)

    # Regular ties: person activity a_i, within probability p_w, between p_b.
    act = rng.lognormal(0.0, 0.9, size=n_resp)
    act /= act.mean()
    cap_in = (s_i[resp] - 1).astype(float)
    cap_out = (n - s_i[resp]).astype(float)
    within_pairs = float((sizes * (sizes - 1)).sum())
    between_pairs = float(n * (n - 1)) - within_pairs
    target = mean_out * n_resp
    hub_between = int((org_of[hub_codes // n] != org_of[hub_codes % n]).sum())
    lam_w = np.zeros(n_resp)
    if within_pairs > 0:
        p_w = target / max(float((cap_in * act).sum()) + float((cap_out * act).sum()) / ratio, 1.0)
        lam_w = _within_rates(p_w, cap_in, act, mean_out)
        # Enough colleagues must be named that hub ties alone keep the
        # between-organisation density below 1 / ratio of the within one.
        need = 6.5 * hub_between * within_pairs / max(between_pairs, 1.0)
        if lam_w.sum() < need:
            lo, hi = p_w, 1.0
            for _ in range(30):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if _within_rates(mid, cap_in, act, mean_out).sum() < need else (lo, mid)
            lam_w = _within_rates(hi, cap_in, act, mean_out)
    if between_pairs > 0 and within_pairs > 0:
        want_between = lam_w.sum() * between_pairs / (ratio * within_pairs) - hub_between
        p_b = max(want_between, 0.0) / max(float((cap_out * act).sum()), 1.0)
    elif between_pairs > 0:
        p_b = target / max(float((cap_out * act).sum()), 1.0)
    else:
        p_b = 0.0
    lam_b = np.minimum(p_b * cap_out * act, 0.5 * cap_out)

    w_src, w_dst = _within_ties(rng, resp, lam_w, cap_in, starts[org_of[resp]], n)
    b_src, b_dst = _between_ties(rng, resp, lam_b, starts[org_of[resp]], s_i[resp], n)

    codes_w = _unique_pairs(w_src, w_dst, n)
    codes_b = _unique_pairs(b_src, b_dst, n)
    codes = np.unique(np.concatenate([hub_codes, codes_w, codes_b]))
    src, dst = codes // n, codes % n
    kind = np.where(org_of[src] == org_of[dst], 0, 1)
    is_hub = np.isin(src, hubs) | np.isin(dst, hubs)
    kind[is_hub] = 2
    freq = np.empty(len(codes), dtype=np.int64)
    for k, label in enumerate(("within", "between", "hub")):
        m = kind == k
        freq[m] = rng.choice(5, size=int(m.sum()), p=_FREQ_P[label]) + 1
    return src, dst, freq


def _shape(org_of: np.ndarray, sizes: np.ndarray, src: np.ndarray, dst: np.ndarray) -> tuple[float, float]:
    """(within / between density ratio, max / median degree) of a tie list.

    Degree is in-degree plus out-degree over the whole roster. A ratio with
    no pairs on one side counts as infinite.
    """
    n = len(org_of)
    within_pairs = float((sizes * (sizes - 1)).sum())
    between_pairs = float(n * (n - 1)) - within_pairs
    same = org_of[src] == org_of[dst]
    w, b = float(same.sum()), float((~same).sum())
    if within_pairs == 0 or between_pairs == 0 or b == 0:
        ratio = math.inf
    else:
        ratio = (w / within_pairs) / (b / between_pairs)
    deg = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    med = float(np.median(deg))
    hub = math.inf if med == 0 else float(deg.max()) / med
    return ratio, hub


def _shaped_ties(rng, org, ppl, attempts: int = 80, goal: float = 5.5):
    """Draw tie sets until one meets both shape goals (or keep the closest).

    Large rosters meet the goals at the first draw; small ones with few
    organisations sometimes need a few draws, and some cannot meet both
    (a hub of five times the median degree leaves little room for ties
    inside organisations when there are only a handful of them).
    """
    best, best_score = None, -math.inf
    for _ in range(attempts):
        src, dst, freq = _make_ties(rng, org, ppl)
        ratio, hub = _shape(ppl["org"], org["size"], src, dst)
        score = min(ratio, hub)
        if score >= goal:
            return src, dst, freq
        if score > best_score:
            best, best_score = (src, dst, freq), score
    return best


def _within_rates(p_w, cap, act, mean_out):
    """Expected colleagues named: p_w a (s - 1), at most 80 % of them and 3 m."""
    return np.minimum(np.minimum(p_w * cap * act, 0.8 * cap), 3.0 * mean_out)


def _within_ties(rng, resp, lam, cap, start, n):
    """Colleagues named inside one's own organisation, without repeats."""
    w = np.minimum(rng.poisson(lam), cap.astype(np.int64))
    pos = resp - start  # own position inside the organisation
    src = np.repeat(resp, w)
    # Sample w distinct colleagues: a random offset walk over the circle of
    # the other (cap) members gives distinct picks for each person.
    offs_start = rng.integers(0, np.maximum(cap, 1).astype(np.int64))
    step_count = np.arange(int(w.sum())) - np.repeat(np.cumsum(w) - w, w)
    capr = np.repeat(np.maximum(cap, 1).astype(np.int64), w)
    stride = np.repeat(_coprime_strides(rng, np.maximum(cap, 1).astype(np.int64)), w)
    off = (np.repeat(offs_start, w) + step_count * stride) % capr
    posr = np.repeat(pos, w)
    off = off + (off >= posr)
    return src, np.repeat(start, w) + off


def _coprime_strides(rng, m):
    """A stride coprime to each m, so that k * stride mod m never repeats for k < m."""
    stride = rng.integers(1, np.maximum(m, 2))
    stride = np.where(m <= 1, 1, stride)
    g = np.gcd(stride, m)
    bad = g != 1
    while bad.any():
        stride[bad] = (stride[bad] % m[bad]) + 1
        g = np.gcd(stride, m)
        bad = (g != 1) & (m > 1)
    return stride


def _between_ties(rng, resp, lam, start, size, n):
    """Contacts in other organisations, chosen at random, repeats removed later."""
    b = np.minimum(rng.poisson(lam), (n - size).astype(np.int64))
    src = np.repeat(resp, b)
    room = np.repeat(n - size, b)
    u = (rng.random(len(src)) * room).astype(np.int64)
    st = np.repeat(start, b)
    dst = np.where(u < st, u, u + np.repeat(size, b))
    return src, dst


# --------------------------------------------------------------------------- segments


def _make_segments(rng: np.random.Generator, org: dict, ppl: dict, src, dst) -> list[tuple]:
    n = len(ppl["person_id"])
    resp = np.flatnonzero(ppl["responded"])
    n_seg = int(min(max(round(3 * math.sqrt(n)), 8), 400))
    n_int = int(min(max(round(n_seg / 3), 2), len(resp)))
    deg = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    w = (deg[resp] + 1.0)
    interviewees = rng.choice(resp, size=n_int, replace=False, p=w / w.sum())
    interviewees = np.sort(interviewees)
    leaves = [c for c in EXCERPTS]
    parent_of = {c[0]: c[4] for c in CODEBOOK}
    siblings = {}
    for code, parent in parent_of.items():
        if parent:
            siblings.setdefault(parent, []).append(code)
    first_names = ppl["first"]
    surnames = ppl["surnames"]
    org_names = org["name"]
    rows = []
    for k in range(n_seg):
        speaker = int(interviewees[k % n_int])
        source = f"interview {int(np.searchsorted(interviewees, speaker)) + 1:02d}"
        code = leaves[int(rng.integers(len(leaves)))]
        text = EXCERPTS[code][int(rng.integers(2))]
        colleague = int(rng.integers(max(n - 1, 1)))
        colleague += n > 1 and colleague >= speaker
        own = int(ppl["org"][speaker])
        other = int(rng.integers(len(org_names) - 1)) if len(org_names) > 1 else own
        if len(org_names) > 1 and other >= own:
            other += 1
        text = text.format(
            first=FIRST_NAMES[first_names[colleague]],
            surname=surnames[ppl["sur"][colleague]],
            full=ppl["name"][colleague],
            org=org_names[own],
            other=org_names[other],
        )
        codes_a = [code]
        u = rng.random(4)
        if u[0] < 0.15:
            codes_a = [parent_of[code]]  # coded at the theme level only
        if u[1] < 0.25:
            extra = leaves[int(rng.integers(len(leaves)))]
            if parent_of[extra] != parent_of[code]:
                codes_a.append(extra)
        sid = f"S{k + 1:04d}"
        pid = ppl["person_id"][speaker]
        for c in codes_a:
            rows.append((sid, pid, c, text, source, "A"))
        if u[2] < 0.3:  # a second coder codes this segment too
            codes_b = []
            for c in codes_a:
                v = rng.random()
                if v < 0.72:
                    codes_b.append(c)
                elif v < 0.9 and parent_of[c] and len(siblings[parent_of[c]]) > 1:
                    alts = [s for s in siblings[parent_of[c]] if s != c]
                    codes_b.append(alts[int(rng.integers(len(alts)))])
                elif parent_of[c]:
                    codes_b.append(parent_of[c])
            if not codes_b or u[3] < 0.1:
                extra = leaves[int(rng.integers(len(leaves)))]
                if extra not in codes_b:
                    codes_b.append(extra)
            for c in dict.fromkeys(codes_b):
                rows.append((sid, pid, c, text, source, "B"))
    return sorted(set(rows), key=lambda r: (r[0], r[5], r[2]))


# --------------------------------------------------------------------------- waves


def _check_waves(waves, turnover) -> tuple[int, float]:
    waves = _check_count("waves", waves, 1)
    if waves > 100:
        raise SynthError(f"waves must be at most 100, got {waves}")
    if isinstance(turnover, bool) or not isinstance(turnover, numbers.Real) or not 0 <= turnover <= 1:
        raise SynthError(f"turnover must be a number from 0 to 1 (the share of ties replaced between "
                         f"waves), got {turnover!r}")
    return waves, float(turnover)


def _wave_dates(first: str, waves: int) -> list[str]:
    """A year apart, from the first wave's date."""
    year, month, day = (int(x) for x in first.split("-"))
    return [f"{year + k}-{month:02d}-{day:02d}" for k in range(waves)]


class _Panel:
    """The roster over the waves: people, who is present and who answers, and the ties behind the answers.

    ``ties`` holds the contacts of every person whose ties are known (all
    who answered some wave so far), as ``{(src, dst): frequency}``; a
    wave's ``ties.csv`` rows are those whose ``src`` answers that wave.
    """

    def __init__(self, rng, ppl: dict, src, dst, freq, turnover: float):
        self.rng, self.turnover = rng, turnover
        n = len(ppl["person_id"])
        self.org = list(int(o) for o in ppl["org"])
        self.hubs = set(int(h) for h in ppl["hubs"])
        self.present = set(range(n))
        self.responded = set(int(i) for i in np.flatnonzero(ppl["responded"]))
        self.known = set(self.responded)
        self.ties = {(int(s), int(d)): int(f) for s, d, f in zip(src, dst, freq)}
        self.rate = len(self.responded) / n

    def kind(self, s: int, d: int) -> str:
        if s in self.hubs or d in self.hubs:
            return "hub"
        return "within" if self.org[s] == self.org[d] else "between"

    def _new_freq(self, s: int, d: int) -> int:
        return int(self.rng.choice(5, p=_FREQ_P[self.kind(s, d)])) + 1

    def _replacement(self, s: int, d: int, named: set, members: dict, everyone: list) -> int | None:
        """Another present person in the block of tie (s, d): a hub, a colleague, or someone elsewhere."""
        rng = self.rng
        if d in self.hubs:
            pool = [h for h in sorted(self.hubs) if h != s and h not in named]
            return pool[int(rng.integers(len(pool)))] if pool else None
        same = self.org[d] == self.org[s]
        pool = members[self.org[s]] if same else everyone
        for _ in range(20):
            c = pool[int(rng.integers(len(pool)))]
            if c != s and c not in named and c not in self.hubs and (self.org[c] == self.org[s]) == same:
                return c
        return None

    def step(self, add_person) -> None:
        """The next wave: leavers replaced in post by joiners, ties turned over, answers drawn."""
        rng, r = self.rng, self.turnover
        # Leavers: a quarter of the tie turnover rate, never a hub; each post filled by a joiner.
        stay = sorted(self.present - self.hubs)
        leave = [stay[i] for i in np.flatnonzero(rng.random(len(stay)) < r / 4)]
        successor = {}
        for old in leave:
            new = add_person(old)
            self.org.append(self.org[old])
            self.present.discard(old)
            self.present.add(new)
            successor[old] = new
        present = sorted(self.present)
        members: dict[int, list] = {}
        for p in present:
            members.setdefault(self.org[p], []).append(p)
        # Ties: the post keeps the leaver's ties; every tie lasts with chance 1 - r,
        # else the same person names someone else of the same kind (hub, colleague, elsewhere).
        ties, out = {}, {}
        for (s, d), f in sorted(self.ties.items()):
            s, d = successor.get(s, s), successor.get(d, d)
            out.setdefault(s, set()).add(d)
            ties[(s, d)] = f
        self.known = {successor.get(p, p) for p in self.known if p in self.present or p in successor}
        new_ties = {}
        for (s, d), f in sorted(ties.items()):
            named = out[s]
            if rng.random() >= r:
                if rng.random() < r:  # a lasting tie may change its frequency by one step
                    f = min(max(f + int(rng.choice([-1, 1])), 1), 5)
                new_ties[(s, d)] = f
                continue
            c = self._replacement(s, d, named, members, present)
            if c is None:
                new_ties[(s, d)] = f
                continue
            named.discard(d)
            named.add(c)
            new_ties[(s, c)] = self._new_freq(s, c)
        self.ties = new_ties
        # Answers: respondents answer again with chance 0.9, joiners at the first
        # wave's rate, the others so that the rate stays that of the first wave.
        again = 0.9
        others = min(1.0, (self.rate - again * self.rate) / max(1.0 - self.rate, 1e-9))
        joined = set(successor.values())
        chance = {p: again if p in self.responded else self.rate if p in joined else others for p in present}
        u = rng.random(len(present))
        self.responded = {p for p, x in zip(present, u) if p in self.hubs or x < chance[p]}
        # People who answer for the first time: their contacts copy the pattern of a
        # known colleague (as many hubs, colleagues and others), drawn afresh.
        by_src: dict[int, list] = {}
        for s, d in self.ties:
            by_src.setdefault(s, []).append(d)
        for p in sorted(self.responded - self.known):
            self._first_answer(p, members, present, by_src)
            self.known.add(p)

    def _first_answer(self, p: int, members: dict, everyone: list, by_src: dict) -> None:
        rng = self.rng
        models = [q for q in members[self.org[p]] if q in self.known and q not in self.hubs and q != p]
        if not models:
            models = sorted(q for q in self.known if q not in self.hubs and q in self.present) or [p]
        model = models[int(rng.integers(len(models)))]
        named: set = set()
        for d in sorted(by_src.get(model, [])):
            c = self._replacement(p, d, named, members, everyone)
            if c is not None:
                named.add(c)
                self.ties[(p, c)] = self._new_freq(p, c)

    def observed(self) -> list[tuple[int, int, int]]:
        """This wave's ties.csv rows: the ties of this wave's respondents."""
        return [(s, d, f) for (s, d), f in sorted(self.ties.items())
                if s in self.responded and d in self.present]


def _make_waves(rng, ppl: dict, src, dst, freq, waves: int, turnover: float):
    """Roster, answers and ties of every wave; the first wave is the single-wave case.

    Returns the roster extended by the joiners (a copy of ``ppl``'s
    columns), the answer of every person in every wave (``"yes"``,
    ``"no"`` or ``"absent"``) and each wave's ties as (src, dst, freq).
    """
    cols = {k: list(ppl[k]) for k in ("person_id", "name", "org", "role", "directorate", "seniority", "consent")}
    n0 = len(cols["person_id"])
    width = max(3, len(str(n0)))
    surnames = ppl["surnames"]
    used_names = set(cols["name"])
    used_surnames = {surnames[s] for s in ppl["sur"]}
    unique_surnames = len(used_surnames) == n0

    def add_person(old: int) -> int:
        new = len(cols["person_id"])
        while True:
            first = FIRST_NAMES[int(rng.integers(len(FIRST_NAMES)))]
            sur = surnames[int(rng.integers(len(surnames)))]
            name = f"{first} {sur}"
            if name not in used_names and (not unique_surnames or sur not in used_surnames
                                           or len(used_surnames) >= len(surnames)):
                break
        used_names.add(name)
        used_surnames.add(sur)
        cols["person_id"].append(f"P{new + 1:0{width}d}")
        cols["name"].append(name)
        for k in ("org", "role", "directorate", "seniority"):
            cols[k].append(cols[k][old])
        cols["consent"].append(bool(rng.random() < 0.72))
        return new

    panel = _Panel(rng, ppl, src, dst, freq, turnover)
    answers, ties = [], []
    for t in range(waves):
        if t:
            panel.step(add_person)
        answers.append({p: ("yes" if p in panel.responded else "no") for p in panel.present})
        ties.append(panel.observed())
    n = len(cols["person_id"])
    grid = [[a.get(p, "absent") for p in range(n)] for a in answers]
    return cols, grid, ties


# --------------------------------------------------------------------------- writing


def _csv_text(header: tuple, rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _yaml_text(meta: dict) -> str:
    import yaml

    lines = []
    for key, value in meta.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        elif key == "survey_date" or isinstance(value, int):
            lines.append(f"{key}: {value}")
        else:
            dumped = yaml.safe_dump({key: value}, width=78, allow_unicode=True, sort_keys=False)
            lines.append(dumped.rstrip("\n"))
    return "\n".join(lines) + "\n"


def synth_case(out_dir, orgs: int, people: int, seed: int = 0, *, waves: int = 1, turnover: float = 0.2,
               overwrite: bool = False):
    """Write a realistic fictional case study of any size, surveyed once or in several waves.

    Parameters
    ----------
    out_dir : str or path-like
        Folder to write; created if missing. It must be new or empty unless
        ``overwrite`` is true (then the case files are replaced and nothing
        else in the folder is touched).
    orgs : int
        Number of organisations, at least 1. With 3 or more, one is the
        lead county council and one a small partnership team that holds the
        hubs; the rest are drawn from district councils, unitaries, police,
        fire, health, transport, voluntary and other bodies.
    people : int
        Number of people on the roster (of the first wave), at least ``orgs``.
    seed : int, default 0
        Seed of the random generator; the same arguments always give
        byte-identical files.
    waves : int, default 1
        Number of survey waves, 1 to 100. With 1 the case has no waves
        (the six files as always); with more, ``case.yaml`` lists the waves,
        ``ties.csv`` gains a ``wave`` column and ``responses.csv`` says who
        answered, did not answer or was not on the roster in each wave.
    turnover : float, default 0.2
        From 0 to 1: the share of ties replaced between consecutive waves
        (see Notes). Ignored with one wave.
    overwrite : bool, default False
        Allow writing into a folder that already holds files.

    Returns
    -------
    pathlib.Path
        The case folder; ``case.yaml`` gives it the folder's name as id.

    Raises
    ------
    SynthError
        (a :class:`partnet.errors.PartnetError`) for arguments that cannot
        make a case: fewer than one organisation, fewer people than
        organisations, a negative seed, no wave, a turnover outside 0-1, a
        non-empty folder without ``overwrite``.

    See Also
    --------
    partnet.cli : ``partnet synth OUT_DIR --orgs N --people M --seed S [--waves W --turnover R]``,
        the command line.

    Examples
    --------
    >>> import tempfile, pathlib, csv
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> folder = synth_case(tmp / "tiny", orgs=3, people=12, seed=1)
    >>> sorted(p.name for p in folder.iterdir())
    ['case.yaml', 'codebook.csv', 'organisations.csv', 'people.csv', 'segments.csv', 'ties.csv']
    >>> people = list(csv.DictReader(open(folder / "people.csv")))
    >>> len(people), sum(p["responded"] == "yes" for p in people)
    (12, 10)
    >>> synth_case(tmp / "bad", orgs=5, people=3, seed=1)
    Traceback (most recent call last):
    ...
    partnet.errors.SynthError: people must be at least orgs (every organisation needs one person):
    got 3 people for 5 organisations; use --people 5 or more

    Two waves: the first is the one-wave case above, the second its ties
    turned over.

    >>> folder = synth_case(tmp / "panel", orgs=3, people=12, seed=1, waves=2)
    >>> sorted(p.name for p in folder.iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['case.yaml', 'codebook.csv', 'organisations.csv', 'people.csv', 'responses.csv', 'segments.csv',
     'ties.csv']
    >>> (folder / "ties.csv").read_text().splitlines()[0]
    'respondent,alter,relation,frequency,wave'
    >>> print((folder / "case.yaml").read_text().split("waves:")[1].split("generator")[0].strip())
    - {id: w1, survey_date: 2006-02-02}
      - {id: w2, survey_date: 2007-02-02}

    Notes
    -----
    The network is a block model with person activity and hubs, shaped
    after what the case-study literature reports for local e-government
    partnerships [1]_: most contact inside organisations, a central staff
    team, sparse contact between partners.

    - Organisations: with three or more, the first is the lead county
      council and the second the partnership team; the others are drawn
      from district councils (46 %), health (11 %), voluntary bodies
      (10 %), police (9 %), unitaries and fire (8 % each), transport (5 %)
      and other bodies (3 %). ``size`` is a typical staff number for the
      type (lognormal spread), at least the people on the roster.
    - People per organisation: two each (one when people < 2 x orgs); the
      team keeps ``3 + people // 1500`` (at most 12); the rest is shared
      by a multinomial draw with lognormal weights (sigma 1.1, the lead
      council's weight x 2.5, no share above 30 %), so a few partners are
      large and most are small.
    - Hubs: ``2 + people // 400`` team members (at most 12; without a
      team, the first people of the largest organisation). Every
      respondent names hub ``j`` with probability ``q0 * 0.35 ** j``
      (at most 0.9), ``q0`` giving the first hub
      ``min(0.9 r, 12 m + 10)`` expected nominations from the ``r``
      respondents; each hub names ``min(0.1 (n - 1), max(3 m, 30))``
      people.
    - Ordinary ties: a respondent with activity ``a`` (lognormal, sigma
      0.9, mean 1) in an organisation of ``s`` people names
      ``Poisson(p_w a (s - 1))`` distinct colleagues (at most 80 % of them
      and ``3 m``) and ``Poisson(p_b a (n - s))`` people elsewhere.
      ``p_w`` aims at a mean out-degree ``m = min(13, 1.5 + n / 40)``
      (raised where needed so that colleagues' ties outweigh the hub ties
      6.5 to 1 in density terms); ``p_b`` then makes the expected
      within-organisation density 9 times the between-organisation
      density, hub ties included.
    - Shape check: the within/between density ratio and the ratio of the
      largest to the median degree (in + out, whole roster) must both
      reach 5.5; up to 80 tie sets are drawn from the same random stream
      and the first that passes is kept (else the closest). Rosters of a
      few hundred people pass at the first draw. Both targets were met for
      every seed 0-49 at 30 to 3,000 people in 6 or more organisations;
      in a small roster with 5 or fewer organisations they can conflict (a
      hub five times the median degree leaves too few ties for inside
      organisations) and then the closest draw is kept.
    - Only respondents (and hubs, who always respond) name anyone; no
      self-ties, no duplicates; frequency 1 (yearly) to 5 (daily), higher
      inside organisations and with hubs. 70-90 % respond (a uniform rate
      in 0.72-0.88, rounded into [0.7 n, 0.9 n]).
    - ``3 sqrt(n)`` coded segments (8 to 400) from a third as many
      interviewees, chosen among respondents with weight degree + 1. Each
      carries a leaf code of :data:`CODEBOOK` (15 % only its parent, 25 % a
      second code from another theme) and an excerpt from a bank of
      templates that name colleagues and partners; 30 % are coded again by
      coder ``B``, who keeps a code 72 % of the time and otherwise picks a
      sibling or the parent.

    **Waves** (``waves`` > 1). The first wave is the one-wave case drawn
    above, with the same roster, answers and ties; every later wave is
    drawn from the one before, in one random stream after everything
    else:

    - Roster: each person but the hubs leaves with chance ``turnover / 4``
      and is replaced in post by a joiner (same organisation, role,
      directorate and seniority, a new name and person_id appended to
      ``people.csv``), who takes over the leaver's contacts; ties naming
      the leaver name the joiner. The leaver is ``absent`` from the later
      waves, the joiner from the earlier ones.
    - Ties: the contacts behind the answers (of everyone who has answered
      some wave) turn over: each lasts with chance ``1 - turnover``,
      otherwise its respondent names someone else of the same kind
      instead (another hub for a hub, a colleague for a colleague, someone
      in another organisation for such a contact); a lasting tie's
      frequency moves one step with chance ``turnover``. So about
      ``turnover`` of the ties are replaced, and the within/between shape
      and the hubs stay.
    - Answers: a respondent answers the next wave with chance 0.9, a
      joiner at the first wave's rate, the others so that the rate stays
      that of the first wave; hubs always answer. A wave's ``ties.csv``
      rows are the contacts of that wave's respondents. Someone answering
      for the first time names as many hubs, colleagues and others as a
      colleague who answered before, drawn afresh.
    - Files: waves ``w1``, ``w2``, ... a year apart from the first
      ``survey_date``; ``ties.csv`` rows wave by wave; ``responses.csv``
      one row per wave and person (``yes``, ``no``, ``absent``);
      ``people.csv``'s ``responded`` is ``yes`` for whoever answered any
      wave. The coded segments are those of the first wave.

    With ``turnover`` 0 nobody leaves and no tie changes; the waves then
    differ only by who answered. The Jaccard index of the ties of people
    in both waves (:func:`partnet.metrics.change.wave_change`) is about
    ``(1 - turnover) / (1 + turnover)`` times the share of respondents who
    answer both waves: near .58 for the default 0.2 (RSiena's manual
    reads .3 or more as stable enough to model the waves as one process).
    Each later wave takes about a second per 100,000 ties.

    Names come from :data:`FIRST_NAMES` and :func:`synthetic_surnames`:
    surnames are unique up to 49,146 people, full names always. Nothing
    is taken from the clock, and every table is written sorted.

    References
    ----------
    .. [1] Cotterill, S. (2009). Local e-government partnerships. In
       *Handbook of Research on Strategies for Local E-Government Adoption
       and Implementation*. IGI Global. doi:10.4018/978-1-60566-282-4.ch006
    """
    out, orgs, people, seed, case_id = _check_args(out_dir, orgs, people, seed, overwrite)
    waves, turnover = _check_waves(waves, turnover)
    rng = np.random.default_rng(seed)
    org = _make_orgs(rng, orgs, people)
    ppl = _make_people(rng, org, people)
    src, dst, freq = _shaped_ties(rng, org, ppl)
    segments = _make_segments(rng, org, ppl, src, dst)

    yn = np.where  # yes/no columns
    org_rows = sorted(zip(org["name"], org["type"], (int(s) for s in org["staff"]), org["code"]))
    tie_columns = schema.TABLES["ties"][0]  # the one-wave file: no wave column
    date = f"{2005 + seed % 4}-{seed % 12 + 1:02d}-{seed % 28 + 1:02d}"
    title = f"Synthetic partnership: {orgs} organisations, {people} people (seed {seed})"
    description = ("Fictional case generated by partnet.synth; every person, organisation and place "
                   "is invented. A block model with a central partnership team, written for tests, "
                   "benchmarks and demonstrations.")
    generator = f"generator:\n  orgs: {orgs}\n  people: {people}\n  seed: {seed}\n"
    extra = {}
    if waves == 1:
        people_rows = list(zip(
            ppl["person_id"], ppl["name"], (org["name"][o] for o in ppl["org"]), ppl["role"],
            ppl["directorate"], ppl["seniority"], yn(ppl["responded"], "yes", "no"),
            yn(ppl["consent"], "yes", "no")))
        pid = ppl["person_id"]
        tie_rows = ((pid[s], pid[d], "egov_contact", int(f)) for s, d, f in zip(src, dst, freq))
        wave_lines = ""
    else:
        cols, answers, wave_ties = _make_waves(rng, ppl, src, dst, freq, waves, turnover)
        ids = [f"w{t + 1}" for t in range(waves)]
        answered = [any(a[i] == "yes" for a in answers) for i in range(len(cols["person_id"]))]
        people_rows = list(zip(
            cols["person_id"], cols["name"], (org["name"][o] for o in cols["org"]), cols["role"],
            cols["directorate"], cols["seniority"], yn(answered, "yes", "no"), yn(cols["consent"], "yes", "no")))
        pid = cols["person_id"]
        tie_rows = [(pid[s], pid[d], "egov_contact", int(f), w) for w, rows in zip(ids, wave_ties)
                    for s, d, f in rows]
        tie_columns = tie_columns + ("wave",)
        extra["responses.csv"] = _csv_text(("person_id", "wave", "responded"),
                                           [(pid[i], w, a[i]) for w, a in zip(ids, answers)
                                            for i in range(len(pid))])
        title = title.replace(" people (", f" people, {waves} waves (")
        description += (f" Surveyed in {waves} waves a year apart: about {turnover:.0%} of the ties are "
                        "replaced between consecutive waves, and a few people leave, each replaced in "
                        "post by a joiner.")
        wave_lines = "waves:\n" + "".join(f"  - {{id: {w}, survey_date: {d}}}\n"
                                          for w, d in zip(ids, _wave_dates(date, waves)))
        generator += f"  waves: {waves}\n  turnover: {turnover:g}\n"
    codebook_rows = [(c, t, d, desc, p) for c, t, d, desc, p in CODEBOOK]
    meta = {
        "id": case_id,
        "title": title,
        "description": description,
        "relation": "egov_contact",
        "survey_date": date,
        "fictional": True,
    }
    files = {
        "case.yaml": _yaml_text(meta) + wave_lines + generator,
        "organisations.csv": _csv_text(schema.columns("organisations"), org_rows),
        "people.csv": _csv_text(schema.columns("people"), people_rows),
        "ties.csv": _csv_text(tie_columns, tie_rows),
        "codebook.csv": _csv_text(schema.columns("codebook"), codebook_rows),
        "segments.csv": _csv_text(schema.columns("segments"), segments),
        **extra,
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    return out
