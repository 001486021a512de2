#!/usr/bin/env python3
"""Agreement between two blind labellers of the same set (first: set-NN-labels.json, second: set-NN-second-labels.json).

    python3 docs/calibration/inter-rater.py 52 57

Prints per repo the two tiers and stage strings, then per set and pooled: tier agreement, stage agreement and
Spearman between the two tier ranks (strong 4, good 3, weak 2, tutorial 1; non-ML repos left out of Spearman).
"""
import json, os, sys
from statistics import mean

HERE = os.path.dirname(os.path.abspath(__file__))
RANK = {'strong': 4, 'good': 3, 'weak': 2, 'tutorial': 1}
STAGES = ('data', 'preprocessing', 'training', 'evaluation', 'deployment')


def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i]); r = [0.0] * len(v); i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]: j += 1
        for k in range(i, j + 1): r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(a), ranks(b); ma, mb = mean(ra), mean(rb)
    num = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    den = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return num / den


def stage_string(label):
    return ''.join(s[0].upper() if label['stages'][s] else '.' for s in STAGES)


def load(path):
    return {x['repo']: x for x in json.load(open(path))}


pooled = {'tiers': 0, 'same': 0, 'stages': 0, 'agree': 0, 'a': [], 'b': []}
for s in sys.argv[1:]:
    first = load(f'{HERE}/set-{s}-labels.json'); second = load(f'{HERE}/set-{s}-second-labels.json')
    a_ranks, b_ranks, same, agree, stages = [], [], 0, 0, 0
    for repo, b in second.items():
        a = first[repo]
        same += a['tier'] == b['tier']
        agree += sum(a['stages'][k] == b['stages'][k] for k in STAGES); stages += len(STAGES)
        if a['tier'] in RANK and b['tier'] in RANK:
            a_ranks.append(RANK[a['tier']]); b_ranks.append(RANK[b['tier']])
        print(f"  {repo:55} {a['tier']:8} {b['tier']:8} {stage_string(a)} {stage_string(b)}")
    print(f"set {s}: tier {same}/{len(second)}, stages {agree}/{stages} = {100 * agree / stages:.1f} %, "
          f"Spearman {spearman(a_ranks, b_ranks):.3f} ({len(a_ranks)} ML repos)")
    for k, v in (('tiers', len(second)), ('same', same), ('stages', stages), ('agree', agree)): pooled[k] += v
    pooled['a'] += a_ranks; pooled['b'] += b_ranks
if len(sys.argv) > 2:
    print(f"pooled: tier {pooled['same']}/{pooled['tiers']}, stages {pooled['agree']}/{pooled['stages']} = "
          f"{100 * pooled['agree'] / pooled['stages']:.1f} %, Spearman {spearman(pooled['a'], pooled['b']):.3f} "
          f"({len(pooled['a'])} ML repos)")
