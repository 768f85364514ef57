"""What requirements.lock pins: ``{distribution: version}``, names in their canonical form."""

import re
from pathlib import Path

LOCK = Path(__file__).resolve().parents[1] / "requirements.lock"


def canonical(name):
    """A distribution's name as the lock and pip compare them: lowercase, runs of -_. as one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(lock=LOCK):
    """``{distribution: version}`` of every package pinned in the lock."""
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", Path(lock).read_text(), re.MULTILINE)
    return {canonical(name): version for name, version in pins}
