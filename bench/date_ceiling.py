#!/usr/bin/env python3
"""How well any extractor could score on the WCXB publication dates: the share of gold dates that
appear anywhere in their page's HTML in a common written form.

    python3 bench/date_ceiling.py [--data ../shared/data/extraction/dev.jsonl.gz]

A gold date that the page never writes (not in its URL, metadata, scripts or text, in any of the
forms below) cannot be extracted from the page; the share of the others bounds the date
accuracy of every tool (nearly: a date-time written with an offset may fall on the next or previous
day in UTC, as the gold has it). Standard library only.
"""

import argparse
import calendar
import gzip
import json
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent


def written_forms(date):
    """The ways a page may write a YYYY-MM-DD date."""
    parts = date.split('-')
    if len(parts) != 3:
        return [date]
    year, month, day = parts
    m, d = int(month), int(day)
    name, abbr = calendar.month_name[m], calendar.month_abbr[m]
    nth = f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"
    return [
        f'{abbr} {day}, {year}', f'{name} {nth}, {year}', f'{nth} {name} {year}', f'{abbr} {nth}, {year}',
        f'{nth} {abbr} {year}', f'{name} {nth} {year}',
        date, f'{year}/{month}/{day}', f'{year}.{month}.{day}', f'{year}{month}{day}',
        f'{name} {d}, {year}', f'{name} {day}, {year}', f'{name} {d} {year}', f'{d} {name} {year}',
        f'{d} {name}, {year}', f'{d}. {name} {year}', f'{abbr} {d}, {year}', f'{abbr}. {d}, {year}',
        f'{abbr} {d} {year}', f'{d} {abbr} {year}', f'{month}/{day}/{year}', f'{day}/{month}/{year}',
        f'{m}/{d}/{year}', f'{d}/{m}/{year}', f'{day}.{month}.{year}',
        f'{year} {abbr} {d}', f'{day}-{month}-{year}', f'{month}-{day}-{year}',
    ] + [f'{d} {foreign} {year}' for foreign in FOREIGN_MONTHS[m - 1]] + [
        f'{day}-{foreign[:3]}-{year}' for foreign in FOREIGN_MONTHS[m - 1]
    ] + [f'{d} de {foreign} de {year}' for foreign in FOREIGN_MONTHS[m - 1]]


# French, Spanish, Portuguese, Italian and German month names, as sitrep reads them.
FOREIGN_MONTHS = [
    ['janvier', 'enero', 'janeiro', 'gennaio', 'januar'],
    ['février', 'febrero', 'fevereiro', 'febbraio', 'februar'],
    ['mars', 'marzo', 'março', 'märz'],
    ['avril', 'abril', 'aprile', 'april'],
    ['mai', 'mayo', 'maio', 'maggio'],
    ['juin', 'junio', 'junho', 'giugno', 'juni'],
    ['juillet', 'julio', 'julho', 'luglio', 'juli'],
    ['août', 'agosto', 'august'],
    ['septembre', 'septiembre', 'setembro', 'settembre', 'september'],
    ['octobre', 'octubre', 'outubro', 'ottobre', 'oktober'],
    ['novembre', 'noviembre', 'novembro', 'november'],
    ['décembre', 'diciembre', 'dezembro', 'dicembre', 'dezember'],
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data', type=Path, default=REPO_DIR.parent / 'shared/data/extraction/dev.jsonl.gz')
    args = parser.parse_args()
    n_dates = n_written = 0
    with gzip.open(args.data, 'rt', encoding='utf-8') as lines:
        for line in lines:
            page = json.loads(line)
            if page['source'] != 'wcxb-article' or not page.get('date'):
                continue
            n_dates += 1
            text = (page['url'] + page['html']).lower()
            n_written += any(form.lower() in text for form in written_forms(page['date']))
    print(f'{n_dates} pages with a gold date; {n_written} write it in their URL or HTML, '
          f'{n_dates - n_written} nowhere: date accuracy ceiling {n_written / max(n_dates, 1):.3f}')


if __name__ == '__main__':
    main()
