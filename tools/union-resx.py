#!/usr/bin/env python3
"""Resolves a merge conflict in resx files by taking every <data> element of both sides (ours first).
Usage: python3 tools/union-resx.py <path.resx> ...  (run during a conflicted merge)."""
import re, subprocess, sys
DATA = re.compile(r'  <data name="([^"]+)"[^>]*>.*?</data>\n', re.S)
for path in sys.argv[1:]:
    ours = subprocess.run(['git', 'show', f':2:{path}'], capture_output=True, text=True, check=True).stdout
    theirs = subprocess.run(['git', 'show', f':3:{path}'], capture_output=True, text=True, check=True).stdout
    seen = {m.group(1) for m in DATA.finditer(ours)}
    extra = ''.join(m.group(0) for m in DATA.finditer(theirs) if m.group(1) not in seen)
    open(path, 'w', encoding='utf-8').write(ours.replace('</root>', extra + '</root>'))
    subprocess.run(['git', 'add', path], check=True)
