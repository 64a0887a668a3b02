#!/usr/bin/env python3
"""Per-document WikiWars figures, with the eval folder's own scorer (timex.py).
   per_doc.py TIMEX_PY GOLD_TSV SYSTEM_JSONL [BASELINE_JSONL]
Prints one row per document: gold and system counts, relaxed, strict and value F1
(and the baseline's value F1 when a second output is given)."""
import contextlib, importlib.util, io, json, os, sys, tempfile

spec = importlib.util.spec_from_file_location("timex_scorer", sys.argv[1])
scorer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scorer)
gold_path, sys_path = sys.argv[2], sys.argv[3]
base_path = sys.argv[4] if len(sys.argv) > 4 else None

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
