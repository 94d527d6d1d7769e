"""partnet inside Jupyter: partnet's own errors shown as their message, without a traceback.

When one of partnet's checks refuses something (an option that is not
allowed, a case with problems), the exception it raises, a
:class:`~partnet.errors.PartnetError`, says everything in its message:
what was given, what is allowed, the nearest allowed value. In a notebook
IPython prints it at the end of a traceback through partnet's own code,
which the researcher does not need. :func:`short_errors` shows these
errors as one line instead, ``ParameterError: nonrespondents must be one
of keep, drop, reconstruct; 'remove' was given``, as an error output: the
cell still fails, and Jupyter, nbclient and papermill see the error's name
and message as before (``partnet report`` says what failed as it did).
Every other exception keeps its full traceback. :func:`full_tracebacks`
turns it off again; ``%tb`` shows the full traceback of the last error, and
with ``%pdb`` on a partnet error opens the debugger as any other does.

``import partnet`` calls :func:`short_errors` when it runs in a Jupyter
kernel (JupyterLab, Jupyter Notebook, papermill and nbclient runs), not in
a terminal IPython or a plain Python, and never replaces a custom exception
handler that something else registered.
"""

from __future__ import annotations

import sys

from partnet.errors import PartnetError

__all__ = ["short_errors", "full_tracebacks", "kernel_shell"]

#: The exceptions partnet's handler is registered for.
HANDLED = (PartnetError,)

#: The shell attribute that remembers the handler partnet registered, to tell it from someone else's.
_MARK = "_partnet_short_errors"


def kernel_shell():
    """The IPython shell of the Jupyter kernel this code runs in, or None.

    A kernel's shell is IPython's ``ZMQInteractiveShell`` (JupyterLab,
    Jupyter Notebook, papermill, nbclient); a terminal IPython or a plain
    Python interpreter gives None. Only modules already imported are looked
    at, so outside Jupyter this never imports IPython (``import partnet``
    stays quick).

    Returns
    -------
    IPython.core.interactiveshell.InteractiveShell or None
        The running kernel's shell.

    Examples
    --------
    A doctest runs in a plain interpreter, not in a kernel:

    >>> kernel_shell() is None
    True
    """
    ipython = sys.modules.get("IPython")
    zmqshell = sys.modules.get("ipykernel.zmqshell")
    if ipython is None or zmqshell is None:
        return None
    shell = ipython.get_ipython()
    return shell if isinstance(shell, zmqshell.ZMQInteractiveShell) else None


def _current(shell):
    if shell is not None:
        return shell
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def _ours(shell) -> bool:
    """Whether the shell's custom exception handler is the one :func:`short_errors` registered."""
    handler = getattr(shell, "CustomTB", None)
    return handler is not None and getattr(shell, _MARK, None) is handler


def short_errors(shell=None) -> bool:
    """Show partnet's own errors in IPython as one line, ``Name: message``, without a traceback.

    Registers a custom exception handler (IPython's
    ``InteractiveShell.set_custom_exc``) for :class:`~partnet.errors.PartnetError`
    and its subclasses: the error is shown as its class name and message,
    as Python prints the last line of a traceback, and nothing else; the
    cell still fails (an error output with the exception's name and
    message, which nbclient and papermill report as before). Every other
    exception keeps IPython's full traceback. ``import partnet`` calls this
    in a Jupyter kernel.

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell, optional
        The shell; default the running one (``IPython.get_ipython()``).

    Returns
    -------
    bool
        True when partnet's handler is in place (also when it already
        was); False when there is no IPython shell, or when another custom
        exception handler is registered: that one is left as it is.

    See Also
    --------
    full_tracebacks : undo it.

    Notes
    -----
    ``%tb`` after such an error shows its full traceback, and with ``%pdb``
    on the error is shown in full and opens the debugger, as any other
    error does.

    Examples
    --------
    In a notebook ``import partnet`` has done this already; here on an
    IPython shell made for the example:

    >>> from IPython.core.interactiveshell import InteractiveShell
    >>> shell = InteractiveShell.instance()
    >>> short_errors(shell)
    True
    >>> run = shell.run_cell("from partnet.options import check_nonrespondents\\n"
    ...                      "check_nonrespondents('remove')")
    ParameterError: nonrespondents must be one of keep, drop, reconstruct; 'remove' was given
    >>> type(run.error_in_exec).__name__         # the cell failed as before
    'ParameterError'
    >>> full_tracebacks(shell)
    True
    """
    shell = _current(shell)
    if shell is None:
        return False
    if _ours(shell):
        return True
    if getattr(shell, "custom_exceptions", ()):
        return False            # someone else's handler: leave it
    shell.set_custom_exc(HANDLED, _show_message)
    setattr(shell, _MARK, shell.CustomTB)
    return True


def full_tracebacks(shell=None) -> bool:
    """Show partnet's errors with IPython's full traceback again (undo :func:`short_errors`).

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell, optional
        The shell; default the running one (``IPython.get_ipython()``).

    Returns
    -------
    bool
        True when partnet's handler was removed; False when there was none
        (no shell, no handler, or another one, which is left as it is).

    Examples
    --------
    >>> from IPython.core.interactiveshell import InteractiveShell
    >>> from IPython.utils.capture import capture_output
    >>> shell = InteractiveShell.instance()
    >>> short_errors(shell), full_tracebacks(shell), full_tracebacks(shell)
    (True, True, False)
    >>> with capture_output() as shown:
    ...     _ = shell.run_cell("import partnet.options\\npartnet.options.check_nonrespondents('remove')")
    >>> "Traceback (most recent call last)" in shown.stdout
    True
    """
    shell = _current(shell)
    if shell is None or not _ours(shell):
        return False
    shell.set_custom_exc((), None)
    setattr(shell, _MARK, None)
    return True


def _line(value: BaseException) -> str:
    """The exception as the last line of a traceback, with the class's own name (and any notes).

    Examples
    --------
    >>> from partnet.errors import ParameterError
    >>> _line(ParameterError("seed must be a whole number 0 or more"))
    'ParameterError: seed must be a whole number 0 or more'
    >>> err = PartnetError()
    >>> err.add_note("a note")
    >>> print(_line(err))
    PartnetError
    a note
    """
    text = str(value)
    lines = [f"{type(value).__name__}: {text}" if text else type(value).__name__]
    lines += [note for note in getattr(value, "__notes__", ()) if isinstance(note, str)]
    return "\n".join(lines)


def _show_message(shell, etype, value, tb, tb_offset=None):
    """The handler IPython calls for a PartnetError (as a method of the shell)."""
    if getattr(shell, "call_pdb", False):       # %pdb on: the full traceback and the debugger
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    # what %tb and %debug read, as IPython's own showtraceback leaves it
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
    if sys.version_info >= (3, 12):  # pragma: no cover - partnet runs on 3.11
        sys.last_exc = value
    structured = [_line(value)]
    show = getattr(shell, "_showtraceback", None)   # IPython's place for a subclass to send an error out
    if show is None:  # pragma: no cover - every IPython 8 and 9 shell has it
        print(structured[0], file=sys.stderr)
    else:
        show(etype, value, structured)
    return None
