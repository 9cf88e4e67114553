#!/usr/bin/env python3
"""Check the hand-written gold in this folder against the source texts.

usage: python3 validate.py [CORPUS_DIR]   (default /work/shared/corpus/2026)
Offsets are Python string indices into the UTF-8 text, half-open.
Exit status 1 on any failure.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/corpus/2026'
errors = []
def err(msg): errors.append(msg)
def text(f): return open(os.path.join(CORPUS, f), encoding='utf-8').read()

KINDS = {'review', 'fiveyear', 'plan', 'government', 'explanation', 'appendix'}
n_struct = 0
for p in sorted(glob.glob(os.path.join(HERE, 'structure', '*.structure.json'))):
    d = json.load(open(p, encoding='utf-8')); t = text(d['file']); n_struct += 1
    for k in ('file', 'title', 'region', 'delivered', 'meeting', 'speaker', 'parts'):
        if k not in d: err(f'{p}: missing {k}')
    if not re.fullmatch(r'2026-\d\d-\d\d', d['delivered']): err(f'{p}: delivered {d["delivered"]}')
    if d['meeting'] not in t.replace('\n', ''): err(f'{p}: meeting not in text')
    if d['speaker'] and d['speaker'] not in t.replace(' ', '').replace('\u3000', ''): err(f'{p}: speaker not in text')
    last = -1
    for i, part in enumerate(d['parts']):
        s, e, ts = part['start'], part['end'], part['title_start']
        if not (last < s <= ts < e): err(f'{p}: part {i} order/offsets')
        last = s
        if t[ts:e] != part['title']: err(f'{p}: part {i} title mismatch')
        if part['kind'] not in KINDS: err(f'{p}: part {i} kind')
        if (part['kind'] == 'appendix') == part['is_main']: err(f'{p}: part {i} is_main vs kind')
        num = part['number']
        if num is None:
            if s != ts: err(f'{p}: unnumbered part {i} start != title_start')
        elif not t[s:ts].startswith(num): err(f'{p}: part {i} number not at start')
        if s > 0 and t[s - 1] != '\n': err(f'{p}: part {i} not at line start')
        nxt = d['parts'][i + 1]['start'] if i + 1 < len(d['parts']) else len(t)
        ls = -1
        for j, sec in enumerate(part['sections']):
            a, b, st = sec['start'], sec['end'], sec['title_start']
            if not (e < a < st < b <= nxt and a > ls): err(f'{p}: part {i} sec {j} offsets')
            ls = a
            if t[st:b] != sec['title']: err(f'{p}: part {i} sec {j} title')
            head = t[a:st].replace('\n', '')
            if head != sec['number'] or not re.fullmatch(r'[（(][一二三四五六七八九十]+[）)]', head): err(f'{p}: part {i} sec {j} number {head!r}')
            if t[a - 1] != '\n': err(f'{p}: part {i} sec {j} not at line start')
            if '。' in sec['title']: err(f'{p}: part {i} sec {j} title contains 。')
            rest = t[b:t.find('\n', b) if t.find('\n', b) >= 0 else len(t)]
            if sec['inline'] != bool(rest.strip('。').strip()): err(f'{p}: part {i} sec {j} inline flag')

n_fig = 0
FIG_KINDS = {'actual', 'target', 'change', 'name'}
PERIODS = {'2025', '2021-2025', '2026', '2026-2030', '2030', 'cumulative', None}
for p in sorted(glob.glob(os.path.join(HERE, 'figures', '*.figures.jsonl'))):
    f = os.path.basename(p).replace('.figures.jsonl', '.txt'); t = text(f)
    rows = [json.loads(l) for l in open(p, encoding='utf-8') if l.strip()]
    if not 40 <= len(rows) <= 60: err(f'{p}: {len(rows)} figures')
    spans = set()
    for r in rows:
        n_fig += 1
        if t[r['start']:r['end']] != r['raw']: err(f'{p}: raw {r["raw"]} offsets')
        if (r['start'], r['end']) in spans: err(f'{p}: duplicate span {r["raw"]}')
        spans.add((r['start'], r['end']))
        if r['kind'] not in FIG_KINDS: err(f'{p}: kind {r["kind"]}')
        if r['period'] not in PERIODS: err(f'{p}: period {r["period"]}')
        if r['kind'] == 'name' and r['period'] is not None: err(f'{p}: name with period {r["raw"]}')
        if r['scale'] not in ('', '万', '亿', '万亿'): err(f'{p}: scale {r["scale"]}')
        if r['qualifier'] and not r['approx']: err(f'{p}: qualifier without approx {r["raw"]}')
        k = t.find(r['sentence'])
        while k >= 0 and not (k <= r['start'] and r['end'] <= k + len(r['sentence'])):
            k = t.find(r['sentence'], k + 1)
        if k < 0: err(f'{p}: sentence does not cover {r["raw"]}')
        if r['high'] is not None and r['high'] <= r['value']: err(f'{p}: high <= value {r["raw"]}')

n_cmp = 0
files = sorted(os.path.basename(x) for x in glob.glob(os.path.join(CORPUS, '*.txt')))
cmp_files = sorted(glob.glob(os.path.join(HERE, 'compare', '*.jsonl')))
if len(cmp_files) < 6: err('fewer than 6 compare metrics')
for p in cmp_files:
    rows = [json.loads(l) for l in open(p, encoding='utf-8') if l.strip()]
    if sorted(r['file'] for r in rows) != files: err(f'{p}: not one row per report')
    if len({r['query'] for r in rows}) != 1: err(f'{p}: queries differ')
    for r in rows:
        n_cmp += 1
        if not r['found']:
            if any(r[k] is not None for k in ('raw', 'value', 'start', 'end', 'sentence')): err(f'{p}: {r["file"]} not-found row has values')
            continue
        t = text(r['file'])
        if t[r['start']:r['end']] != r['raw']: err(f'{p}: {r["file"]} raw offsets')
        num = re.match(r'[\d.]+', r['raw'])
        if not num or float(num.group(0)) != r['value']: err(f'{p}: {r["file"]} value {r["value"]} vs raw {r["raw"]}')
        k = t.find(r['sentence'])
        while k >= 0 and not (k <= r['start'] and r['end'] <= k + len(r['sentence'])):
            k = t.find(r['sentence'], k + 1)
        if k < 0: err(f'{p}: {r["file"]} sentence does not cover raw')

print(json.dumps({'structure_files': n_struct, 'figures': n_fig, 'compare_rows': n_cmp, 'errors': len(errors)}, ensure_ascii=False))
for e in errors: print('ERROR', e)
sys.exit(1 if errors else 0)
