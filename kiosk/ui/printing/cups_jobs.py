"""Print jobs on the local CUPS server, followed until they have really printed.

Qt's own printing hands the page to CUPS and forgets it, so a stopped queue, a queue that
rejects jobs or a dead device all looked like success to the visitor. Here the page goes
to CUPS as a PDF streamed from memory (no file of the page is written by the kiosk), the
job's id is kept, and its state is asked for until it is completed, has failed, or the time
allowed runs out; a job that will not complete is cancelled and purged, so nothing of the
page stays in the spool.

This talks to CUPS through libcups (pycups), which honours CUPS_SERVER and the user's
client.conf, like every other CUPS program. Without pycups (Windows), `CupsJobs.open()`
returns None and printing goes through Qt as before. pycups itself is imported only when
a job first needs CUPS: it loads libcups and its TLS libraries (about 4 MiB resident),
which a kiosk that never prints would otherwise carry from the first print preview on.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# IPP job-state values (RFC 8011, 5.3.7).
_PENDING, _HELD, _PROCESSING, _STOPPED, _CANCELED, _ABORTED, _COMPLETED = range(3, 10)
# IPP printer-state "stopped".
_PRINTER_STOPPED = 5
_NOT_FOUND = 0x0406

#: What `CupsJobs.check` reports.
COMPLETED, WAITING, FAILED = "completed", "waiting", "failed"


@dataclass(frozen=True)
class JobCheck:
    state: str  # COMPLETED, WAITING or FAILED
    #: Why it failed or waits, for the log (never what was printed).
    why: str = ""


class CupsError(OSError):
    """CUPS refused or could not be reached; the message is one line for the log."""


class CupsJobs:
    """Submit a PDF to a CUPS queue and follow the job (one short IPP call at a time)."""

    def __init__(self, cups_module: Any = None) -> None:
        """`cups_module`: pycups or a stand-in (tests); None imports pycups when needed."""
        self._module = cups_module

    @classmethod
    def open(cls) -> CupsJobs | None:
        """CupsJobs when pycups is there, else None (printing then goes through Qt)."""
        if importlib.util.find_spec("cups") is None:  # there is no pycups on Windows
            return None
        return cls()

    @property
    def _cups(self) -> Any:
        if self._module is None:
            try:
                import cups
            except ImportError as exc:  # installed but broken (no libcups, say)
                raise CupsError(f"the print system cannot be used ({exc})") from None
            self._module = cups
        return self._module

    def _connection(self) -> Any:
        try:
            return self._cups.Connection()
        except RuntimeError as exc:  # pycups' "failed to connect to server"
            raise CupsError(f"the print system is not running ({exc})") from None

    def queue_problem(self, queue: str) -> str:
        """Why `queue` cannot take a job now ("" when it can): missing, stopped, rejecting."""
        try:
            attrs = self._connection().getPrinterAttributes(
                queue, requested_attributes=["printer-state", "printer-is-accepting-jobs"])
        except CupsError as exc:
            return str(exc)
        except self._cups.IPPError as exc:
            return f"queue {queue!r} not usable: {_ipp_text(exc)}"
        if int(attrs.get("printer-state", 0)) == _PRINTER_STOPPED:
            return f"queue {queue!r} is stopped"
        if not attrs.get("printer-is-accepting-jobs", True):
            return f"queue {queue!r} is rejecting jobs"
        return ""

    def submit(self, queue: str, title: str, pdf: bytes, options: dict[str, str]) -> int:
        """Send the PDF as one job; its job id. Raises CupsError with a one-line reason."""
        conn = self._connection()
        job_id = 0
        try:
            job_id = int(conn.createJob(queue, title, options))
            conn.startDocument(queue, job_id, title, "application/pdf", 1)
            conn.writeRequestData(pdf, len(pdf))
            status = int(conn.finishDocument(queue))
        except self._cups.IPPError as exc:
            if job_id:
                self.cancel(job_id)
            raise CupsError(f"queue {queue!r} refused the job: {_ipp_text(exc)}") from None
        if status != 0:  # IPP successful-ok is 0
            self.cancel(job_id)
            raise CupsError(f"queue {queue!r} did not take the page (status {status:#x})")
        return job_id

    def check(self, queue: str, job_id: int) -> JobCheck:
        """Where job `job_id` is now. FAILED means it will not print and is gone from CUPS."""
        try:
            attrs = self._connection().getJobAttributes(
                job_id, requested_attributes=["job-state", "job-state-reasons"])
        except CupsError as exc:
            return JobCheck(FAILED, str(exc))
        except self._cups.IPPError as exc:
            # The queue was deleted (its jobs with it), or the job was purged by hand.
            return JobCheck(FAILED, f"job {job_id} vanished: {_ipp_text(exc)}")
        state = int(attrs.get("job-state", 0))
        reasons = attrs.get("job-state-reasons", "")
        if state == _COMPLETED:
            return JobCheck(COMPLETED)
        if state in (_CANCELED, _ABORTED, _STOPPED):
            self.cancel(job_id)
            return JobCheck(FAILED, f"job {job_id} ended in state {state} ({reasons})")
        problem = self.queue_problem(queue)
        if problem:  # a job on a stopped queue would wait there, page and all
            self.cancel(job_id)
            return JobCheck(FAILED, problem)
        return JobCheck(WAITING, f"job {job_id} in state {state} ({reasons})")

    def cancel(self, job_id: int) -> None:
        """Cancel the job and purge its files; quietly, as it may already be gone."""
        try:
            self._connection().cancelJob(job_id, purge_job=True)
        except CupsError as exc:
            log.warning("print job %d not cancelled: %s", job_id, exc)
        except self._cups.IPPError as exc:
            if _ipp_status(exc) != _NOT_FOUND:
                log.warning("print job %d not cancelled: %s", job_id, _ipp_text(exc))


def _ipp_status(exc: BaseException) -> int:
    args = tuple(exc.args)
    return int(args[0]) if args and isinstance(args[0], int) else 0


def _ipp_text(exc: BaseException) -> str:
    args = tuple(exc.args)
    return str(args[1]) if len(args) > 1 else str(exc)
