"""Exceptions raised by partnet: one family, a few kinds.

Every error partnet raises on purpose derives from :class:`PartnetError`.
The command line catches the family and prints a clean message with a
non-zero exit status; notebooks may catch it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "PartnetError",
    "DataError",
    "CodebookError",
    "QdaImportError",
    "ReportError",
    "ParameterError",
    "Problem",
]


class PartnetError(Exception):
    """Base class of every error partnet raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a researcher's file.

    Parameters
    ----------
    code : str
        Stable reason code, e.g. ``"unknown-person"``; tests and programs
        match on it, never on the message text.
    file : str
        File name as the researcher knows it (``"ties.csv"``, or
        ``"case.xlsx:ties"`` for a sheet of a workbook).
    message : str
        What is wrong, in words a researcher can act on.
    row : int or None
        Line of the file (the header is line 1), or spreadsheet row.
    column : str or None
        Column name.
    value : str or None
        The value found.
    expected : str or None
        What was expected instead.
    suggestion : tuple of str
        Nearest valid values ("did you mean ..."), best first.
    severity : {"error", "warning"}
        Errors stop a case from loading; warnings are reported and the
        documented repair is applied.

    Examples
    --------
    >>> p = Problem("invalid-choice", "people.csv", "not an allowed role",
    ...             row=4, column="role", value="oficer",
    ...             expected="officer, councillor, partnership staff, other",
    ...             suggestion=("officer",))
    >>> print(p)
    people.csv, row 4, column 'role': not an allowed role: found 'oficer', expected officer, councillor, partnership staff, other; did you mean 'officer'? [invalid-choice]
    """

    code: str
    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    suggestion: tuple[str, ...] = field(default_factory=tuple)
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f": found {self.value!r}"
        if self.expected is not None:
            text += f", expected {self.expected}" if self.value is not None else f": expected {self.expected}"
        if self.suggestion:
            text += "; did you mean " + " or ".join(repr(s) for s in self.suggestion) + "?"
        return f"{text} [{self.code}]"

    def as_dict(self) -> dict:
        """The problem as a plain record (for a problem table)."""
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": self.expected,
            "suggestion": ", ".join(self.suggestion),
            "message": self.message,
        }


class DataError(PartnetError):
    """A case's files have problems; ``problems`` lists every one of them.

    Examples
    --------
    >>> err = DataError("shire", [Problem("empty-file", "ties.csv", "the file is empty")])
    >>> err.codes()
    ['empty-file']
    >>> print(err)
    case 'shire' has 1 problem:
      ties.csv: the file is empty [empty-file]
    """

    def __init__(self, case: str, problems: list[Problem]):
        self.case = case
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        n = len(errors)
        lines = [f"case {case!r} has {n} problem{'s' if n != 1 else ''}:"]
        lines += [f"  {p}" for p in errors]
        super().__init__("\n".join(lines))

    def codes(self) -> list[str]:
        """Reason codes of the errors, in the order found."""
        return [p.code for p in self.problems if p.severity == "error"]

    def table(self):
        """Every problem (errors and warnings) as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame([p.as_dict() for p in self.problems])


class ParameterError(PartnetError, ValueError):
    """An analysis option is not allowed (an unknown relation, a bad threshold)."""


class CodebookError(PartnetError):
    """A codebook or a mapping of codes to themes is inconsistent."""


class QdaImportError(PartnetError):
    """A file is not a readable REFI-QDA project or codebook."""


class ReportError(PartnetError):
    """A report run could not be started or one of its cases failed."""
