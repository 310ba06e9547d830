"""A problem found in a record, as the maintainer will read it."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from samverkan.validate.text import visible


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as given to the user: relative to the repository when possible
    line: int
    column: int
    message: str  # Swedish: what is wrong, and what to do

    def __str__(self) -> str:
        """One line for a terminal: control and invisible characters shown as escapes (\\x1b, \\n)."""
        return f"{visible(self.path)}:{self.line}:{self.column}: {visible(self.message)}"

    def github_annotation(self) -> str:
        """The workflow-command form GitHub turns into an annotation on the file.

        Escaped as GitHub's toolkit (@actions/core, command.ts) escapes: the message with
        % CR LF, each property also with : and , so that a file name cannot end the
        property or the command. The message also shows the other control characters as
        escapes (the log would run an ESC sequence); the file name must stay the real name.
        """
        props = ",".join(f"{k}={escape_property(str(v))}" for k, v in
                         (("file", self.path), ("line", self.line), ("col", self.column)))
        message = escape_data(visible(self.message, keep="\r\n"))
        return f"::error {props}::{message}"


def escape_data(text: str) -> str:
    """@actions/core escapeData: % CR LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """@actions/core escapeProperty: % CR LF : ,"""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: Path, root: Path | None) -> str:
    path = Path(path)
    if root is not None:
        try:
            # abspath, not resolve(): a symbolic link is named as itself, not as what it points at
            return Path(os.path.abspath(path)).relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
