#!/usr/bin/env bash
# Installs the peers that bench/quality and bench/speed measure beside newsarc, outside newsarc's own dependencies:
# npm packages into bench/node_modules (from bench/package-lock.json), and Debian's Python extractors.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
if /usr/bin/python3 -c 'import readability, html_text' 2>/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq python3-readability python3-html-text >/dev/null || { apt-get update -qq && apt-get install -y -qq python3-readability python3-html-text >/dev/null; }
else
  echo "bench:setup: install python3-readability and python3-html-text (Debian) to measure the Python peers" >&2
fi
