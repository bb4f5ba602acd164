#!/usr/bin/env bash
# Compiles each release's requirements.in into requirements.txt: every package pinned, with the
# hashes of every file PyPI has for it, so that a local hub installed next year is the one tested.
# Run it from this folder after changing a requirements.in; commit what it writes.
# The locks are compiled with the Python that runs this (3.11 here); the local hub requires a
# Python of at least that version (the header of each requirements.txt names it).
set -euo pipefail
cd "$(dirname "$0")"
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/pip" install -q pip-tools
for dir in releases/*/; do
  (cd "$dir" && "$tools/bin/pip-compile" -q --strip-extras --generate-hashes --allow-unsafe \
      --no-emit-find-links --no-emit-index-url -o requirements.txt requirements.in)
done
# The proxy, from npm: package-lock.json pins it and its dependencies with their integrity hashes.
(cd proxy && npm install --package-lock-only --no-audit --no-fund)
