"""Invented names for fictional cases: first names, surnames and places.

No name here belongs to a real person or a real council: first names are
checked against the project's source texts, surnames are built from
syllables (:func:`synthetic_surnames`), places from a prefix and a suffix
(:func:`place_names`).
"""

from __future__ import annotations

import re

__all__ = ["FIRST_NAMES", "synthetic_surnames", "place_names"]

#: Invented first names: none is an ordinary English word, none is a part
#: of another, none belongs to a person named in the project's source texts.
FIRST_NAMES = tuple("""
Morwenna Tamsin Idris Olwen Cerys Rhodri Ffion Emrys Gwenllian Eluned Dafydd
Gethin Hywel Lowri Meinir Tegwen Bethan Siwan Ceinwen Iestyn Owain Saoirse
Niamh Declan Lorcan Aoife Ailsa Torquil Hamish Morag Fenella Euan Catriona
Ruaridh Lachlan Kirsty Mairead Fionnuala Padraig Ciaran Dervla Grainne
Cormac Ngozi Adaeze Folasade Obinna Temitope Kwame Abena Nkechi Chiamaka
Emeka Babajide Oluwaseun Yewande Kehinde Funmilayo Ifeoma Chinedu Kojo Efua
Akosua Priya Anjali Deepak Harpreet Gurdeep Jaswinder Manjit Rupinder
Sukhvinder Rajesh Sunita Nirmala Vikram Kavita Ashok Meena Farida Tariq
Yusuf Imran Rashida Nadia Zainab Shirin Parisa Dariush Leyla Ayesha Jolanta
Zofia Tomasz Bartosz Agnieszka Dorota Radek Milena Zdenka Wojciech Grazyna
Krzysztof Malgorzata Ludmila Annika Benedikt Sunniva Kasimir Sigrid Torvald
Ingrid Henrik Maarten Joost Femke Wouter Liesbeth Sjoerd Gerrit Hanneke
Birgit Ulrike Dietmar Kerstin Stavros Dimitra Yiannis Thanos Despina Loukia
Spyros Ottavio Giulietta Benedetta Raffaele Ludovica Tiago Joaquim Leandro
Ximena Itziar Tristram Ottoline Araminta Cosima Lavinia Horatio Barnaby
Jocasta Philippa Henrietta Rosamund Wilfred Cressida Tobias Lysander Leopold
Evadne
""".split())

# Synthetic surnames: onset, vowel, consonant pair, vowel, ending. Every one
# has eight letters, so none can be a part of another; the few that spell an
# English word or read badly are left out.
_ONSETS = "BDFGHKLMNPRSTVZ"
_VOWELS1 = "aeiou"
_MIDDLES = ("lv", "rn", "nd", "st", "rk", "lb", "rd", "sk", "nt", "lm", "rv", "zk", "ld", "mb", "nk")
_VOWELS2 = "aeio"
_ENDINGS = ("vic", "nko", "ski", "dis", "lli", "nak", "zek", "mir", "rov", "tta", "sku")
_BAD_STARTS = ("porn", "turd", "dild", "kunt", "dumb", "bimb", "bast", "sodo", "pisk", "hump")
_BAD_WORDS = frozenset({"gambetta", "vendetta"})

# Place names for organisations: prefix + suffix, none a real council.
_PLACE_PREFIXES = (
    "Ash", "Brin", "Carrow", "Dun", "Esk", "Fen", "Garth", "Hex", "Ingle", "Kel",
    "Lang", "Marl", "Nor", "Ov", "Pen", "Quen", "Rav", "Sel", "Thorn", "Ulver",
    "Vell", "Wend", "Yar", "Alder", "Bram", "Cold", "Elm", "Hask", "Lyd", "Wrax",
)
_PLACE_SUFFIXES = (
    "combe", "low", "dale", "by", "ridge", "wold", "thorpe", "moor", "ham", "ley",
    "wick", "ford", "stow", "mere", "holt", "bury", "den", "worth", "ton", "well",
)
_PLACE_QUALIFIERS = ("North", "South", "East", "West", "Upper", "Lower", "Great", "Little", "Mid")


def synthetic_surnames() -> tuple[str, ...]:
    """Every surname the generator can give, in a fixed order.

    Returns
    -------
    tuple of str
        Eight-letter invented surnames (onset, vowel, consonant pair, vowel,
        ending). None is an ordinary English word, none contains a name of
        :data:`FIRST_NAMES`, and, all being eight letters long, none is a
        part of another.

    Examples
    --------
    >>> names = synthetic_surnames()
    >>> len(names) > 40_000, names[0], {len(n) for n in names}
    (True, 'Balvavic', {8})
    """
    firsts = re.compile("|".join(sorted((f.lower() for f in FIRST_NAMES), key=len, reverse=True)))
    out = []
    for o in _ONSETS:
        for v in _VOWELS1:
            for m in _MIDDLES:
                for w in _VOWELS2:
                    for e in _ENDINGS:
                        name = o + v + m + w + e
                        low = name.lower()
                        if low in _BAD_WORDS or low.startswith(_BAD_STARTS) or firsts.search(low):
                            continue
                        out.append(name)
    return tuple(out)


def place_names() -> list[str]:
    """Invented place names for organisations, simple ones first, then qualified ones.

    Returns
    -------
    list of str
        Prefix + suffix (``"Ashcombe"``), leaving out any with a letter
        three times in a row, then each of them after a qualifier
        (``"North Ashcombe"``).

    Examples
    --------
    >>> names = place_names()
    >>> names[:3], names[-1], len(names)
    (['Ashcombe', 'Ashlow', 'Ashdale'], 'Mid Wraxwell', 5980)
    """
    simple = [p + s for p in _PLACE_PREFIXES for s in _PLACE_SUFFIXES]
    simple = [p for p in simple if not re.search(r"(.)\1\1", p)]
    qualified = [f"{q} {p}" for q in _PLACE_QUALIFIERS for p in simple]
    return simple + qualified
