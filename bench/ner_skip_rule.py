#!/usr/bin/env python3
"""What the entity tagger's skipping rule leaves out on CoNLL's gold tokens: the share of tokens
it labels Outside unscored, and the name tokens among them (which the tagger then cannot tag).

    python3 bench/ner_skip_rule.py [--data-dir ../shared/data/ner]

Two rules, side by side: the first (a token with neither a capital nor a digit whose neighbours
have no capital either), and the present one (besides, a word of lower-case letters only that is
not flanked by capitalised tokens on both sides, unless `data/words_inside_names.txt` or
`data/name_particles.txt` lists it),
as `certainly_outside` in crates/sitrep-nlp/src/ner/features.rs applies them. It counts the rule,
not the tagger: how many labels change is measured by `sitrep eval ner --predictions` on the
train-only model (docs/QUALITY.md). Standard library only.
"""

import argparse
import gzip
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
WORD_LISTS = [REPO_DIR / 'crates/sitrep-nlp/data/words_inside_names.txt',
              REPO_DIR / 'crates/sitrep-nlp/data/name_particles.txt']


def sentences(path):
    """(word, tag) lists, one per sentence, from a CoNLL file (`-DOCSTART-` lines skipped)."""
    sentence = []
    with gzip.open(path, 'rt', encoding='utf-8') as lines:
        for line in lines:
            columns = line.split()
            if not columns:
                if sentence:
                    yield sentence
                sentence = []
            elif columns[0] != '-DOCSTART-':
                sentence.append((columns[0], columns[-1]))
    if sentence:
        yield sentence


def outside(sentence, inside_words):
    """Per token, whether the first rule and the present one skip it."""
    capital = [any(c.isupper() for c in word) for word, _ in sentence]
    digit = [any(c.isdigit() for c in word) for word, _ in sentence]
    flags = []
    for idx, (word, _) in enumerate(sentence):
        before = idx > 0 and capital[idx - 1]
        after = idx + 1 < len(sentence) and capital[idx + 1]
        base = not capital[idx] and not digit[idx]
        first = base and not before and not after
        plain = word.isalpha() and word.islower() and word not in inside_words
        present = base and (not (before and after) if plain else not before and not after)
        flags.append((first, present))
    return flags


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data-dir', type=Path, default=REPO_DIR.parent / 'shared/data/ner')
    args = parser.parse_args()
    inside_words = {line.strip() for words in WORD_LISTS for line in words.read_text().splitlines()
                    if line.strip() and not line.startswith('#')}
    for split in ['train', 'dev']:
        n_tokens = n_names = 0
        skipped = [0, 0]
        names_skipped = [0, 0]
        for sentence in sentences(args.data_dir / f'{split}.conll.gz'):
            for (_, tag), flags in zip(sentence, outside(sentence, inside_words)):
                n_tokens += 1
                n_names += tag != 'O'
                for rule, flag in enumerate(flags):
                    skipped[rule] += flag
                    names_skipped[rule] += flag and tag != 'O'
        print(f'{split}: {n_tokens} tokens, {n_names} name tokens')
        for rule, name in enumerate(['first rule', 'present rule']):
            print(f'  {name}: skips {skipped[rule]} tokens ({100 * skipped[rule] / n_tokens:.1f}%), '
                  f'{names_skipped[rule]} of them name tokens')


if __name__ == '__main__':
    main()
