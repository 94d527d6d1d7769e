"""Where the bundled demo cases and the report notebooks are, and which case a name means.

The fictional demo cases ship in ``data/examples/`` (:func:`examples_dir`);
``data/cases/`` is the researcher's own folder and holds no bundled case.
A demo case can be named by its id (``shire``) wherever a case path is
taken.
"""

from __future__ import annotations

from pathlib import Path

from partnet.errors import ReportError, choice_error

__all__ = ["SOURCE_ROOT", "examples_dir", "cases_dir", "bundled_cases", "resolve_case", "is_case_argument",
           "notebooks_dir", "notebook"]

#: The folder holding the ``partnet`` package (the project's source tree
#: when partnet is installed with ``pip install -e .``).
SOURCE_ROOT = Path(__file__).resolve().parents[2]

#: Where the demo cases are, relative to the project folder.
EXAMPLES = Path("data") / "examples"


def examples_dir() -> Path:
    """The folder of the bundled (fictional) demo cases: ``data/examples`` here, else in partnet's source tree.

    Examples
    --------
    >>> examples_dir().parts[-2:]
    ('data', 'examples')
    """
    here = Path.cwd() / EXAMPLES
    return here if here.is_dir() else SOURCE_ROOT / EXAMPLES


def cases_dir() -> Path:
    """The folder of the bundled demo cases (the older name of :func:`examples_dir`).

    The demos moved from ``data/cases`` to ``data/examples``; ``data/cases``
    is now the researcher's own folder.

    Examples
    --------
    >>> cases_dir() == examples_dir()
    True
    """
    return examples_dir()


def _is_case(folder: Path) -> bool:
    return folder.is_dir() and ((folder / "case.yaml").is_file() or (folder / "case.xlsx").is_file()
                                or (folder / f"{folder.name}.xlsx").is_file())


def bundled_cases() -> list[Path]:
    """Every demo case folder in :func:`examples_dir`, sorted by name (what ``partnet report`` renders by default).

    Examples
    --------
    >>> [p.name for p in bundled_cases()]
    ['coastal', 'metro', 'quenmere', 'shire']
    >>> all(p.parent == examples_dir() for p in bundled_cases())
    True
    """
    root = examples_dir()
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if _is_case(p)), key=lambda p: p.name)


def resolve_case(case) -> Path:
    """The folder (or workbook) a case argument means: a path, or the id of a bundled demo case.

    Parameters
    ----------
    case : str or pathlib.Path
        A case folder, a case workbook, or the name of a folder in
        :func:`examples_dir` (``"shire"``: the notebooks' default).

    Returns
    -------
    pathlib.Path
        The absolute path.

    Raises
    ------
    ParameterError
        Neither a path nor a bundled case; the message lists the bundled
        cases and the nearest one.

    Examples
    --------
    >>> resolve_case(EXAMPLE_CASE).name
    'example'
    >>> resolve_case("shire").parts[-3:]
    ('data', 'examples', 'shire')
    >>> resolve_case("no-such-case-anywhere")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: case must be a case folder, a workbook or a case bundled in ...;
    'no-such-case-anywhere' was given
    """
    path = Path(case).expanduser()
    if path.exists():
        return path.resolve()
    root = examples_dir()
    if (root / str(case)).exists():
        return (root / str(case)).resolve()
    raise choice_error(str(case), [p.name for p in bundled_cases()], "case",
                       what=f"a case folder, a workbook or a case bundled in {root}")


def is_case_argument(path) -> bool:
    """Whether a path can be a case: a folder, or an ``.xlsx`` workbook (not a README beside the cases).

    ``partnet report data/cases/*`` names every entry of the folder; a file
    that is not a workbook is skipped rather than failed.

    Examples
    --------
    >>> is_case_argument(EXAMPLE_CASE), is_case_argument(EXAMPLE_CASE / "people.csv")
    (True, False)
    """
    path = Path(path)
    return not path.is_file() or path.suffix.lower() == ".xlsx"


def notebooks_dir() -> Path:
    """The folder of the report notebooks (``notebooks/`` in partnet's source tree).

    Raises
    ------
    ReportError
        The folder is missing (partnet installed without its source tree).
    """
    folder = SOURCE_ROOT / "notebooks"
    if not (folder / "case_study.ipynb").is_file():
        raise ReportError(f"the report notebooks are missing: expected {folder / 'case_study.ipynb'}. "
                          "Install partnet from its source folder (pip install -e .) so that notebooks/ is there.")
    return folder


def notebook(name: str, folder=None) -> Path:
    """The path of one report notebook (``case_study``, ``cross_case``, ``explore``).

    Raises
    ------
    ReportError
        The notebook does not exist.
    """
    folder = Path(folder) if folder is not None else notebooks_dir()
    path = folder / f"{name}.ipynb"
    if not path.is_file():
        raise ReportError(f"the notebook {path} does not exist")
    return path
