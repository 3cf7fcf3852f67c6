#!/usr/bin/env python3
"""Adds keys to SharedResource.resx (zh) and .en.resx; usage: python3 tools/add-resx-keys.py keys.tsv (key<TAB>zh<TAB>en)."""
import sys, html
base = 'src/Volunteer96345/Common/Localization/SharedResource'
def add(path, pairs):
    s = open(path, encoding='utf-8').read()
    out = []
    for k, v in pairs:
        if f'name="{k}"' in s:
            continue
        out.append(f'  <data name="{k}" xml:space="preserve">\n    <value>{html.escape(v, quote=False)}</value>\n  </data>\n')
    s = s.replace('</root>', ''.join(out) + '</root>')
    open(path, 'w', encoding='utf-8').write(s)
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
add(base + '.resx', [(r[0], r[1]) for r in rows])
add(base + '.en.resx', [(r[0], r[2]) for r in rows])
