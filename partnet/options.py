"""The analysis options every front end shares, each defined and checked once.

``Case.graph``, the report classes, ``partnet.report.run``, the command
line and ``case.yaml`` (:func:`partnet.validate.check_meta`) all take these
options; each has one allowed set here and one checker, which returns the
value or raises :class:`~partnet.errors.ParameterError` with the message
form of :func:`partnet.errors.check_choice` ("what was expected; what was
given").

================  =============================================  ========================
option            allowed                                        checker
================  =============================================  ========================
min_frequency     1 (yearly) to 5 (daily); count: 1 or more      :func:`check_min_frequency`
nonrespondents    keep, drop, reconstruct                        :func:`check_nonrespondents`
seed              a whole number 0 or more                       :func:`check_seed`
anonymise         True or False                                  :func:`check_anonymise`
================  =============================================  ========================

Whole numbers are Python or numpy integers, returned as ``int``: ``True``
(a ``bool`` is an ``int`` to Python) and ``3.0`` are refused, as
``case.yaml`` would refuse them.
"""

from __future__ import annotations

import numbers

import numpy as np

from partnet import schema
from partnet.errors import ParameterError, check_choice

__all__ = [
    "MIN_FREQUENCIES",
    "NONRESPONDENTS",
    "check_min_frequency",
    "check_nonrespondents",
    "check_seed",
    "check_bool",
    "check_anonymise",
]

#: Allowed ``min_frequency`` values: the contact frequencies of ``ties.csv``
#: (1 yearly .. 5 daily, :data:`partnet.schema.FREQUENCY_LABELS`).
MIN_FREQUENCIES = tuple(schema.FREQUENCY_LABELS)

#: Allowed ``nonrespondents`` treatments (:data:`partnet.schema.NONRESPONDENT_OPTIONS`).
NONRESPONDENTS = schema.NONRESPONDENT_OPTIONS


def _whole(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def check_min_frequency(value, scale: str = "frequency") -> int:
    """Return ``value`` when it is an allowed ``min_frequency`` for a relation's scale.

    ``min_frequency`` keeps the ties whose value is at least this; on the
    frequency scale (the default) it is a contact frequency, 1 (yearly)
    to 5 (daily); on a count scale any whole number 1 or more (0 would
    make every absent tie a tie); on a binary scale only 1.

    Parameters
    ----------
    value : object
        What was given.
    scale : {"frequency", "binary", "count"}, default "frequency"
        The scale of the relation (:data:`partnet.schema.SCALES`).

    Returns
    -------
    int
        ``value`` as an ``int``.

    Raises
    ------
    ParameterError
        Not a whole number in the scale's range (a bool or a float is refused).

    Examples
    --------
    >>> check_min_frequency(3)
    3
    >>> check_min_frequency(6)
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: min_frequency must be a whole number from 1 to 5; 6 was given
    >>> check_min_frequency(40, scale="count")
    40
    >>> check_min_frequency(2, scale="binary")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: min_frequency must be 1 for a binary relation; 2 was given
    """
    check_choice(scale, schema.SCALES, "scale")
    if scale == "count":
        if not (_whole(value) and value >= 1):
            raise ParameterError(f"min_frequency must be a whole number 1 or more for a count relation; "
                                 f"{value!r} was given")
    elif scale == "binary":
        if not (_whole(value) and value == 1):
            raise ParameterError(f"min_frequency must be 1 for a binary relation; {value!r} was given")
    elif not (_whole(value) and value in MIN_FREQUENCIES):
        raise ParameterError(f"min_frequency must be a whole number from {MIN_FREQUENCIES[0]} to "
                             f"{MIN_FREQUENCIES[-1]}; {value!r} was given")
    return int(value)


def check_nonrespondents(value) -> str:
    """Return ``value`` when it is a treatment of non-respondents (keep, drop, reconstruct).

    Parameters
    ----------
    value : object
        What was given.

    Returns
    -------
    str
        ``value`` unchanged.

    Raises
    ------
    ParameterError
        Not one of :data:`NONRESPONDENTS`; the nearest is named.

    Examples
    --------
    >>> check_nonrespondents("drop")
    'drop'
    >>> check_nonrespondents("dorp")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: nonrespondents must be one of keep, drop, reconstruct; 'dorp' was given;
    did you mean 'drop'?
    """
    return check_choice(value, NONRESPONDENTS, "nonrespondents")


def check_seed(value) -> int:
    """Return ``value`` when it is an allowed random seed (a whole number 0 or more).

    Parameters
    ----------
    value : object
        What was given.

    Returns
    -------
    int
        ``value`` as an ``int``.

    Raises
    ------
    ParameterError
        Not a whole number, or negative (a bool is refused).

    Examples
    --------
    >>> check_seed(0)
    0
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: seed must be a whole number 0 or more; -1 was given
    """
    if not (_whole(value) and value >= 0):
        raise ParameterError(f"seed must be a whole number 0 or more; {value!r} was given")
    return int(value)


def check_bool(value, name: str) -> bool:
    """Return ``value`` when it is True or False; a switch given as text or a number is refused.

    Parameters
    ----------
    value : object
        What was given.
    name : str
        The option's name, for the message.

    Returns
    -------
    bool
        ``value`` unchanged.

    Raises
    ------
    ParameterError
        ``value`` is not a bool (``"yes"``, ``1`` and ``None`` are refused).

    Examples
    --------
    >>> check_bool(True, "overwrite")
    True
    >>> check_bool("yes", "overwrite")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: overwrite must be True or False; 'yes' was given
    """
    if not isinstance(value, bool):
        raise ParameterError(f"{name} must be True or False; {value!r} was given")
    return value


def check_anonymise(value) -> bool:
    """Return ``value`` when it is an allowed ``anonymise`` (True or False).

    Parameters
    ----------
    value : object
        What was given.

    Returns
    -------
    bool
        ``value`` unchanged.

    Raises
    ------
    ParameterError
        ``value`` is not a bool.

    See Also
    --------
    check_bool : the same check for any switch.

    Examples
    --------
    >>> check_anonymise(False)
    False
    >>> check_anonymise("no")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: anonymise must be True or False; 'no' was given
    """
    return check_bool(value, "anonymise")
