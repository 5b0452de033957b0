#!/usr/bin/env python3
"""Which pages a change to the extractor moved: the body precision and recall of each page under
two prediction files, printed for every page whose figures differ.

    sitrep eval extraction ../shared/data/extraction/dev.jsonl.gz --predictions before.jsonl
    (change, rebuild)
    sitrep eval extraction ../shared/data/extraction/dev.jsonl.gz --predictions after.jsonl
    python3 bench/extraction_pages.py before.jsonl after.jsonl [--data GOLD] [--worse]

The figures are the scorer's (../shared/data/extraction/README.md): token 4-gram shingles of the
predicted and gold text, a page's precision and recall over them. `--worse` prints only the
pages whose precision plus recall went down. Standard library only.
"""

import argparse
import collections
import gzip
import json
import re
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
SHINGLE = 4


def tokens(text):
    return re.findall(r'\w+', text.lower())


def shingles(words):
    return collections.Counter(tuple(words[idx:idx + SHINGLE]) for idx in range(max(1, len(words) - SHINGLE + 1)))


def page_scores(path, gold):
    """Each predicted page's (precision, recall, url)."""
    scores = {}
    with open(path, encoding='utf-8') as lines:
        for line in lines:
            prediction = json.loads(line)
            page = gold[prediction['id']]
            predicted, expected = shingles(tokens(prediction.get('text') or '')), shingles(tokens(page['text']))
            shared = sum((predicted & expected).values())
            scores[prediction['id']] = (shared / max(1, sum(predicted.values())),
                                        shared / max(1, sum(expected.values())), page['url'])
    return scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('before')
    parser.add_argument('after')
    parser.add_argument('--data', default=str(REPO_DIR.parent / 'shared/data/extraction/dev.jsonl.gz'))
    parser.add_argument('--worse', action='store_true', help='only the pages that got worse')
    args = parser.parse_args()
    with gzip.open(args.data, 'rt', encoding='utf-8') as lines:
        gold = {page['id']: page for page in map(json.loads, lines)}
    before, after = page_scores(args.before, gold), page_scores(args.after, gold)
    n_better = n_worse = 0
    for page_id, (p_before, r_before, url) in before.items():
        p_after, r_after, _ = after.get(page_id, (0.0, 0.0, url))
        if abs(p_before - p_after) < 1e-9 and abs(r_before - r_after) < 1e-9:
            continue
        worse = p_after + r_after < p_before + r_before
        n_worse += worse
        n_better += not worse
        if worse or not args.worse:
            print(f'P {p_before:.3f}->{p_after:.3f} R {r_before:.3f}->{r_after:.3f} {url}')
    print(f'{n_better + n_worse} pages changed: {n_better} better, {n_worse} worse')


if __name__ == '__main__':
    main()
