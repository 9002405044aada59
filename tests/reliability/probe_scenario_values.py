#!/usr/bin/env python3
"""In-range but absurd scenario values, run by hand (~20 min): for every scenario file in ASSETS/scenarios and every
numeric field, `ildrive record --scenario-file` one expert episode with the field at 0, -1 and 1e7, then at both edges
of the range the refusal names, then with every field at its minimum and at its maximum at once. Prints one line per
case: scenario, case, outcome (ran / refused / HANG(60s) / EXIT <signal>), seconds, the last stderr line. Anything
but ran or refused is a finding (tests/reliability/README.md, "Absurd scenario values").
Usage: probe_scenario_values.py ILDRIVE ASSETS_DIR WORK_DIR"""
import copy
import json
import os
import re
import subprocess
import sys
import time

ILDRIVE, ASSETS, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(WORK, exist_ok=True)


def leaves(d, prefix=''):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from leaves(v, prefix + k + '.')
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            yield prefix + k, v


def set_path(d, path, v):
    keys = path.split('.')
    for k in keys[:-1]:
        d = d[k]
    d[keys[-1]] = v


def run(scenario, label, d):
    case = os.path.join(WORK, 'case.json')
    with open(case, 'w') as f:
        json.dump(d, f)
    start = time.time()
    r = subprocess.run(['timeout', '60', ILDRIVE, 'record', '--scenario-file', case, '--episodes', '1', '--driver',
                        'expert', '--out', os.path.join(WORK, 'out.h5')], capture_output=True, text=True)
    err = r.stderr.replace('\r', '\n').strip().split('\n')[-1] if r.stderr.strip() else ''
    kind = {0: 'ran', 2: 'refused', 124: 'HANG(60s)'}.get(r.returncode, f'EXIT {r.returncode}')
    print(f'{scenario}\t{label}\t{kind}\t{time.time() - start:.1f}s\t{err[:200]}', flush=True)
    return err


for name in sorted(os.listdir(os.path.join(ASSETS, 'scenarios'))):
    with open(os.path.join(ASSETS, 'scenarios', name)) as f:
        base = json.load(f)
    scenario = name[:-5]
    lowest, highest = copy.deepcopy(base), copy.deepcopy(base)
    for path, value in leaves(base):
        integer = isinstance(value, int)
        bounds = None
        for v in ([0, -1, 10**7] if integer else [0.0, -1.0, 1e7]):
            d = copy.deepcopy(base)
            set_path(d, path, v)
            m = re.search(r'out of range \[([-0-9.e+]+), ([-0-9.e+]+)\]', run(scenario, f'{path}={v}', d))
            if m:
                bounds = (float(m.group(1)), float(m.group(2)))
        if bounds:
            for v in bounds:
                v = int(v) if integer else v
                d = copy.deepcopy(base)
                set_path(d, path, v)
                run(scenario, f'{path}={v} (range edge)', d)
            set_path(lowest, path, int(bounds[0]) if integer else bounds[0])
            set_path(highest, path, int(bounds[1]) if integer else bounds[1])
    run(scenario, 'every field at its minimum', lowest)
    run(scenario, 'every field at its maximum', highest)
