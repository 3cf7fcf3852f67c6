#!/usr/bin/env python3
"""Resolves every conflict hunk in the given files by keeping both sides, ours first (for lists of registrations).
Two GeneratedRegex key-prefix lines that end up adjacent (LocalizationTests) are merged into one alternation.
Usage: python3 tools/union-conflicts.py <file> ..."""
import re, sys
HUNK = re.compile(r'<<<<<<< [^\n]*\n(.*?)=======\n(.*?)>>>>>>> [^\n]*\n', re.S)
ALT = re.compile(r'\(\?:(Validation\|[^)]*)\)')
for path in sys.argv[1:]:
    text = HUNK.sub(lambda m: m.group(1) + m.group(2), open(path, encoding='utf-8').read())
    lines = text.split('\n')
    regexes = [i for i, line in enumerate(lines) if '[GeneratedRegex(' in line and ALT.search(line)]
    if len(regexes) > 1:
        alternatives = []
        for i in regexes:
            for a in ALT.search(lines[i]).group(1).split('|'):
                if a not in alternatives:
                    alternatives.append(a)
        lines[regexes[0]] = ALT.sub('(?:' + '|'.join(alternatives) + ')', lines[regexes[0]])
        for i in reversed(regexes[1:]):
            del lines[i]
    open(path, 'w', encoding='utf-8').write('\n'.join(lines))
