"""What the side-by-side benchmarks share: building and running `sitrep eval STAGE`, the machine
description that goes into every result file, and the plain-text table.

Standard library only, so that it imports in any of the benchmarks' virtualenvs.
"""

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
SITREP_BINARY = REPO_DIR / 'target' / 'release' / 'sitrep'


# --- sitrep -------------------------------------------------------------------------------------


# One thread for the maths libraries under spaCy (numpy's OpenBLAS, MKL or OpenMP, blis), set in
# the benchmark's environment before anything imports numpy. OPENBLAS_CORETYPE is left as the
# machine sets it (bench/README.md).
THREAD_VARIABLES = ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'BLIS_NUM_THREADS')


def limit_maths_threads():
    """Sets every THREAD_VARIABLES to 1; call it before numpy (or spaCy) is imported."""
    for variable in THREAD_VARIABLES:
        os.environ[variable] = '1'


def newest_source_mtime():
    paths = [REPO_DIR / 'Cargo.toml', REPO_DIR / 'Cargo.lock']
    for crate in (REPO_DIR / 'crates').iterdir():
        paths.append(crate / 'Cargo.toml')
        paths.extend((crate / 'src').rglob('*'))
    return max(path.stat().st_mtime for path in paths if path.is_file())


def ensure_sitrep_binary(no_build):
    """None when target/release/sitrep is ready, else why not."""
    if no_build:
        return None if SITREP_BINARY.exists() else 'no target/release/sitrep, and --no-build was given'
    if SITREP_BINARY.exists() and SITREP_BINARY.stat().st_mtime >= newest_source_mtime():
        return None
    if shutil.which('cargo') is None:
        return 'target/release/sitrep is missing or stale, and there is no cargo to build it'
    print('bench: building target/release/sitrep (cargo build --release -p sitrep-cli)', file=sys.stderr)
    build = subprocess.run(['cargo', 'build', '--release', '-p', 'sitrep-cli'], cwd=REPO_DIR)
    if build.returncode != 0 or not SITREP_BINARY.exists():
        return f'cargo build --release -p sitrep-cli failed (exit {build.returncode})'
    return None


def prepare_sitrep(binary_arg, no_build):
    """The sitrep binary to run and why it cannot run (None when it can): `binary_arg` (the
    scripts' --sitrep) as it is, else target/release/sitrep, built first when missing or older
    than the sources. Called before any tool is timed, so that a build does not load the machine
    while another tool runs."""
    if binary_arg is not None:
        binary = binary_arg.resolve()
        return binary, None if binary.exists() else f'no sitrep binary at {binary_arg}'
    return SITREP_BINARY, ensure_sitrep_binary(no_build)


def run_sitrep_eval(binary, stage, data_path, out_path, n_repeats, options=()):
    """Runs `RAYON_NUM_THREADS=1 sitrep eval STAGE DATA --format json --predictions OUT [OPTIONS]`
    `n_repeats` times. Returns (version, the JSON report of each pass, None), or (version, [], why
    it did not run)."""
    version = subprocess.run([str(binary), '--version'], capture_output=True, text=True).stdout.strip()
    command = [str(binary), 'eval', stage, str(data_path), '--format', 'json', '--predictions', str(out_path), *options]
    out_path.unlink(missing_ok=True)  # a file left by an earlier --keep run must not pass for output
    reports = []
    for _ in range(n_repeats):
        run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, 'RAYON_NUM_THREADS': '1'})
        if run.returncode != 0 or not out_path.exists():
            stderr = run.stderr.strip()
            if 'unrecognized subcommand' in stderr or 'unexpected argument' in stderr:
                reason = f'`sitrep eval {stage}` is not in this build of sitrep yet'
            else:
                reason = f'`sitrep eval {stage}` exited with {run.returncode}: {failure_message(stderr)}'
            return version, [], reason
        # The last line of stdout is the JSON object (no progress output goes to stdout).
        reports.append(json.loads(run.stdout.strip().splitlines()[-1]))
    return version, reports, None


def failure_message(stderr):
    """The line of a failed run's stderr that says why: a panic's location and message (a
    backtrace may follow them), else the last line."""
    lines = stderr.strip().splitlines()
    for at, line in enumerate(lines):
        if ' panicked at ' in line:
            return ' '.join(part.strip() for part in lines[at:at + 2])
    return lines[-1] if lines else 'no message'


def git_describe():
    def git(*args):
        return subprocess.run(['git', *args], cwd=REPO_DIR, capture_output=True, text=True).stdout.strip()
    commit = git('rev-parse', '--short', 'HEAD')
    dirty = bool(git('status', '--porcelain', '--untracked-files=no', '--', 'crates', 'Cargo.toml', 'Cargo.lock'))
    return commit + ('-dirty' if dirty else '') if commit else None


# --- output -------------------------------------------------------------------------------------

def render_table(header, rows, n_left):
    """`rows` under `header`, the first `n_left` columns left-aligned and the others right-aligned.
    A row of another length is a tool that did not run, [tool, '-', reason], shown as its name and
    the reason."""
    full_rows = [row for row in rows if len(row) == len(header)]
    widths = [max(len(str(row[col])) for row in [header, *full_rows]) for col in range(len(header))]
    lines = []
    for row in [header, *rows]:
        if len(row) != len(header):
            lines.append(f'{row[0]:<{widths[0]}}  {row[2]}')
            continue
        cells = [f'{cell:<{width}}' if col < n_left else f'{cell:>{width}}' for col, (cell, width) in enumerate(zip(row, widths))]
        lines.append('  '.join(cells).rstrip())
        if row is header:
            lines.append('  '.join('-' * width for width in widths))
    return '\n'.join(lines)


def machine_info():
    cpu = None
    try:
        for line in Path('/proc/cpuinfo').read_text().splitlines():
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    except OSError:
        pass
    return {'cpu': cpu, 'n_cpus': os.cpu_count(), 'platform': platform.platform(), 'python': platform.python_version()}


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as data:
        for block in iter(lambda: data.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()


def package_version(name):
    import importlib.metadata
    return importlib.metadata.version(name)
