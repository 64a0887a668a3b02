#!/usr/bin/env python3
"""Lists timex errors against gold: false positives, misses, span and value errors.
   timex_errors.py GOLD_TSV SYSTEM_JSONL [fp|miss|span|value]"""
import json, sys, os, collections
gold = collections.defaultdict(list)
for line in open(sys.argv[1], encoding='utf-8').read().splitlines()[1:]:
    doc, s, e, text, val, mod, inner = (line.split('\t') + [''] * 7)[:7]
    gold[doc].append(dict(s=int(s), e=int(e), text=text, val=val, inner=inner, used=False))
want = sys.argv[3] if len(sys.argv) > 3 else 'all'
sysd = collections.defaultdict(list)
for line in open(sys.argv[2], encoding='utf-8'):
    o = json.loads(line); sysd[o['doc']].append(o)
for doc in sorted(set(gold) | set(sysd)):
    for o in sysd[doc]:
        m = [g for g in gold[doc] if o['start'] < g['e'] and g['s'] < o['end']]
        if not m:
            if want in ('all', 'fp'): print('FP   %s %-40r %s [%s]' % (doc, o['text'], o['value'], o.get('rule')))
            continue
        g = m[0]; g['used'] = True
        if (o['start'], o['end']) != (g['s'], g['e']) and not g['inner']:
            if want in ('all', 'span'): print('SPAN %s sys=%-35r gold=%-35r [%s]' % (doc, o['text'], g['text'], o.get('rule')))
        elif g['val'] and o['value'].upper() != g['val'].upper() and not g['inner']:
            if want in ('all', 'value'): print('VAL  %s %-30r sys=%s gold=%s anchor=%s [%s]' % (doc, o['text'], o['value'], g['val'], o.get('anchor'), o.get('rule')))
    for g in gold[doc]:
        if not g['used'] and want in ('all', 'miss'):
            print('MISS %s %-40r %s' % (doc, g['text'], g['val']))
