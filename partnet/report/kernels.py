"""Notebook kernels forked from a warm template: each notebook still gets a fresh kernel of its own.

Starting a Python kernel and importing partnet's stack (pandas, numpy,
matplotlib, networkx, seaborn, nbconvert) takes about two seconds of CPU,
the same for every notebook of a ``partnet report`` run. Here a *template*
process imports the stack once (``multiprocessing``'s fork server with
:data:`PRELOAD`), and every notebook's kernel is a new process forked from
it: it starts with the modules already imported and nothing else, runs
the one notebook, and exits.

What a case can reach of another: nothing. The template never runs a
notebook; each kernel is its own process, forked from the template's
unchanged state (copy-on-write), with its own working folder, environment
and sockets, so a cell's global variables, changed module state, open
files, a crash or a ``os._exit`` end with that kernel
(``tests/test_kernels.py`` proves it). The template also cannot leak a
random state: Python's ``random`` is reseeded in each fork, and partnet
seeds every layout and permutation itself.

:class:`ForkedKernelManager` is a ``jupyter_client`` kernel manager that
starts the kernel this way when the kernel spec is the ``python3`` kernel
of this very Python (the usual case inside partnet's ``.venv``), and
starts it the ordinary way otherwise (another interpreter, a system
without ``fork``).
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

__all__ = ["PRELOAD", "TEMPLATE_ENVIRONMENT", "NAMES_VARIABLE", "ForkedKernelManager", "forkable", "kernel_main",
           "prepare"]

#: The modules the template imports once (:mod:`partnet.report._warm` imports the stack).
PRELOAD = ("partnet.report._warm",)

_CONTEXT = None


#: The template's environment where this process's own does not say otherwise. The backend is the one
#: ipykernel names for a kernel (matplotlib reads it when first imported, in the template), so a forked
#: kernel draws and shows figures as a new one. Linear algebra runs on one thread: ``partnet report``
#: runs one kernel per core already, and OpenBLAS threads that wait for a busy core made small
#: eigenvalue problems (eigenvector centrality) two to four times slower in a batch.
TEMPLATE_ENVIRONMENT = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", "OPENBLAS_NUM_THREADS": "1",
                        "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _context():
    """The fork-server context whose server has imported :data:`PRELOAD` (started on first use).

    The server starts with :data:`TEMPLATE_ENVIRONMENT` added to this
    process's environment (a variable already set is kept); this process's
    own environment is put back as it was.
    """
    global _CONTEXT
    if _CONTEXT is None:
        import multiprocessing
        from multiprocessing import forkserver

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(PRELOAD))
        environment = dict(TEMPLATE_ENVIRONMENT)
        if _NAMES:
            environment[NAMES_VARIABLE] = _names_file(_NAMES)
        added = [k for k in environment if k not in os.environ]
        try:
            os.environ.update({k: environment[k] for k in added})
            forkserver.ensure_running()
        finally:
            for k in added:
                os.environ.pop(k, None)
        _CONTEXT = context
    return _CONTEXT


#: The variable that tells the template where the run's roster names are (:func:`prepare`).
NAMES_VARIABLE = "PARTNET_TEMPLATE_NAMES"
_NAMES: dict = {}


def prepare(names, rosters=None) -> bool:
    """Give the template the run's roster names before its first kernel (``partnet report``'s workers do).

    The template then computes every name's forms and the regex that
    finds them (:func:`partnet.pseudonyms.prepare_names`) once, and each
    kernel forked from it finds them ready: a case of a run hides the
    names of every other case of the run, and building that regex took
    about a second per case in a run of 80 cases. With ``rosters`` it
    also keeps the run's rosters as one shared index
    (:func:`partnet.report.outputs.prepare_rosters`), from which each
    kernel hides the other cases' people at the cost of its own roster.

    Parameters
    ----------
    names : iterable of str
        Every name on the rosters of the run.
    rosters : list of (str, list of str, list of bool), optional
        Each case folder of the run with the names on its roster and
        whether each agreed to be named (:func:`partnet.case.roster`).

    Returns
    -------
    bool
        True when the names will reach the template; False when the
        template is already running (it keeps what it has; a kernel then
        builds what it needs itself, as a kernel started the ordinary way
        does).

    Notes
    -----
    The names go to the template in a file only this user can read, in
    the system's temporary folder; the template deletes it once read
    (and this process when it ends, if the template never started).

    Examples
    --------
    >>> import partnet.report.kernels as kernels
    >>> kernels.prepare(["Ada Quintrell"]) in (True, False)
    True
    """
    global _NAMES
    if _CONTEXT is not None:
        return False
    _NAMES = {"names": [n for n in names if isinstance(n, str)],
              "rosters": [[str(p), list(n), [bool(c) for c in consent]] for p, n, consent in rosters or ()]}
    return True


def _names_file(names: dict) -> str:
    import atexit
    import json
    import tempfile

    handle, path = tempfile.mkstemp(prefix="partnet-names-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as f:
        json.dump(names, f, ensure_ascii=False)
    atexit.register(lambda: os.path.exists(path) and os.unlink(path))
    return path


def _start(target, args):
    """Start ``target(*args)`` in a process forked from the template; returns the ``multiprocessing`` process."""
    _context()
    process = _KernelProcess(target=target, args=args, name="partnet-kernel", daemon=False)
    process.start()
    return process


if sys.platform != "win32":
    import io
    from multiprocessing import context as _mp_context
    from multiprocessing import forkserver as _mp_forkserver
    from multiprocessing import popen_forkserver as _mp_popen
    from multiprocessing import reduction as _mp_reduction
    from multiprocessing import spawn as _mp_spawn
    from multiprocessing import util as _mp_util

    class _Popen(_mp_popen.Popen):
        """The fork server's ``Popen`` without running the parent's main script again in the child.

        ``multiprocessing`` runs the parent's ``__main__`` again in each
        child (a spawned process needs it to find its target); a kernel
        needs only :func:`kernel_main`, so a kernel never runs the main
        module of whatever started it. Otherwise this is
        ``popen_forkserver.Popen._launch`` as it is.
        """

        def _launch(self, process_obj):
            prep_data = _mp_spawn.get_preparation_data(process_obj._name)
            prep_data.pop("init_main_from_name", None)
            prep_data.pop("init_main_from_path", None)
            buf = io.BytesIO()
            _mp_context.set_spawning_popen(self)
            try:
                _mp_reduction.dump(prep_data, buf)
                _mp_reduction.dump(process_obj, buf)
            finally:
                _mp_context.set_spawning_popen(None)
            self.sentinel, w = _mp_forkserver.connect_to_new_process(self._fds)
            parent_w = os.dup(w)
            self.finalizer = _mp_util.Finalize(self, _mp_util.close_fds, (parent_w, self.sentinel))
            with open(w, "wb", closefd=True) as f:
                f.write(buf.getbuffer())
            self.pid = _mp_forkserver.read_signed(self.sentinel)

    class _KernelProcess(_mp_context.ForkServerProcess):
        @staticmethod
        def _Popen(process_obj):
            return _Popen(process_obj)


#: Interpreter options a kernel spec may give that change nothing for a forked kernel (ipykernel's own
#: spec asks for ``-Xfrozen_modules=off``, which only matters to a debugger attaching at start-up).
_HARMLESS_FLAGS = ("-Xfrozen_modules=off",)


def forkable(argv: list[str]) -> list[str] | None:
    """The kernel's own arguments when ``argv`` starts an ipykernel on this Python, else None.

    Parameters
    ----------
    argv : list of str
        The kernel command, as ``jupyter_client`` formats it from the
        kernel spec.

    Returns
    -------
    list of str or None
        The arguments after ``-m ipykernel_launcher`` (``-f`` and the
        connection file, then any extra ones), or None when the command
        runs another program, another interpreter (another environment's
        Python too), asks the interpreter for an option other than
        ``-Xfrozen_modules=off``, or the system cannot fork.

    Examples
    --------
    >>> import sys
    >>> forkable([sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "k.json"])
    ['-f', 'k.json']
    >>> forkable([sys.executable, "-X", "importtime", "-m", "ipykernel_launcher", "-f", "k.json"]) is None
    True
    >>> forkable(["/opt/other/python", "-m", "ipykernel_launcher", "-f", "k.json"]) is None
    True
    """
    if not hasattr(os, "fork") or sys.platform == "win32" or "-m" not in argv[1:]:
        return None
    program = argv[0] if os.path.isabs(argv[0]) else shutil.which(argv[0])
    # the interpreter itself, not another environment's Python that links to the same binary
    if program is None or os.path.abspath(program) != os.path.abspath(sys.executable):
        return None
    at = argv.index("-m", 1)
    if any(flag not in _HARMLESS_FLAGS for flag in argv[1:at]) or argv[at + 1:at + 2] not in (
            ["ipykernel_launcher"], ["ipykernel"]):
        return None
    return list(argv[at + 2:])


def kernel_main(arguments: list[str], cwd: str | None, env: dict) -> None:
    """Run an IPython kernel in this (freshly forked) process until it is shut down.

    The environment becomes the one ``jupyter_client`` gives a kernel, with
    ``JPY_PARENT_PID`` the template's process id: ipykernel then ends the
    kernel when the template ends (as a kernel started the ordinary way
    ends with the process that started it).
    """
    template = os.getppid()
    _end_with(template)
    _let_the_template_end()
    os.environ.clear()
    os.environ.update(env)
    os.environ["JPY_PARENT_PID"] = str(template)
    if cwd:
        os.chdir(cwd)
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    # ipykernel read JPY_PARENT_PID when the template imported it (there was none): it watches the template now
    app.parent_handle = template
    app.initialize(arguments)
    # What ``import partnet`` does in a new kernel (the template imported partnet before there was a kernel).
    from partnet import jupyter

    if jupyter.kernel_shell() is not None:
        jupyter.short_errors(jupyter.kernel_shell())
    app.start()


def _end_with(parent: int) -> None:
    """End this process when ``parent`` ends, even by SIGKILL (Linux), as a worker ends with ``partnet report``.

    The template ends when the worker that started it ends (its pipe to
    the worker closes); ``PR_SET_PDEATHSIG`` then ends the kernel at once,
    and ipykernel's own watch of its parent ends it within a second where
    ``prctl`` is missing. If the parent already ended, so does this process.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):  # pragma: no cover - no prctl: ipykernel's watch of its parent remains
            pass
    if os.getppid() != parent:
        os._exit(1)


def _let_the_template_end() -> None:
    """Close this kernel's copy of the fork server's "alive" pipe (``multiprocessing`` gives each child one).

    The fork server ends when every holder of that pipe's write end has
    ended; ``multiprocessing`` gives each process it forks a copy, so that
    the process could start processes of its own. A kernel starts none,
    and with its copy closed the template ends with the worker that
    started it (and the kernel with the template, :func:`_end_with`).
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass
        server._forkserver_alive_fd = None


class _Forked:
    """The little of ``subprocess.Popen`` that ``LocalProvisioner`` uses, over a forked process."""

    stdin = stdout = stderr = None

    def __init__(self, process):
        self.process = process
        self.pid = process.pid

    def poll(self):
        return self.process.exitcode

    def wait(self, timeout=None):
        self.process.join(timeout)
        return self.process.exitcode

    def send_signal(self, signum: int) -> None:
        if self.process.exitcode is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.process.kill()

    def terminate(self) -> None:
        self.process.terminate()


class _ForkedProvisioner(LocalProvisioner):
    """``LocalProvisioner`` that forks the kernel from the warm template instead of starting a new Python."""

    async def launch_kernel(self, cmd, **kwargs):
        arguments = forkable(cmd)
        if arguments is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        cwd = kwargs.get("cwd")
        process = _start(kernel_main, (arguments, str(cwd) if cwd else None, env))
        self.process = _Forked(process)
        self.pid, self.pgid = process.pid, None
        self.cwd = cwd or os.getcwd()
        return self.connection_info


class ForkedKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` whose kernel is forked from the warm template (see the module's text).

    Pass it to papermill as ``kernel_manager_class``; everything else of
    the kernel's life (connection file, ports, interrupt, shutdown, kill
    on timeout) is ``jupyter_client``'s own.
    """

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
            self.provisioner = _ForkedProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)
