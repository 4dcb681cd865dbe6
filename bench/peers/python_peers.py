#!/usr/bin/env python3
"""Debian-packaged Python extractors for bench/quality and bench/speed (python3-readability, python3-html-text).

usage: python_peers.py SYSTEM extract   < pages.jsonl > outputs.jsonl   (one {"id","html","url"} a line in,
                                                                          one {"id","text","title","error"?} out)
       python_peers.py SYSTEM speed ROUNDS < pages.jsonl                 (prints {"rounds": [pages/s...], "maxRssMb"})
       python_peers.py SYSTEM version
Runs with the system python (/usr/bin/python3) where Debian installs these packages.
"""
import json
import resource
import sys
import time


def readability_lxml(html, url):
    from readability import Document
    import html_text
    doc = Document(html, url=url)
    return {'text': html_text.extract_text(doc.summary(html_partial=True)), 'title': doc.short_title() or None}


def html_text_baseline(html, url):
    import html_text
    return {'text': html_text.extract_text(html), 'title': None}


SYSTEMS = {'readability-lxml': readability_lxml, 'html-text': html_text_baseline}
PACKAGES = {'readability-lxml': 'readability-lxml', 'html-text': 'html-text'}


def version(name):
    from importlib.metadata import version as pkg_version
    return pkg_version(PACKAGES[name])


def main():
    name, mode = sys.argv[1], sys.argv[2]
    run = SYSTEMS[name]
    if mode == 'version':
        print(version(name))
        return
    pages = [json.loads(line) for line in sys.stdin if line.strip()]
    if mode == 'extract':
        for page in pages:
            try:
                out = run(page['html'], page.get('url'))
            except Exception as err:  # a peer's crash on one page is that page's empty output
                out = {'text': '', 'title': None, 'error': f'{type(err).__name__}: {err}'[:200]}
            out['id'] = page['id']
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + '\n')
        return
    rounds = int(sys.argv[3])
    for page in pages:  # warm-up round, not timed
        try:
            run(page['html'], page.get('url'))
        except Exception:
            pass
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for page in pages:
            try:
                run(page['html'], page.get('url'))
            except Exception:
                pass
        rates.append(len(pages) / (time.perf_counter() - start))
    print(json.dumps({'rounds': rates, 'maxRssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == '__main__':
    main()
