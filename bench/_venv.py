"""The benchmarks' virtualenvs: each benchmark script keeps its pinned peers in a virtualenv of its
own, creates it on the first run, reinstalls it when its requirement files change, and re-runs
itself inside it, so that `python3 bench/SCRIPT.py` works from any Python 3.9+.

Standard library only: this module runs before the virtualenv exists.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

# Written into a virtualenv once its packages are installed: a hash of the requirement files, and
# why the optional ones did not install (if they did not).
STAMP_NAME = '.bench-requirements'
OPTIONAL_FAILURE_NAME = '.bench-optional-failed'


def enter(venv_dir, requirements, optional=None, reinstall=False):
    """Returns when this process runs inside `venv_dir`. Otherwise creates or updates the
    virtualenv and re-runs the calling script in it with the same arguments (never returning).

    `optional` is a requirement file whose failure to install is recorded, not fatal: see
    `optional_failure`."""
    if running_in(venv_dir):
        return
    ensure(venv_dir, requirements, optional, reinstall)
    python = venv_dir / 'bin' / 'python'
    os.execv(python, [str(python), str(Path(sys.argv[0]).resolve()), *sys.argv[1:]])


def running_in(venv_dir):
    return Path(sys.prefix).resolve() == venv_dir.resolve()


def optional_failure(venv_dir):
    """Why the optional requirements did not install into `venv_dir`, or None when they did."""
    path = venv_dir / OPTIONAL_FAILURE_NAME
    return path.read_text() if path.exists() else None


def requirements_hash(paths):
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure(venv_dir, requirements, optional=None, reinstall=False):
    """Creates `venv_dir` and installs the pinned packages, unless that was already done for the
    current requirement files."""
    python = venv_dir / 'bin' / 'python'
    if not python.exists():
        print(f'bench: creating {venv_dir}', file=sys.stderr)
        subprocess.run([sys.executable, '-m', 'venv', str(venv_dir)], check=True)
    stamp = venv_dir / STAMP_NAME
    want = requirements_hash([requirements] + ([optional] if optional else []))
    if not reinstall and stamp.exists() and stamp.read_text() == want:
        return
    pip = [str(python), '-m', 'pip', 'install', '--disable-pip-version-check', '--quiet']
    # The pip that `venv` bundles is as old as the Python: 23.2.1 (CPython 3.11.7) crashes resolving
    # requirements.txt ("Candidate is not for this requirement lxml[html-clean,html-clean]"). The
    # newest pip for this Python resolves it; the packages themselves stay pinned.
    subprocess.run([*pip, '--upgrade', 'pip'], check=True)
    print(f'bench: installing {requirements.name} into {venv_dir}', file=sys.stderr)
    subprocess.run([*pip, '-r', str(requirements)], check=True)
    if optional is not None:
        print(f'bench: installing {optional.name} (may fail on this platform)', file=sys.stderr)
        failure = venv_dir / OPTIONAL_FAILURE_NAME
        result = subprocess.run([*pip, '-r', str(optional)], capture_output=True, text=True)
        if result.returncode == 0:
            failure.unlink(missing_ok=True)
        else:
            reason = (result.stderr.strip().splitlines() or ['pip failed'])[-1]
            failure.write_text(reason)
            print(f'bench: optional peers did not install: {reason}', file=sys.stderr)
    stamp.write_text(want)
