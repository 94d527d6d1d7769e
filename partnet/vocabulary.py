"""One vocabulary: the plain name and the meaning of every code name partnet shows.

partnet's tables and options carry short code names (``reciprocity_dyad``,
``closeness_in``, ``n01``, ``min_frequency``) that suit code and
spreadsheets but not the supervisors, council officers and participants
who read its reports. Each code has one :class:`Term` here: the label a
page shows (``"reciprocity (share of pairs)"``) and a one-sentence meaning
(``"Of the pairs of people with a tie between them, the share where both
named each other."``). The workshop page, the ego sheets, the figures'
legends and the report take their names from here, so a measure is called
the same everywhere, and :func:`glossary` prints the meanings beside a
table.

Codes covered (every name partnet defines for a reader to see):

- the whole-network profile, :data:`partnet.metrics.WHOLE_NETWORK_FIELDS`
  and :data:`~partnet.metrics.UNDIRECTED_WHOLE_NETWORK_FIELDS`, and the
  core-periphery rows of ``compare_waves().profiles``;
- the node table, :data:`partnet.metrics.NODE_TABLE_COLUMNS` and
  :data:`~partnet.metrics.UNDIRECTED_NODE_TABLE_COLUMNS`, and the
  attributes of a person (``org_type``, ``responded``, ...);
- the tie-change table :data:`partnet.metrics.WAVE_CHANGE_FIELDS` and the
  other tables of :func:`partnet.metrics.compare_waves`;
- permutation tests: the fields of :class:`partnet.metrics.QAPResult`,
  :class:`~partnet.metrics.QAPRegressionResult` and the E-I index
  (:func:`partnet.metrics.ei_index`), communities;
- :mod:`partnet.mixed`: the profile indicators (:data:`~partnet.mixed.INDICATORS`,
  :data:`~partnet.mixed.CHANGE_INDICATORS`, :data:`~partnet.mixed.EVIDENCE`),
  the columns of ``positions``, ``meta_matrix``, ``statistics_by_themes``
  and ``effectiveness_profile``;
- :mod:`partnet.themes` and :mod:`partnet.agreement` table columns, and
  the workshop notes beside the interviews (:func:`partnet.mixed.workshop_notes`);
- the options of :mod:`partnet.options` and the report's run parameters
  (``anonymise``, ``nonrespondents``, ``min_frequency``, ``seed``,
  ``relation``, ``scale``, ``directed``, ``wave``, ...), and the columns
  of the provenance and organisations tables.

A label that is the code itself (``density``, ``betweenness``,
``organisation``) is already a word a reader knows; the others are
:data:`CODE_NAMES`, which no page should show bare (a header is checked
as a whole: ``left`` is a code name, "people who left" a label).

Every meaning follows the convention of the function that computes the
number (UCINET's, as docs/methods.md sets out: Freeman 1979 centrality and
centralization, Burt 1992 structural holes, Gould & Fernandez 1989
brokerage, Krackhardt & Stern 1988 E-I, Krackhardt 1988 QAP, RSiena's
reading of the Jaccard index). The measures of an ego sheet, read with
the participant, have short meanings that fit one printed line and name
no author; docs/methods.md (sections 3 and 5) gives their sources.

Examples
--------
>>> label("reciprocity_dyad")
'reciprocity (share of pairs)'
>>> meaning("reciprocity_dyad")
'Of the pairs of people with a tie between them, the share where both named each other.'
>>> label("leadership"), meaning("leadership")      # not partnet's: a codebook's theme
('leadership', '')
>>> "reciprocity_dyad" in CODE_NAMES, "density" in CODE_NAMES
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["Term", "TERMS", "CODE_NAMES", "label", "meaning", "relabel", "glossary"]


@dataclass(frozen=True)
class Term:
    """A code name, the label a page shows for it, and what it means.

    Attributes
    ----------
    code : str
        The name in partnet's tables and options (``"closeness_in"``).
    label : str
        The name shown to readers (``"in-closeness"``); the code itself
        when that is already a plain word.
    meaning : str
        One sentence a participant can follow.
    """

    code: str
    label: str
    meaning: str


# Terms by family, in the order of the tables that show them. A code that belongs to several
# families (``density``, ``seed``, ``ei``) is defined once, where it first appears, with a meaning
# that holds for every table it is in.

_WHOLE_NETWORK = (
    ("n", "people in the network", "The number of people in the network, those without any tie included."),
    ("ties", "ties", "The number of ties: in a directed network each naming counts (a pair who named each other "
                     "is two ties), in an undirected one each tied pair counts once."),
    ("density", "density", "Of all the ties that could exist between the people in the network, the share that "
                           "do (ties present / ties possible)."),
    ("reciprocity_dyad", "reciprocity (share of pairs)",
     "Of the pairs of people with a tie between them, the share where both named each other."),
    ("reciprocity_arc", "reciprocity (share of ties)",
     "Of all the ties named, the share that were named back."),
    ("transitivity", "transitivity",
     "Of the chains where one person named a second who named a third, the share where the first also named "
     "the third: how often a contact's contact is a contact."),
    ("components", "components",
     "The number of separate parts of the network, with no tie between them in either direction; a person "
     "without ties is a part of their own."),
    ("strong_components", "strong components",
     "The number of groups within which everyone can reach everyone else following the ties in the direction "
     "they were named; a person who cannot is a group of their own."),
    ("isolates", "isolates", "The number of people with no tie at all, named or naming."),
    ("avg_distance", "average distance",
     "The average number of steps along ties from one person to another, over the pairs who can reach each "
     "other at all."),
    ("diameter", "diameter",
     "The largest number of steps needed to get from one person to another, over the pairs who can reach each "
     "other."),
    ("connectedness", "connectedness",
     "Of all the pairs of people, taken each way round, the share in which the first can reach the second "
     "along ties (Krackhardt 1994): 1 when everyone can reach everyone."),
    ("degree_centralization_in", "in-degree centralization",
     "How far being named is concentrated on one person: 1 when one person is named by everyone and no one "
     "else is named, 0 when everyone is named equally often (Freeman 1979)."),
    ("degree_centralization_out", "out-degree centralization",
     "How far naming is concentrated in one person: 1 when one person named everyone and no one else named "
     "anyone, 0 when everyone named equally many (Freeman 1979)."),
    ("degree_centralization", "degree centralization",
     "How far the ties are concentrated on one person: 1 for a star, one person tied to everyone and no one "
     "else tied, 0 when everyone has equally many ties (Freeman 1979)."),
    ("betweenness_centralization", "betweenness centralization",
     "How far the go-between positions are concentrated in one person: 1 for a star, where every path between "
     "two others runs through the centre, 0 when everyone is an equal go-between (Freeman 1979)."),
    ("closeness_centralization_in", "in-closeness centralization",
     "How far one person is reached by the others in fewer steps than everyone else is: 1 for a star whose "
     "centre everyone named, 0 when everyone is reached equally easily (Freeman 1979)."),
    ("closeness_centralization_out", "out-closeness centralization",
     "How far one person reaches the others in fewer steps than everyone else does: 1 for a star whose centre "
     "named everyone, 0 when everyone reaches the others equally easily (Freeman 1979)."),
    ("closeness_centralization", "closeness centralization",
     "How far one person is closer to everyone than the others are: 1 for a star, 0 when everyone is equally "
     "close to the rest (Freeman 1979)."),
    ("core_size", "people in the core",
     "The number of people in the core of the core-periphery model (Borgatti & Everett 1999)."),
    ("core_fit", "core-periphery fit",
     "How closely the network matches an ideal core and periphery, a core all tied to each other and a "
     "periphery tied only to the core: the correlation between the two, 1 a perfect match (Borgatti & "
     "Everett 1999)."),
)

_NODE_TABLE = (
    # The measures of an ego sheet (viz.ego.SHEET_MEASURES) are read with the participant, one line
    # under each: their meanings stay short and carry no citation (docs/methods.md, section 3 and 5).
    ("in_degree", "named by (in-degree)", "How many people named this person as a contact."),
    ("out_degree", "named (out-degree)", "How many people this person named as contacts."),
    ("degree", "degree",
     "How many ties the person has; with directed ties, received plus sent."),
    ("degree_norm", "degree (normalised)",
     "The person's contacts as a share of everyone else in the network, 0 to 1."),
    ("in_degree_norm", "in-degree (normalised)",
     "The share of everyone else in the network who named this person, 0 to 1."),
    ("out_degree_norm", "out-degree (normalised)",
     "The share of everyone else in the network whom this person named, 0 to 1."),
    ("betweenness", "betweenness",
     "How much the person is a go-between: summed over pairs of other people, the share of the shortest paths "
     "between them that pass through the person (Freeman 1979)."),
    ("betweenness_norm", "betweenness (normalised)",
     "How often the person is on the shortest path between two others, 0 to 1."),
    ("closeness_in", "in-closeness",
     "How easily others reach this person along ties (1: everyone named them)."),
    ("closeness_out", "out-closeness",
     "How easily this person reaches others along ties (1: named everyone)."),
    ("closeness", "closeness",
     "How easily the person reaches everyone else along ties (1: tied to all)."),
    ("eigenvector", "eigenvector",
     "How well connected the person's contacts are themselves."),
    ("pagerank", "PageRank",
     "The person's standing from being named by people who are themselves often named (Brin & Page 1998); "
     "everyone's values add up to 1."),
    ("k_core", "k-core",
     "The largest number k such that the person belongs to a group in which everyone has at least k contacts "
     "inside the group (Seidman 1983)."),
    ("effective_size", "effective size",
     "How many contacts, less their overlap: contacts tied to each other count less."),
    ("efficiency", "efficiency",
     "Effective size divided by the number of contacts: 1 when none of them are tied to each other."),
    ("constraint", "constraint",
     "How closed in: high when the ties go to a few contacts tied to each other."),
    ("hierarchy", "hierarchy",
     "How much of the person's constraint comes from one contact: 0 spread evenly, higher if one dominates."),
    ("coordinator", "coordinator",
     "Times the person links two people of their own organisation not linked directly."),
    ("consultant", "consultant (itinerant)",
     "Times the person links two people of another organisation not linked directly."),
    ("gatekeeper", "gatekeeper",
     "Times the person links an outsider to a colleague not linked to them directly."),
    ("representative", "representative",
     "Times the person links a colleague to an outsider not linked to them directly."),
    ("liaison", "liaison",
     "Times the person links people of two other organisations not linked directly."),
    ("brokerage_total", "brokerage (all roles)",
     "How often the person is a go-between in any of the five brokerage roles, all added up."),
    ("ei", "E-I index",
     "Ties outside versus inside one's organisation: -1 all inside, +1 all outside."),
)

_PEOPLE = (
    ("person_id", "person (id)", "The person's identifier in the case's people.csv."),
    ("person", "person", "The person, by name where they agreed to be named and the output is not anonymised, "
                         "otherwise by pseudonym."),
    ("name", "name", "The person's name as on the roster."),
    ("pseudonym", "pseudonym",
     "The stable name shown in place of a person's name: their organisation's code and a number."),
    ("organisation", "organisation", "The organisation the person works for or represents."),
    ("organisation_named", "organisation (as named outputs show it)",
     "The person's organisation as an output that names people shows it."),
    ("organisation_anonymised", "organisation (as anonymised outputs show it)",
     "The person's organisation as an anonymised output shows it."),
    ("org_type", "organisation type",
     "The kind of organisation, such as district council, police, health or voluntary."),
    ("org_size", "organisation size", "The size of the person's organisation (staff or population)."),
    ("role", "role", "The person's role in the partnership, such as officer, councillor or partnership staff."),
    ("directorate", "directorate",
     "The part of the organisation the person works in, such as citizen-facing, back-office or ICT."),
    ("seniority", "seniority", "The person's seniority: senior, middle or junior."),
    ("responded", "answered the questionnaire",
     "Whether the person answered the network questionnaire; in a table of organisations, how many of its "
     "people did."),
    ("consent_named", "agreed to be named",
     "Whether the person agreed to be named in outputs; without it they are always shown by pseudonym."),
    ("size", "size",
     "An organisation's size as organisations.csv gives it (staff or population); in a table of groups, the "
     "number of the group's people in the network."),
    ("people", "people",
     "A number of people: on the organisation's roster, mentioning the theme, or present in both waves, as "
     "the table says."),
    ("response_rate", "response rate",
     "The share of the people on the roster who answered the questionnaire, 0 to 1."),
    ("frequency", "tie value",
     "A tie's value: how often the two are in contact from 1 (yearly) to 5 (daily), a count, or 1 for a tie "
     "that is simply there, by the relation's scale."),
    ("imputed", "imputed tie",
     "A tie filled in for someone who did not answer, mirroring a tie they were named in (reconstructed by "
     "reciprocity)."),
)

_CHANGE = (
    ("overlap", "people in both waves",
     "The number of people present in both waves, among whom ties are compared."),
    ("joined", "people who joined", "The number of people present only in the later wave."),
    ("left", "people who left", "The number of people present only in the earlier wave."),
    ("n00", "pairs without a tie in either wave",
     "The number of pairs of people with no tie in either wave."),
    ("n01", "new ties", "The number of ties present in the later wave only."),
    ("n10", "lost ties", "The number of ties present in the earlier wave only."),
    ("n11", "ties in both waves", "The number of ties present in both waves."),
    ("jaccard", "tie stability (Jaccard index)",
     "Of the ties present in either wave, the share present in both; the RSiena manual reads .3 or more as "
     "stable and under .2 as low (Ripley et al. 2018)."),
    ("persisting", "share of earlier ties still present",
     "Of the earlier wave's ties, the share still present in the later wave."),
    ("hamming", "ties changed (Hamming distance)",
     "The number of pairs whose tie changed between the waves: new ties plus lost ties (Butts 2008)."),
    ("rose", "share of lasting ties that rose",
     "Of the ties present in both waves with a value in each, the share whose value rose."),
    ("fell", "share of lasting ties that fell",
     "Of the ties present in both waves with a value in each, the share whose value fell."),
    ("before", "before", "The earlier wave's value, state or density, as the table says."),
    ("after", "after", "The later wave's value, state or density, as the table says."),
    ("difference", "difference", "The later wave's value minus the earlier wave's."),
    ("rho", "rank correlation (Spearman's rho)",
     "How far people keep their rank on the measure from one wave to the next: 1 the same order, 0 no relation, "
     "-1 the order reversed (Spearman 1904)."),
    ("movement", "movement",
     "Whether the person stayed in the core, joined it or left it between the waves."),
    ("ties_before", "ties in the earlier wave",
     "The number of person-to-person ties between the two organisations (from the first to the second when "
     "ties have a direction) in the earlier wave."),
    ("ties_after", "ties in the later wave",
     "The number of person-to-person ties between the two organisations (from the first to the second when "
     "ties have a direction) in the later wave."),
    ("change", "change",
     "Whether the two organisations came closer (more of their possible ties present) or drifted apart."),
    ("measure", "measure", "The measure a row is about."),
)

_TESTS = (
    ("statistic", "correlation (r)",
     "Pearson's correlation between two networks (or a network and a matrix made from attributes) over every "
     "ordered pair of different people, tested by QAP (Krackhardt 1988)."),
    ("p_greater", "p-value (as large or larger)",
     "The share of random permutations that gave a value at least as large as the one observed: small means "
     "chance rarely gives so large a value."),
    ("p_less", "p-value (as small or smaller)",
     "The share of random permutations that gave a value at most as large as the one observed: small means "
     "chance rarely gives so small a value."),
    ("p_two_sided", "p-value (either direction)",
     "The share of random permutations whose value was at least as far from zero as the one observed."),
    ("expected", "expected by chance",
     "The average value over the random permutations: what chance alone would give."),
    ("sd", "spread by chance (SD)", "The standard deviation of the value over the random permutations."),
    ("minimum", "smallest by chance", "The smallest value any random permutation gave."),
    ("maximum", "largest by chance", "The largest value any random permutation gave."),
    ("permutations", "permutations",
     "How many times the test relabelled people at random to see what chance alone gives."),
    ("internal", "ties inside", "The number of ties between people of the same organisation."),
    ("external", "ties outside", "The number of ties between people of different organisations."),
    ("ei_max", "largest possible E-I",
     "The highest E-I index these group sizes and this many ties allow."),
    ("ei_min", "smallest possible E-I",
     "The lowest E-I index these group sizes and this many ties allow."),
    ("rescaled", "E-I within its possible range",
     "The E-I index placed between the lowest (-1) and highest (+1) values these group sizes and this many "
     "ties allow."),
    ("coef", "coefficient", "How much the tie value changes with one unit of the predictor, the others held "
                            "fixed (QAP regression)."),
    ("std_coef", "standardised coefficient",
     "The coefficient in standard deviations of both sides, comparable between predictors."),
    ("t", "t statistic", "The coefficient divided by its standard error."),
    ("r2", "R-squared", "The share of the variation in the ties that the predictors account for."),
    ("adj_r2", "adjusted R-squared", "R-squared corrected for the number of predictors."),
    ("p_r2", "p-value of R-squared",
     "The share of random permutations with an R-squared at least as large as the one observed."),
    ("n_obs", "pairs compared", "The number of ordered pairs of different people the regression is fitted on."),
    ("method", "permutation method",
     "How the regression test permutes: double semi-partialling (dsp) or the dependent network (y)."),
    ("community", "community", "The working group the community search put the person in (0 the largest)."),
    ("modularity", "modularity",
     "How much more the ties fall within the communities than chance would give (Newman)."),
    ("ari", "adjusted Rand index",
     "How far the communities match the organisations: 1 exactly, around 0 no better than chance (Hubert & "
     "Arabie 1985)."),
    ("nmi", "normalised mutual information",
     "How much knowing the community tells about the organisation, 0 nothing to 1 everything."),
)

_MIXED = (
    ("share_brokers", "share of brokers",
     "The share of people whose brokerage across organisations is above the network's mean: low when a few "
     "hubs span the boundaries."),
    ("share_core", "share in the core", "The share of people in the core of the core-periphery model."),
    ("ei_whole", "E-I index between organisations",
     "All ties between organisations minus all ties within them, over all ties: from -1, all within, to +1, "
     "all between (Krackhardt & Stern 1988)."),
    ("share_senior", "share senior", "The share of the people in the network who are senior."),
    ("share_middle", "share middle", "The share of the people in the network of middle seniority."),
    ("share_junior", "share junior", "The share of the people in the network who are junior."),
    ("share_citizen_facing", "share from citizen-facing directorates",
     "The share of the people in the network who work in a citizen-facing directorate."),
    ("share_councillors", "share of councillors", "The share of the people in the network who are councillors."),
    ("councillor_tie_share", "councillors' share of tie ends",
     "Of all the ends of all the ties, the share held by councillors: how much of the contact involves them."),
    ("organisations", "organisations", "The number of organisations with at least one person in the network."),
    ("org_size_cv", "size spread (coefficient of variation)",
     "How much the partner organisations differ in size: the standard deviation of their sizes over the mean "
     "size (the partnership team left out)."),
    ("org_size_ratio", "size ratio largest / smallest",
     "The size of the largest partner organisation divided by that of the smallest (the partnership team "
     "left out)."),
    ("wave_jaccard", "tie stability, first to last wave (Jaccard)",
     "Of the ties present in the first or the last wave, the share present in both, among the people in "
     "both; the RSiena manual reads .3 or more as stable, under .2 as low."),
    ("wave_persisting_share", "share of first-wave ties still present in the last",
     "Of the first wave's ties among the people in both waves, the share still present in the last wave."),
    ("wave_qap", "QAP correlation, first and last wave",
     "How alike the first and the last wave's ties are: 1 the same ties, 0 no relation (Krackhardt's QAP)."),
    ("wave_overlap", "people in both the first and the last wave",
     "The number of people present in the first and in the last wave, among whom the ties are compared."),
    ("segments", "segments",
     "Distinct coded interview segments: a segment counts once however many codes or coders applied it."),
    ("share_interviewees", "share of interviewees on the dimension",
     "The share of the interviewees with at least one coded segment on the dimension."),
    ("dimension", "dimension",
     "One of the three dimensions of the partnership-effectiveness model: network structure, governance, "
     "system stability (Cotterill 2007)."),
    ("indicator", "indicator", "What a row of the effectiveness profile counts or measures."),
    ("definition", "definition", "How the indicator is computed."),
    ("evidence", "evidence",
     "What a row of the profile is: an indicator (a number from the network or the roster), a count of coded "
     "interview segments, or a quote."),
    ("item", "item", "The indicator or theme a row of the profile is about."),
    ("shown", "value or quote",
     "The row's value as printed (a share, a count or a number), or for a quote row the quote and its "
     "speaker."),
    ("detail", "detail",
     "The indicator's definition, or how many interviewees mention the theme."),
    ("rank", "rank", "The person's place when the rows are ordered by the measure, highest first."),
    ("brokerage_role", "main brokerage role",
     "The brokerage role in which the person is the go-between most often, or none."),
    ("core_periphery", "core or periphery",
     "Whether the person is in the core or the periphery of the core-periphery model."),
    ("cross_brokerage", "brokerage across organisations",
     "How often the person links people across an organisational boundary: the consultant, gatekeeper, "
     "representative and liaison counts added up."),
    ("broker", "broker",
     "Whether the person's brokerage across organisations is above the network's mean."),
    ("core", "core", "Whether the person is in the core of the core-periphery model."),
    ("senior", "senior", "Whether the person is senior."),
    ("citizen_facing", "citizen-facing directorate",
     "Whether the person works in a citizen-facing directorate."),
    ("interviewed", "interviewed", "Whether the person has at least one coded interview segment."),
    ("split", "split", "How the interviewees are divided into two groups by network position or attribute."),
    ("group", "group",
     "A group of people: one side of a split of the interviewees, or the group (organisation) of a person."),
    ("share", "share", "The share of the group's interviewees who mention the theme."),
    ("quote", "quote", "An exemplar excerpt: the one flagged as exemplar, else the longest."),
)

_THEMES = (
    ("theme", "theme", "A theme of the codebook, to which codes belong."),
    ("code", "code", "A code of the codebook, applied to interview segments."),
    ("themes", "themes", "The themes a segment carries, in codebook order."),
    ("codes", "codes", "The codes applied to a segment, in codebook order."),
    ("excerpt", "excerpt", "The words of a coded interview segment, names replaced as consent requires."),
    ("source", "source", "The interview or document a segment comes from."),
    ("segment_id", "segment (id)", "The identifier of a coded interview segment."),
    ("coder", "coder", "Who applied the code."),
    ("share_people", "share of interviewees",
     "The share of the interviewees who mention the theme (have a segment on it)."),
    ("codings", "codings",
     "How many times a code of the theme was applied, every coder and every code counted."),
    ("depth", "depth", "How deep the code sits in the code tree: 0 for a top-level code."),
    ("path", "path", "The code's place in the tree, parent > child."),
    ("description", "description", "The codebook's description of the code."),
    ("segments_total", "segments (with sub-codes)",
     "Distinct segments coded with the code or any code below it."),
    ("people_total", "people (with sub-codes)",
     "People with a segment coded with the code or any code below it."),
    ("units", "units", "Segments entering the agreement row: each is one unit, the code applied or not."),
    ("applied", "times applied", "How many times the code was applied to these units, counting every coder."),
    ("agreement", "observed agreement", "The share of the coders' pairs of values on a unit that agree."),
    ("both", "both coders", "Units to which both coders applied the code."),
    ("first_only", "first coder only", "Units to which only the first coder applied the code."),
    ("second_only", "second coder only", "Units to which only the second coder applied the code."),
    ("neither", "neither coder", "Units that both coders coded with other codes only."),
    ("kappa", "Cohen's kappa",
     "Agreement of two coders beyond what chance would give: 1 perfect, 0 no better than chance (Cohen 1960)."),
    ("alpha", "Krippendorff's alpha",
     "Agreement of two or more coders beyond what chance would give: 1 perfect, 0 no better than chance "
     "(Krippendorff 2011)."),
)

_OPTIONS = (
    ("case", "case", "The case study reported on: its folder or bundled id."),
    ("cases", "cases", "The case studies compared."),
    ("case_dir", "case folder", "The folder (or bundled case) a report was made from."),
    ("case_dirs", "case folders", "The folders (or bundled cases) a cross-case report compares."),
    ("output_dir", "output folder", "The folder the tables and figures were written to."),
    ("other_cases", "other cases of the run",
     "Cases reported in the same run, whose people's names are hidden in this report too."),
    ("relation", "relation", "What the respondents were asked about, as named in the case's files."),
    ("directed", "directed ties",
     "Whether a tie goes from one person to another (one named the other) or simply joins two people."),
    ("scale", "scale of tie values",
     "What a tie's value records: how often (frequency, 1 yearly to 5 daily), a count, or only that the tie "
     "is there (binary)."),
    ("min_frequency", "least tie value kept",
     "Ties with a value below this are left out; every tie kept then counts as present, whatever its value."),
    ("nonrespondents", "people who did not answer",
     "How people who did not answer the questionnaire enter the network: keep (only the ties others "
     "reported), drop (left out), or reconstruct (others' ties to them mirrored)."),
    ("anonymise", "everyone by pseudonym",
     "Whether every person is shown by pseudonym, in quotes too; without it, people who did not agree to be "
     "named are still shown by pseudonym."),
    ("seed", "random seed",
     "The number that fixes the random parts (layouts, core-periphery search, permutation tests), so the same "
     "data and options give the same results."),
    ("wave", "wave", "For a case surveyed more than once, the round of the questionnaire analysed."),
    ("colour_by", "colour by", "The attribute that colours the people in a drawing."),
    ("size_by", "size by", "The measure that sizes the people in a drawing."),
    ("value", "value", "The number (or text) a row reports."),
)

_NOTES = (
    ("about", "about",
     "Who or what a workshop note is about: a person as the report shows them, a tie between two people, an "
     "organisation or the whole network."),
    ("kind", "kind", "Whether a workshop note is about a person, a tie, an organisation or the whole network."),
    ("note", "note", "What the facilitator noted on the workshop page, names replaced as consent requires."),
    ("date", "date", "When the workshop note was taken, in local time."),
    ("facilitator", "facilitator", "Who took the workshop note."),
    ("view", "view", "What the workshop page showed when the note was taken: one wave, or the change between two."),
    ("in the interview", "in the interview",
     "An exemplar quote of the people the note is about (with its speaker for a tie or an organisation), blank "
     "when none of them was interviewed."),
)


def _build() -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for family in (_WHOLE_NETWORK, _NODE_TABLE, _PEOPLE, _CHANGE, _TESTS, _MIXED, _THEMES, _OPTIONS, _NOTES):
        for code, shown, sentence in family:
            terms.setdefault(code, Term(code, shown, sentence))
    return terms


#: Every code name partnet defines: code -> :class:`Term`.
TERMS: dict[str, Term] = _build()

#: The codes whose label is not the code itself: names a page should never show bare
#: (``reciprocity_dyad``, ``n01``, ``ei``). Compare a whole header with it, not a part of one.
CODE_NAMES: frozenset[str] = frozenset(code for code, term in TERMS.items() if term.label != code)

#: Axis names whose values are the data's own (themes, codes, people, organisations, cases):
#: :func:`relabel` never changes those values.
_DATA_AXES = frozenset({
    "theme", "code", "dimension", "person", "person_id", "name", "organisation", "org_type", "role",
    "directorate", "seniority", "group", "case", "case_id", "cases", "wave", "segment_id", "community",
    "from", "to", "between", "and",
})

#: Column forms partnet builds around a data value (``"segments: leadership"``); they are shown as they are.
_FORMS = ("segments: ", "quote: ", "theme: ")


def label(code) -> str:
    """The label a page shows for ``code``; anything not in the vocabulary comes back unchanged.

    Parameters
    ----------
    code : str
        A code name (``"closeness_in"``).

    Returns
    -------
    str

    Examples
    --------
    >>> label("closeness_in"), label("org_type"), label("density")
    ('in-closeness', 'organisation type', 'density')
    >>> label("Northvale District Council")
    'Northvale District Council'
    """
    term = TERMS.get(code) if isinstance(code, str) else None
    return term.label if term is not None else code


def meaning(code) -> str:
    """The one-sentence meaning of ``code``; ``""`` for anything not in the vocabulary.

    Examples
    --------
    >>> meaning("in_degree")
    'How many people named this person as a contact.'
    >>> meaning("no_such_code")
    ''
    """
    term = TERMS.get(code) if isinstance(code, str) else None
    return term.meaning if term is not None else ""


def _partnet_axis(values) -> bool:
    """Every label a string partnet names: a code of the vocabulary or one of its column forms."""
    return all(isinstance(v, str) and (v in TERMS or v.startswith(_FORMS)) for v in values)


def _distinctive(code: str) -> bool:
    """A code no reader's data would use as a name: it holds an underscore or a digit (``in_degree``, ``n01``)."""
    return "_" in code or any(ch.isdigit() for ch in code)


def _labels(values: pd.Index, name) -> pd.Index:
    """The labels of one axis (or one level of a MultiIndex) as they are shown; ``values`` itself when none changes."""
    if isinstance(name, str) and name in _DATA_AXES:
        return values
    everything = _partnet_axis(values)
    if not any(isinstance(v, str) and v in CODE_NAMES and (everything or _distinctive(v)) for v in values.unique()):
        return values
    if everything:
        return values.map(label)
    return values.map(lambda v: label(v) if isinstance(v, str) and _distinctive(v) else v)


def _axis(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        levels = [_labels(index.get_level_values(i), name) for i, name in enumerate(index.names)]
        return pd.MultiIndex.from_arrays(levels, names=[label(n) for n in index.names])
    if isinstance(index, pd.RangeIndex):
        return index.rename(label(index.name))
    return _labels(index, index.name).rename(label(index.name))


def relabel(df):
    """A copy of a table with partnet's code names replaced by their labels; the data untouched.

    Parameters
    ----------
    df : pandas.DataFrame or pandas.Series
        A table of partnet (``metrics.whole_network(G).to_frame()``,
        ``metrics.node_table(G)``, a wave comparison, a joint display).

    Returns
    -------
    pandas.DataFrame or pandas.Series
        The same kind of table, a copy: column names, index names, index
        values and the values of each MultiIndex level that are codes of
        the vocabulary replaced by their labels. The cells are not
        touched, nor is a Series' name.

    Notes
    -----
    A table's data have their own names (case ids, themes and codes of a
    codebook, people, organisations, waves), and a codebook may well call
    a code ``hierarchy`` or ``lead_top``. So a label is changed only where
    it is partnet's:

    - an axis (or level) named after data (``theme``, ``code``,
      ``dimension``, ``person``, ``person_id``, ``organisation``, an
      attribute, ``group``, ``case``, ``wave``, ``from``/``to``, ...)
      keeps its values;
    - an axis whose every label is a code (or a column partnet builds
      around a data value, ``"segments: <theme>"``, ``"quote: <theme>"``)
      has every code relabelled;
    - in any other axis, such as case ids beside ``definition``, only the
      codes that hold an underscore or a digit (``in_degree``, ``n01``)
      are relabelled: a plain word there may be the data's.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"in_degree": [3], "closeness_in": [0.5], "org_type": ["police"]},
    ...                  index=pd.Index(["p1"], name="person_id"))
    >>> relabel(t)
                 named by (in-degree)  in-closeness organisation type
    person (id)
    p1                              3           0.5            police
    >>> row = pd.Series({"n": 12.0, "reciprocity_dyad": 0.4}, name="shire").rename("value").to_frame()
    >>> relabel(row).index.tolist()
    ['people in the network', 'reciprocity (share of pairs)']

    The data's own names stay, even a theme called like a measure:

    >>> themes = pd.DataFrame({"shire": [2, 1]}, index=pd.Index(["hierarchy", "trust"], name="theme"))
    >>> relabel(themes).index.tolist(), relabel(themes).columns.tolist()
    (['hierarchy', 'trust'], ['shire'])
    """
    out = df.copy()
    out.index = _axis(out.index)
    if isinstance(out, pd.DataFrame):
        out.columns = _axis(out.columns)
    return out


def glossary(codes=None) -> pd.DataFrame:
    """The codes, their labels and meanings as a table, to print beside a report or a workbook.

    Parameters
    ----------
    codes : iterable of str, optional
        The codes to explain, in this order, each once (e.g. a table's
        columns); names that are not codes of the vocabulary are left out.
        Default every code.

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``label`` and ``meaning``.

    Examples
    --------
    >>> g = glossary(["n", "density", "my own column"])
    >>> g[["code", "label"]]
          code                  label
    0        n  people in the network
    1  density                density
    >>> g.loc[1, "meaning"] == meaning("density")
    True
    """
    chosen = TERMS.values() if codes is None else [TERMS[c] for c in dict.fromkeys(codes) if c in TERMS]
    return pd.DataFrame([(t.code, t.label, t.meaning) for t in chosen], columns=["code", "label", "meaning"])
