#!/usr/bin/env python3
"""Per-document WikiWars figures, with the eval folder's own scorer (timex.py).
   per_doc.py TIMEX_PY GOLD_TSV SYSTEM_JSONL [BASELINE_JSONL] [--frames FRAMES_TSV]
Prints one row per document: gold and system counts, relaxed, strict and value F1
(and the baseline's value F1 when a second output is given). With --frames (doc, lo,
hi per line: tests/eval/frames.lua), a second table: the expressions clio dates outside
the document's narrative frame, and how many of them the gold also dates there."""
import contextlib, importlib.util, io, json, os, re, sys, tempfile

spec = importlib.util.spec_from_file_location("timex_scorer", [a for a in sys.argv[1:] if a != '--frames'][0])
scorer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scorer)
args = sys.argv[1:]
frames_path = None
if '--frames' in args:
    i = args.index('--frames')
    frames_path = args[i + 1]
    del args[i:i + 2]
gold_path, sys_path = args[1], args[2]
base_path = args[3] if len(args) > 3 else None

head, gold = None, {}
for i, line in enumerate(open(gold_path, encoding='utf-8').read().splitlines()):
    if i == 0:
        head = line
    elif line:
        gold.setdefault(line.split('\t', 1)[0], []).append(line)


def by_doc(path):
    out = {}
    for line in open(path, encoding='utf-8'):
        if line.strip():
            doc = os.path.splitext(os.path.basename(str(json.loads(line)['doc'])))[0]
            out.setdefault(doc, []).append(line.rstrip('\n'))
    return out


def figures(tmp, doc, lines):
    g, s = os.path.join(tmp, 'g.tsv'), os.path.join(tmp, 's.jsonl')
    with open(g, 'w', encoding='utf-8') as f:
        f.write(head + '\n' + '\n'.join(gold[doc]) + '\n')
    with open(s, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + ('\n' if lines else ''))
    with contextlib.redirect_stdout(io.StringIO()):
        rf, sf, acc = scorer.score(g, s)
    return rf, sf, rf * acc


system = by_doc(sys_path)
base = by_doc(base_path) if base_path else None
with tempfile.TemporaryDirectory() as tmp:
    title = '%-22s %5s %5s %8s %7s %7s' % ('document', 'gold', 'found', 'relaxed', 'strict', 'value')
    print(title + ('  %7s' % 'before' if base else ''))
    low = []
    for doc in sorted(gold):
        rf, sf, vf = figures(tmp, doc, system.get(doc, []))
        row = '%-22s %5d %5d %8.3f %7.3f %7.3f' % (doc, len(gold[doc]), len(system.get(doc, [])), rf, sf, vf)
        if base:
            row += '  %7.3f' % figures(tmp, doc, base.get(doc, []))[2]
        print(row)
        if vf < 0.8:
            low.append(doc)
    print('documents below value F1 0.80: %s' % (', '.join(low) if low else 'none'))


def year_of(v):
    m = re.match(r'^(BC)?(\d{4})', (v or '').strip().upper())
    if not m:
        return None
    y = int(m.group(2))
    return 1 - y if m.group(1) else y


if frames_path:
    frames = {}
    for line in open(frames_path, encoding='utf-8'):
        doc, lo, hi = line.rstrip('\n').split('\t')
        frames[os.path.splitext(os.path.basename(doc))[0]] = (int(lo), int(hi))
    golds = {}
    for doc, rows in gold.items():
        golds[doc] = [(int(r.split('\t')[1]), int(r.split('\t')[2]), (r.split('\t') + [''] * 5)[4]) for r in rows]
    print()
    print('expressions dated outside the narrative frame (a year outside the frame; gold: of those')
    print('matched to a gold expression, how many the gold also dates outside it)')
    print('%-22s %13s %8s %8s %8s' % ('document', 'frame', 'outside', 'matched', 'gold too'))
    tot = [0, 0, 0]
    for doc in sorted(gold):
        if doc not in frames:
            continue
        lo, hi = frames[doc]
        out = matched = agree = 0
        for line in system.get(doc, []):
            o = json.loads(line)
            y = year_of(o.get('value'))
            if o.get('type') != 'DATE' or y is None or lo <= y <= hi:
                continue
            out += 1
            g = [gv for gs, ge, gv in golds[doc] if o['start'] < ge and gs < o['end']]
            if g:
                matched += 1
                gy = year_of(g[0])
                agree += gy is not None and not (lo <= gy <= hi)
        fmt = lambda y: ('%dBC' % (1 - y)) if y <= 0 else str(y)
        print('%-22s %13s %8d %8d %8d' % (doc, fmt(lo) + '-' + fmt(hi), out, matched, agree))
        tot = [tot[0] + out, tot[1] + matched, tot[2] + agree]
    print('%-22s %13s %8d %8d %8d' % ('all', '', tot[0], tot[1], tot[2]))
