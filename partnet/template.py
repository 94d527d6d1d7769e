"""``partnet init``: a blank case for a researcher to fill in.

The folder gets ``case.yaml`` with a comment on every field, the CSV files
with their header rows, a ``README.txt`` explaining each column and its
allowed values, and a workbook ``<case_id>_template.xlsx`` with one sheet
a table and drop-down lists on the categorical columns. Everything is
written from :mod:`partnet.schema`, so the template cannot drift from the
format that validation checks.
"""

from __future__ import annotations

from pathlib import Path

from partnet import schema
from partnet._xlsx import text_cells_stay_text
from partnet.errors import ParameterError

__all__ = ["init_case", "template_name", "TEMPLATE_ROWS", "DESCRIPTIONS", "FIELD_HELP"]

#: Spreadsheet rows 2..TEMPLATE_ROWS carry the drop-down lists.
TEMPLATE_ROWS = 1000

#: What to put in each ``case.yaml`` field.
FIELD_HELP = {
    "id": "The case id: must equal the folder name; used in every output. Leave as written.",
    "title": "A short title for reports, e.g. Northvale e-government partnership.",
    "description": "One or two sentences: which partnership, which organisations, which period.",
    "relation": "The relation the questionnaire asked about; the relation column of the ties uses the same word.",
    "survey_date": "When the questionnaire closed: YYYY-MM-DD (or YYYY-MM).",
}

#: What each column holds: (table, column) -> description.
DESCRIPTIONS = {
    ("organisations", "organisation"): "Full name of the organisation, written the same way in people.",
    ("organisations", "org_type"): "Kind of organisation.",
    ("organisations", "size"): "Staff or population: a positive whole number (blank allowed, with a warning).",
    ("organisations", "code"): "Optional short code used in pseudonyms, 1-6 letters or digits (e.g. NDC); "
                               "blank: made from the name's initials.",
    ("people", "person_id"): "A unique id per person, e.g. p1. Never reuse an id; give people added later "
                             "higher ids, so that nobody else's pseudonym changes.",
    ("people", "name"): "The person's name as respondents would write it.",
    ("people", "organisation"): "Their organisation, exactly as in organisations.",
    ("people", "role"): "Their role in the partnership.",
    ("people", "directorate"): "The part of their organisation they work in.",
    ("people", "seniority"): "How senior they are.",
    ("people", "responded"): "yes if they returned the questionnaire.",
    ("people", "consent_named"): "yes only if they agreed to be named in outputs; no: always shown by pseudonym.",
    ("ties", "respondent"): "Who answered: person_id (or the name, when no two people share it).",
    ("ties", "alter"): "The contact they named: person_id (or the name).",
    ("ties", "relation"): "The relation asked about, usually the one in case.yaml (e.g. egov_contact).",
    ("ties", "frequency"): "How often they deal with each other: a whole number 1 to 5.",
    ("ties", "wave"): "Only for a case surveyed in waves (waves: in case.yaml): the wave the tie was named in, "
                      "one of the wave ids there. Leave blank otherwise.",
    ("codebook", "code"): "A code applied to interview segments, unique.",
    ("codebook", "theme"): "The theme it belongs to, e.g. leadership, accountability, embeddedness, size.",
    ("codebook", "dimension"): "The dimension of the partnership-effectiveness model.",
    ("codebook", "description"): "What the code means, for coders.",
    ("codebook", "parent"): "Optional parent code (builds the code tree); a code with blank theme or dimension "
                            "takes its parent's.",
    ("segments", "segment_id"): "Id of the coded passage; repeat it when the passage carries several codes "
                                "or coders.",
    ("segments", "person_id"): "Who said it: person_id (or the name).",
    ("segments", "code"): "The code applied, from the codebook.",
    ("segments", "excerpt"): "The passage, as quoted.",
    ("segments", "source"): "Where it comes from, e.g. interview p1.",
    ("segments", "coder"): "Optional: who applied the code (initials), for inter-coder agreement.",
}

_TABLE_HELP = {
    "organisations": "One row per organisation in the partnership.",
    "people": "The roster: one row per person who was sent the questionnaire.",
    "ties": "One row per contact a respondent named.",
    "codebook": "The interview codes (optional, needed with segments).",
    "segments": "Coded interview passages: one row per code applied to a passage by a coder (optional).",
}


#: What each column of the optional ``notes.csv`` holds (README.txt).
_NOTE_HELP = {
    "note_id": "unique, n1, n2, ...",
    "target_type": "what the note is about: " + ", ".join(schema.NOTE_TARGETS) + ".",
    "target": "the person's person_id (a tie's first one), or the organisation; blank for the network.",
    "alter": "a tie's other person_id.",
    "note": "the note.",
    "date": "YYYY-MM-DD HH:MM (or YYYY-MM-DD), local time.",
    "facilitator": "who took the note.",
    "view": "what the workshop page showed (a wave, or the change between two).",
}


def _choice_columns() -> dict[tuple[str, str], tuple[str, ...]]:
    """Categorical columns and their allowed values, from the schema."""
    out = dict(schema.CHOICES)
    out.setdefault(("codebook", "dimension"), schema.DIMENSIONS)
    return out


def _list_name(column: str, values: tuple[str, ...]) -> str:
    return "yes_no" if tuple(values) == tuple(schema.YES_NO) else column


def _frequency_text() -> str:
    return ", ".join(f"{k} = {v}" for k, v in schema.FREQUENCY_LABELS.items())


def template_name(case_id: str) -> str:
    """File name of the workbook template of a case.

    Deliberately neither ``case.xlsx`` nor ``<case_id>.xlsx``, the names
    under which a case folder's workbook is read, so a freshly made folder
    is read from its CSV files.

    Examples
    --------
    >>> template_name("shire")
    'shire_template.xlsx'
    """
    return f"{case_id}_template.xlsx"


def _check_target(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ParameterError(f"{folder} is a file; partnet init needs a new or empty folder")
    if folder.is_dir():
        entries = sorted(p.name for p in folder.iterdir())
        if entries:
            shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
            free = next(folder.with_name(f"{folder.name}_{i}") for i in range(2, 1000)
                        if not folder.with_name(f"{folder.name}_{i}").exists())
            raise ParameterError(
                f"{folder} is not empty (found {shown}); partnet init writes a blank case only into a new or "
                f"empty folder, so that nothing is overwritten. Choose another folder, e.g. {free}"
            )


def _case_yaml(case_id: str) -> str:
    import yaml

    defaults = {"id": case_id, "relation": "egov_contact"}
    lines = [
        f"# Case description for partnet: case study {case_id!r}.",
        "# Fill in every field, then check the case with:",
        f"#   partnet validate {case_id}",
        "",
    ]
    for f in schema.CASE_FIELDS:
        lines.append(f"# {FIELD_HELP.get(f, 'Required.')}")
        value = defaults.get(f, "")
        lines.append(yaml.safe_dump({f: value}, allow_unicode=True, default_flow_style=False, width=1000).strip())
        lines.append("")
    lines += [
        "# Optional: the question respondents were asked, quoted in the report.",
        "# question: \"Who do you deal with about e-government, and how often?\"",
        "",
        "# Optional: each relation's direction and scale (default: directed, frequency 1..5).",
        "# relations:",
        "#   egov_contact: {directed: true, scale: frequency}   # 1 yearly .. 5 daily",
        "#   joint_board: {directed: false, scale: binary}      # a tie is there (1) or not",
        "#   messages: {directed: true, scale: count}           # any whole number, 0 = no tie",
        "",
        "# Optional: survey waves, when the same roster was surveyed more than once, in the",
        "# order they were run. Every tie then names its wave in the wave column of ties.csv;",
        "# survey_date above stays the case's reference date (usually the first wave's).",
        "# responses.csv (person_id, wave, responded: yes, no or absent) says who answered",
        "# each wave and who was not on its roster (see README.txt).",
        "# waves:",
        "#   - {id: w1, survey_date: 2006-11-14}",
        "#   - {id: w2, survey_date: 2008-03-02}",
        "",
        "# Optional analysis defaults (remove the # to use one):",
        "# nonrespondents: keep     # " + ", ".join(schema.NONRESPONDENT_OPTIONS),
        "# min_frequency: 1         # 1..5: ties named less often are left out",
        "# anonymise: false         # true: every output shows pseudonyms only",
        "",
    ]
    return "\n".join(lines)


def _readme(case_id: str) -> str:
    choices = _choice_columns()
    title = f"Case study {case_id}: a blank case for partnet"
    out = [
        title,
        "=" * len(title),
        "",
        "Fill in case.yaml and the CSV files here (UTF-8, comma separated, header row first),",
        f"then run:  partnet validate {case_id}   (the path to this folder)",
        "It lists every problem at once, with file, row and column.",
        "",
        f"Or use the workbook {template_name(case_id)} instead of the CSV files: fill in every",
        "sheet (the drop-down lists show the allowed values), including the case sheet, and",
        f"save it as {case_id}.xlsx. Then either delete case.yaml and the .csv files from this",
        f"folder, or put the workbook alone in a folder named {case_id}. A table given both as a",
        "CSV file and as a sheet is refused, so keep one of the two.",
        "",
        "Values are matched ignoring case and surrounding spaces. People may be named by",
        "person_id or by name in ties and segments; a name shared by two people needs the id.",
        "",
        "case.yaml",
        "---------",
    ]
    for f in schema.CASE_FIELDS:
        out.append(f"  {f}: {FIELD_HELP.get(f, 'required')}")
    out.append("")
    for stem, (required, optional) in schema.TABLES.items():
        title = f"{stem}.csv"
        out += [title, "-" * len(title), _TABLE_HELP.get(stem, ""), ""]
        for col in (*required, *optional):
            need = "required" if col in required else "optional"
            out.append(f"  {col} ({need}): {DESCRIPTIONS.get((stem, col), '')}")
            if (stem, col) in choices:
                out.append("      allowed: " + ", ".join(choices[(stem, col)]))
            if (stem, col) == ("ties", "frequency"):
                out.append("      allowed: " + _frequency_text())
        if stem == "ties":
            out += ["", "  Instead of ties.csv: ties_matrix.csv (respondents down the first column,",
                    "  alters across the header row, a frequency 1-5 in each cell, blank or 0 for no",
                    "  tie) or ties.dl (a UCINET DL file: format fullmatrix or edgelist1). These carry",
                    "  no wave: a case with several waves needs ties.csv with its wave column."]
        out.append("")
    required, optional = schema.OPTIONAL_TABLES["responses"]
    out += [
        "responses.csv (optional, not written here)",
        "------------------------------------------",
        "Only for a case surveyed in waves (waves: in case.yaml, each an id and a survey_date, in",
        "the order they were run). One row per person and wave:",
        "",
        *(f"  {col} (required)" + {"person_id": ": person_id (or the name), as in people.",
                                  "wave": ": a wave id from case.yaml.",
                                  "responded": ": " + ", ".join(schema.RESPONSE_VALUES) + "."}[col]
          for col in (*required, *optional)),
        "",
        "  absent: not on that wave's roster (joined later or had left); not a non-respondent,",
        "  and no tie of that wave may name them. A person with no row for a wave takes",
        "  people.csv's responded; without responses.csv everyone is on every wave's roster with",
        "  people.csv's responded. In the workbook: a responses sheet, and a waves sheet (id,",
        "  survey_date) beside the case sheet.",
        "",
        "notes.csv (optional, not written here)",
        "--------------------------------------",
        "Workshop notes: partnet import-notes NOTES.csv CASE_DIR adds the notes a facilitator",
        "took on the workshop page (partnet graph; its notes.csv download) to this file. One row",
        "per note:",
        "",
        *(f"  {col} ({'required' if col in schema.OPTIONAL_TABLES['notes'][0] else 'optional'}): "
          + _NOTE_HELP[col] for col in schema.columns("notes")),
        "",
        "  In the workbook: a notes sheet.",
        "",
        "Extra columns are kept and may be used in analyses.",
        "",
    ]
    return "\n".join(out)


def _write_workbook(path: Path, case_id: str) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    wb = Workbook()

    def header(ws, names, widths=None):
        ws.append(list(names))
        for i, cell in enumerate(ws[1], start=1):
            cell.font, cell.fill = bold, fill
            ws.column_dimensions[get_column_letter(i)].width = (widths or {}).get(i, max(14, len(str(cell.value)) + 4))
        ws.freeze_panes = "A2"

    # The case sheet: field / value rows (what partnet reads) and a hint.
    ws = wb.active
    ws.title = "case"
    header(ws, ["field", "value", "what to put"], {1: 14, 2: 40, 3: 90})
    defaults = {"id": case_id, "relation": "egov_contact"}
    for f in schema.CASE_FIELDS:
        ws.append([f, defaults.get(f), FIELD_HELP.get(f, "required")])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "@"  # keep dates and ids as typed

    # The lists sheet: one column per list of allowed values.
    lists = {}
    for (_, col), values in _choice_columns().items():
        lists.setdefault(_list_name(col, values), tuple(values))
    lists["frequency"] = tuple(schema.FREQUENCY_LABELS)
    lists["frequency_label"] = tuple(schema.FREQUENCY_LABELS.values())
    lst = wb.create_sheet("lists")
    header(lst, list(lists))
    ranges = {}
    for j, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(j)
        for i, v in enumerate(values, start=2):
            lst.cell(row=i, column=j, value=v)
        ranges[name] = f"lists!${letter}$2:${letter}${len(values) + 1}"

    last = TEMPLATE_ROWS
    choices = _choice_columns()
    for stem, (required, optional) in schema.TABLES.items():
        ws = wb.create_sheet(stem, index=len(wb.sheetnames) - 1)  # before "lists"
        cols = [*required, *optional]
        header(ws, cols)
        for i, col in enumerate(cols, start=1):
            ws.cell(row=1, column=i).comment = Comment(
                ("Required. " if col in required else "Optional. ") + DESCRIPTIONS.get((stem, col), ""), "partnet")
        letters = {col: get_column_letter(i) for i, col in enumerate(cols, start=1)}
        validations = []
        for (table, col), values in choices.items():
            if table == stem and col in letters:
                dv = DataValidation(type="list", formula1=ranges[_list_name(col, values)], allow_blank=True,
                                    showErrorMessage=True, showInputMessage=True, errorStyle="stop",
                                    errorTitle=f"Not an allowed {col}",
                                    error="Choose one of: " + ", ".join(values),
                                    promptTitle=col, prompt="Choose from the list.")
                validations.append((dv, letters[col]))
        if stem == "ties":
            dv = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
                                showErrorMessage=True, showInputMessage=True, errorStyle="stop",
                                errorTitle="Frequency is 1 to 5", error="A whole number: " + _frequency_text(),
                                promptTitle="frequency", prompt=_frequency_text())
            validations.append((dv, letters["frequency"]))
        # References to other sheets: a warning only, since they may be filled later.
        refs = {("people", "organisation"): f"organisations!$A$2:$A${last}",
                ("codebook", "parent"): f"codebook!$A$2:$A${last}",
                ("segments", "code"): f"codebook!$A$2:$A${last}"}
        for (table, col), formula in refs.items():
            if table == stem:
                dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                    errorStyle="warning", errorTitle=f"Unknown {col}",
                                    error=f"Not in the {formula.split('!')[0]} sheet (yet).")
                validations.append((dv, letters[col]))
        for dv, letter in validations:
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{last}")
    # The case id is the folder name the user chose: keep it text even if it starts with "=" (OWASP).
    for sheet in wb.worksheets:
        text_cells_stay_text(sheet)
    wb.save(path)


def init_case(case_dir) -> Path:
    """Write a blank case for a researcher to fill in.

    Parameters
    ----------
    case_dir : str or pathlib.Path
        A folder that does not exist yet or is empty; its name becomes the
        case id.

    Returns
    -------
    pathlib.Path
        The folder, holding ``case.yaml``, ``organisations.csv``,
        ``people.csv``, ``ties.csv``, ``codebook.csv``, ``segments.csv``
        (header rows only), ``README.txt`` and the workbook
        ``<case_id>_template.xlsx``.

    Raises
    ------
    ParameterError
        The folder is not empty (nothing is ever overwritten) or is a file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = init_case(pathlib.Path(tempfile.mkdtemp()) / "shire")
    >>> sorted(p.name for p in folder.iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['README.txt', 'case.yaml', 'codebook.csv', 'organisations.csv', 'people.csv', 'segments.csv',
     'shire_template.xlsx', 'ties.csv']
    >>> (folder / "people.csv").read_text()
    'person_id,name,organisation,role,directorate,seniority,responded,consent_named\\n'

    Notes
    -----
    The workbook has a ``case`` sheet (field / value rows), one sheet per
    table named after its CSV file, and a ``lists`` sheet with the allowed
    values. Header rows are bold and frozen; rows 2 to
    :data:`TEMPLATE_ROWS` of each categorical column (org_type, role,
    directorate, seniority, responded, consent_named, dimension) offer the
    allowed values as a drop-down list and refuse others, frequency takes
    a whole number 1 to 5, and people's organisation, a code's parent and
    a segment's code are offered from the sheets they refer to. Excel
    checks only what is typed; pasted values are checked by
    ``partnet validate``.

    Survey waves are optional: ``case.yaml`` carries a commented
    ``waves:`` example and ``ties.csv`` its optional ``wave`` column (left
    blank for a single survey); ``responses.csv`` (who answered each wave,
    who was absent from it) is not written, only described in
    ``README.txt``, since most cases have one survey.
    """
    folder = Path(case_dir)
    _check_target(folder)
    folder.mkdir(parents=True, exist_ok=True)
    case_id = folder.resolve().name
    (folder / "case.yaml").write_text(_case_yaml(case_id), encoding="utf-8")
    for stem, (required, optional) in schema.TABLES.items():
        (folder / f"{stem}.csv").write_text(",".join((*required, *optional)) + "\n", encoding="utf-8")
    (folder / "README.txt").write_text(_readme(case_id), encoding="utf-8")
    _write_workbook(folder / template_name(case_id), case_id)
    return folder
