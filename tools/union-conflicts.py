#!/usr/bin/env python3
"""Resolves every conflict hunk in the given files by keeping both sides, ours first (for lists of registrations).
Usage: python3 tools/union-conflicts.py <file> ..."""
import re, sys
HUNK = re.compile(r'<<<<<<< [^\n]*\n(.*?)=======\n(.*?)>>>>>>> [^\n]*\n', re.S)
for path in sys.argv[1:]:
    text = open(path, encoding='utf-8').read()
    open(path, 'w', encoding='utf-8').write(HUNK.sub(lambda m: m.group(1) + m.group(2), text))
