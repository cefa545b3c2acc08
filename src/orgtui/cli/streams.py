"""stdout and stderr as the headless commands see them, so that output errors are the
same for every command, also for a plain `print` (PYTHONUNBUFFERED makes it fail at
the print, not at exit):

- stdout: a reader that has gone (EPIPE) silences the rest of the output, and the command
  still ends with its own status; any other write error is an OutputError, which `main()`
  turns into one line and exit 2;
- stderr: a message that cannot be written (`2>/dev/full`) is dropped, so the exit status
  still says what happened (2 for an unreadable file, not the 1 of "findings" that a
  traceback's exit would give).

The app (`orgtui open`) keeps the real streams, which Textual manages itself.
"""

from __future__ import annotations

from typing import Any

from orgtui.cli.common import OutputError, _silence


class _Wrapped:
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:  # buffer, fileno, encoding, isatty, ...
        return getattr(self._stream, name)


class ReportStream(_Wrapped):
    """stdout: EPIPE is quiet, any other write error an OutputError."""

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            _silence(self._stream)
            return len(text)
        except OSError as exc:
            _silence(self._stream)
            raise OutputError(exc.strerror or str(exc)) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _silence(self._stream)
        except OSError as exc:
            _silence(self._stream)
            raise OutputError(exc.strerror or str(exc)) from None


class DiagnosticStream(_Wrapped):
    """stderr: what cannot be written is dropped."""

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError:
            _silence(self._stream)  # what is still buffered must not fail again at exit
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            _silence(self._stream)
