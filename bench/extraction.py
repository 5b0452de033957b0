#!/usr/bin/env python3
"""Side-by-side benchmark of main-content extraction: sitrep against trafilatura,
readability-lxml and resiliparse on the same gold pages, one tool at a time, single-threaded.

    python3 bench/extraction.py [--data ../shared/data/extraction/dev.jsonl.gz] [--limit N]

Run it from the repository root. It creates (or reuses) a virtualenv in bench/.venv with the
pinned peers of bench/requirements*.txt, re-runs itself inside it, then:

0. builds target/release/sitrep (`cargo build --release -p sitrep-cli`) when it is missing or
   older than the sources, before anything is timed;
1. loads the gold pages (HTML and gold fields) into memory, so that no tool's time includes I/O;
2. runs each Python peer over every page in this process, timing only the call that turns the
   page's HTML string into text and metadata (after one untimed warm-up call, which pays for
   lazy imports and caches);
3. runs `RAYON_NUM_THREADS=1 target/release/sitrep eval extraction PAGES --format json
   --predictions OUT`, whose "seconds" is the time sitrep spent extracting (its reading and
   scoring are outside that figure);
4. scores every tool's predictions with the reference scorer ../shared/scorers/extraction.py
   (per source and overall), prints one table and writes it as JSON to
   bench/results/extraction-<date>.json.

Every tool sees the same pages on the same machine, one process at a time, on one thread.
See bench/README.md.
"""

import argparse
import datetime
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _venv
from _common import (file_sha256, git_describe, machine_info, package_version, prepare_sitrep, render_table,
                     run_sitrep_eval)

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
VENV_DIR = BENCH_DIR / '.venv'
REQUIREMENTS = BENCH_DIR / 'requirements.txt'
OPTIONAL_REQUIREMENTS = BENCH_DIR / 'requirements-optional.txt'
DEFAULT_DATA = REPO_DIR.parent / 'shared' / 'data' / 'extraction' / 'dev.jsonl.gz'
SCORER = REPO_DIR.parent / 'shared' / 'scorers' / 'extraction.py'
SOURCES = ('scrapinghub', 'wcxb-article')
BASELINE = 'trafilatura'


def main():
    args = parse_args()
    _venv.enter(VENV_DIR, REQUIREMENTS, OPTIONAL_REQUIREMENTS, reinstall=args.reinstall)
    run_benchmark(args)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--data', type=Path, default=DEFAULT_DATA,
                        help='gold pages, JSON Lines (optionally gzipped) (default: %(default)s)')
    parser.add_argument('--limit', type=int, metavar='N',
                        help='only the first N pages of each source (a quick run; not for published figures)')
    parser.add_argument('--repeat', type=int, default=1, metavar='N',
                        help='time each tool N times and keep its fastest pass, which is less disturbed by other load '
                             '(default: %(default)s)')
    parser.add_argument('--tools', default='trafilatura,trafilatura-fast,readability-lxml,resiliparse,sitrep',
                        help='comma-separated tools to run (default: %(default)s); trafilatura is the speed baseline')
    parser.add_argument('--keep', type=Path, metavar='DIR',
                        help='keep the gold subset and every tool\'s predictions in DIR (default: a temporary directory)')
    parser.add_argument('--no-build', action='store_true',
                        help='use target/release/sitrep as it is, even when older than the sources')
    parser.add_argument('--sitrep', type=Path, metavar='PATH',
                        help='run this sitrep binary instead of target/release/sitrep (implies --no-build)')
    parser.add_argument('--reinstall', action='store_true',
                        help='reinstall the peers into bench/.venv (also retries an optional peer that failed)')
    return parser.parse_args()


# --- data ---------------------------------------------------------------------------------------

def open_jsonl(path):
    return gzip.open(path, 'rt', encoding='utf-8') if path.suffix == '.gz' else open(path, encoding='utf-8')


def load_pages(path, limit):
    """The gold pages in file order; with a limit, the first `limit` pages of each source."""
    pages, n_by_source = [], {}
    with open_jsonl(path) as lines:
        for line in lines:
            if not line.strip():
                continue
            page = json.loads(line)
            n_seen = n_by_source.get(page['source'], 0)
            if limit is not None and n_seen >= limit:
                continue
            n_by_source[page['source']] = n_seen + 1
            pages.append(page)
    return pages


def write_jsonl(path, rows):
    with open(path, 'w', encoding='utf-8') as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False))
            out.write('\n')


GOLD_FIELDS = ('id', 'source', 'url', 'text', 'title', 'author', 'date')


# --- the Python peers ---------------------------------------------------------------------------
# Each peer is a function from (html, url) to the scorer's prediction fields. Imports happen in
# the factories so that a missing optional peer is reported, not fatal.

def trafilatura_peer():
    import trafilatura

    def extract(html, url):
        # Default settings (precision/recall balanced, fallbacks on), metadata on, comments off:
        # the gold bodies never include reader comments.
        document = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
        if document is None:
            return {}
        return {'text': document.text, 'title': document.title, 'author': document.author, 'date': document.date}

    settings = 'bare_extraction(html, url=url, include_comments=False, with_metadata=True)'
    return extract, package_version('trafilatura'), settings


def trafilatura_fast_peer():
    import trafilatura

    def extract(html, url):
        # trafilatura's quickest mode: no fallback extractors and no metadata. Shown so that the
        # speed ratio to the default mode is not mistaken for the ratio to trafilatura at its best.
        document = trafilatura.bare_extraction(html, url=url, include_comments=False, fast=True)
        if document is None:
            return {}
        return {'text': document.text}

    settings = 'bare_extraction(html, url=url, include_comments=False, fast=True) (no metadata)'
    return extract, package_version('trafilatura'), settings


def readability_peer():
    import lxml.html
    from readability import Document

    def extract(html, url):
        document = Document(html, url=url)
        body = document.summary(html_partial=True)
        return {'text': fragment_text(lxml.html.fromstring(body)), 'title': document.short_title()}

    settings = 'Document(html, url=url).summary(html_partial=True) as text with paragraph breaks; .short_title()'
    return extract, package_version('readability-lxml'), settings


def resiliparse_peer():
    failure = _venv.optional_failure(VENV_DIR)
    if failure:
        raise ImportError(f'pip could not install it here: {failure}')
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def extract(html, url):
        tree = HTMLTree.parse(html)
        # comments=False for the same reason as trafilatura's include_comments=False.
        text = extract_plain_text(tree, main_content=True, comments=False)
        return {'text': text, 'title': tree.title}

    settings = 'extract_plain_text(HTMLTree.parse(html), main_content=True, comments=False); tree.title'
    return extract, package_version('resiliparse'), settings


PYTHON_PEERS = {'trafilatura': trafilatura_peer, 'trafilatura-fast': trafilatura_fast_peer, 'readability-lxml': readability_peer, 'resiliparse': resiliparse_peer}

# What each tool returns at all; a metadata figure for a field the tool does not offer is shown
# as "n/a" rather than as a 0 that looks like a failure.
OFFERED_FIELDS = {
    'trafilatura': {'title', 'author', 'date'},
    'trafilatura-fast': set(),
    'readability-lxml': {'title'},
    'resiliparse': {'title'},
    'sitrep': {'title', 'author', 'date'},
}

BLOCK_TAGS = frozenset('''address article aside blockquote br dd details div dl dt figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul'''.split())


def fragment_text(root):
    """The text of an lxml tree with a paragraph break around every block element, so that the
    words of adjacent paragraphs do not run together ("end.Next")."""
    import lxml.etree

    parts = []
    # iterwalk rather than recursion: readability keeps deeply nested markup.
    for event, element in lxml.etree.iterwalk(root, events=('start', 'end')):
        is_element = isinstance(element.tag, str)
        is_block = is_element and element.tag.lower() in BLOCK_TAGS
        if event == 'start':
            if is_block:
                parts.append('\n\n')
            if is_element and element.text:
                parts.append(element.text)
        else:
            if is_block:
                parts.append('\n\n')
            if element is not root and element.tail:
                parts.append(element.tail)
    paragraphs = (' '.join(chunk.split()) for chunk in ''.join(parts).split('\n\n'))
    return '\n\n'.join(paragraph for paragraph in paragraphs if paragraph)


def run_python_peer(name, pages, out_path, n_repeats):
    """Runs one peer over every page `n_repeats` times; returns its fastest pass, or why it could
    not run."""
    try:
        extract, version, settings = PYTHON_PEERS[name]()
    except ImportError as error:
        print(f'bench: {name} is not available, skipped: {error}', file=sys.stderr)
        return {'tool': name, 'available': False, 'reason': str(error)}
    print(f'bench: {name} {version} on {len(pages)} pages', file=sys.stderr)
    try:
        extract(pages[0]['html'], pages[0]['url'])  # warm-up, untimed
    except Exception:  # noqa: BLE001 - a failure here is counted again in the timed run
        pass
    passes = []
    for repeat_idx in range(n_repeats):
        predictions, n_failed, seconds = [], 0, 0.0
        perf_counter = time.perf_counter
        for page in pages:
            html, url = page['html'], page['url']
            started = perf_counter()
            try:
                fields = extract(html, url)
            except Exception:  # noqa: BLE001 - a peer's crash on a page is an empty prediction
                fields = {}
                n_failed += 1
            seconds += perf_counter() - started
            predictions.append({'id': page['id'], **{key: fields.get(key) for key in ('text', 'title', 'author', 'date')}})
        passes.append(seconds)
        if repeat_idx == 0:
            write_jsonl(out_path, predictions)
            first_n_failed = n_failed
    return {'tool': name, 'available': True, 'version': version, 'settings': settings,
            'seconds': min(passes), 'seconds_per_pass': passes, 'n_pages': len(pages), 'n_failed': first_n_failed}


# --- sitrep -------------------------------------------------------------------------------------

def run_sitrep(data_path, n_pages, out_path, binary, not_ready, n_repeats):
    if not_ready:
        print(f'bench: sitrep skipped: {not_ready}', file=sys.stderr)
        return {'tool': 'sitrep', 'available': False, 'reason': not_ready}
    print(f'bench: sitrep on {n_pages} pages', file=sys.stderr)
    version, reports, reason = run_sitrep_eval(binary, 'extraction', data_path, out_path, n_repeats)
    if reason:
        print(f'bench: sitrep skipped: {reason}', file=sys.stderr)
        return {'tool': 'sitrep', 'available': False, 'reason': reason}
    report = reports[-1]
    passes = [each['seconds'] for each in reports]
    if report.get('n_pages') != n_pages:
        raise SystemExit(f'bench: sitrep extracted {report.get("n_pages")} pages, the peers {n_pages}')
    return {'tool': 'sitrep', 'available': True, 'version': version.removeprefix('sitrep ').strip(),
            'settings': 'RAYON_NUM_THREADS=1 sitrep eval extraction DATA --format json --predictions OUT ("seconds")',
            'seconds': min(passes), 'seconds_per_pass': passes, 'n_pages': report['n_pages'], 'n_failed': None, 'git': git_describe(),
            'binary': str(binary)}


# --- scoring ------------------------------------------------------------------------------------

def score(gold_path, predictions_path, source):
    command = [sys.executable, str(SCORER), str(gold_path), str(predictions_path), '--json']
    if source is not None:
        command += ['--source', source]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def score_tool(result, gold_path, predictions_path, sources_present):
    scores = {source: score(gold_path, predictions_path, source) for source in sources_present}
    scores['all'] = score(gold_path, predictions_path, None)
    result['scores'] = scores
    result['pages_per_second'] = result['n_pages'] / result['seconds'] if result['seconds'] > 0 else None


# --- output -------------------------------------------------------------------------------------

def table_rows(results):
    baseline = next((result for result in results if result['tool'] == BASELINE and result['available']), None)
    rows = []
    for result in results:
        if not result['available']:
            rows.append([result['tool'], '-', 'not run: ' + result['reason']])
            continue
        scores = result['scores']
        wcxb = scores.get('wcxb-article')

        def f1(source):
            return f'{scores[source]["f1"]:.3f}' if source in scores else '-'

        def metadata(field):
            if field not in OFFERED_FIELDS[result['tool']]:
                return 'n/a'
            value = wcxb and wcxb.get('meta_' + field)
            return '-' if value is None else f'{value:.3f}'

        pages_per_second = result['pages_per_second']
        if baseline and baseline['pages_per_second'] and pages_per_second:
            ratio = pages_per_second / baseline['pages_per_second']
            result['speed_vs_trafilatura'] = ratio
            speed = f'{ratio:.1f}x'
        else:
            speed = '-'
        rows.append([result['tool'], result['version'], f1('scrapinghub'), f1('wcxb-article'), f1('all'),
                     metadata('title'), metadata('author'), metadata('date'),
                     f'{pages_per_second:.1f}' if pages_per_second else '-', speed])
    return rows


HEADER = ['tool', 'version', 'F1 scrapinghub', 'F1 wcxb-article', 'F1 all', 'title', 'author', 'date', 'pages/s',
          'speed vs trafilatura']


def run_benchmark(args):
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        raise SystemExit('bench: --repeat and --limit take a number of 1 or more')
    tools = [tool.strip() for tool in args.tools.split(',') if tool.strip()]
    unknown = [tool for tool in tools if tool not in PYTHON_PEERS and tool != 'sitrep']
    if unknown:
        raise SystemExit(f'bench: unknown tool {", ".join(unknown)}; choose from {", ".join([*PYTHON_PEERS, "sitrep"])}')
    data_path = args.data.resolve()
    if not data_path.exists():
        raise SystemExit(f'bench: no gold data at {args.data}; pass --data PATH (e.g. ../shared/data/extraction/dev.jsonl.gz)')
    if not SCORER.exists():
        raise SystemExit(f'bench: the reference scorer is missing: {SCORER}')

    sitrep = prepare_sitrep(args.sitrep, args.no_build) if 'sitrep' in tools else None
    work_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix='sitrep-bench-'))
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        pages = load_pages(data_path, args.limit)
        if not pages:
            raise SystemExit(f'bench: no pages in {args.data}')
        n_by_source = {source: sum(page['source'] == source for page in pages) for source in SOURCES}
        sources_present = [source for source, n in n_by_source.items() if n]
        print(f'bench: {len(pages)} pages ({", ".join(f"{n} {s}" for s, n in n_by_source.items())}) from {args.data}',
              file=sys.stderr)
        # The scorer reads the gold fields only; sitrep reads the pages themselves, so with a limit
        # it gets the same subset as a file.
        gold_path = work_dir / 'gold.jsonl'
        write_jsonl(gold_path, ({field: page.get(field) for field in GOLD_FIELDS} for page in pages))
        if args.limit is None:
            sitrep_data = data_path
        else:
            sitrep_data = work_dir / 'pages.jsonl'
            write_jsonl(sitrep_data, pages)

        load_before = os.getloadavg()
        results = []
        for tool in tools:
            predictions_path = work_dir / f'predictions-{tool}.jsonl'
            tool_load_before = os.getloadavg()
            if tool == 'sitrep':
                result = run_sitrep(sitrep_data, len(pages), predictions_path, *sitrep, args.repeat)
            else:
                result = run_python_peer(tool, pages, predictions_path, args.repeat)
            result['load_average_before'], result['load_average_after'] = tool_load_before[0], os.getloadavg()[0]
            result['predictions'] = predictions_path
            results.append(result)
        load_after = os.getloadavg()
        del pages

        for result in results:
            if result['available']:
                score_tool(result, gold_path, result['predictions'], sources_present)
            result['predictions'] = str(result['predictions']) if args.keep else None

        table = render_table(HEADER, table_rows(results), n_left=2)
        n_meta = next((result['scores']['wcxb-article']['meta_n'] for result in results
                       if result['available'] and 'wcxb-article' in result['scores']), None)
        print()
        print(table)
        print()
        print('F1: body text, token 4-gram shingles, F1 of macro P and R (../shared/scorers/extraction.py).')
        if n_meta:
            print(f'title/author/date: accuracy on wcxb-article pages with that gold field '
                  f'(n = {n_meta["title"]}/{n_meta["author"]}/{n_meta["date"]}); n/a = the tool does not return it.')
        fastest = f', fastest of {args.repeat} passes' if args.repeat > 1 else ''
        print(f'pages/s: pages / seconds spent in extraction calls, one thread, one tool at a time{fastest}; '
              f'load average {load_before[0]:.2f} before, {load_after[0]:.2f} after.')
        if load_before[0] > 1.5 or load_after[0] > 1.5:
            print('warning: the machine was busy (load average above 1.5); speeds are less reliable than on an idle machine.')
        if args.limit is not None:
            print(f'note: --limit {args.limit}: first {args.limit} pages of each source only; not for published figures.')

        today = datetime.date.today().isoformat()
        suffix = '' if args.limit is None else f'-limit{args.limit}'
        results_path = BENCH_DIR / 'results' / f'extraction-{today}{suffix}.json'
        results_path.parent.mkdir(exist_ok=True)
        record = {
            'date': today,
            'command': ' '.join(['python3', 'bench/extraction.py', *sys.argv[1:]]),
            'data': str(args.data),
            'data_sha256': file_sha256(data_path),
            'limit_per_source': args.limit,
            'n_pages': n_by_source,
            'machine': {**machine_info(), 'load_average_before': load_before, 'load_average_after': load_after},
            'repeat': args.repeat,
            'method': 'one tool at a time, one thread, fastest of `repeat` passes; Python peers in-process after one untimed warm-up call, timing '
                      'only the extraction call per page (HTML string in memory -> text and metadata); sitrep\'s own '
                      '"seconds" with RAYON_NUM_THREADS=1; all predictions scored by ../shared/scorers/extraction.py',
            'results': results,
            'table': table,
        }
        results_path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + '\n')
        print(f'written: {results_path.relative_to(REPO_DIR)}')
    finally:
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == '__main__':
    main()
