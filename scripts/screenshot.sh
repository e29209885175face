#!/usr/bin/env bash
# Screenshots of the HTML report, to look at the pages as readers will: desktop and phone widths,
# and A4 print (PDF, then PNG pages). Needs Chromium (Debian: apt-get install chromium) and, for
# the print pages, pdftoppm (poppler-utils). Not used by the tests or CI.
#
#   scripts/screenshot.sh [REPORT_DIR] [OUT_DIR]
#
# REPORT_DIR defaults to a fresh `smartcity report --analyse` of samples/ in a temporary folder, in
# the language REPORT_LANG (id or en, default id). When the folder holds analysis.html (from
# `report --analyse` or `smartcity analyse`), it is shot too.
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-}
out=${2:-target/screenshots}
if [[ -z "$report" ]]; then
  report=$(mktemp -d)
  SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1717144200} \
    cargo run -q --release -- --lang "${REPORT_LANG:-id}" report --analyse -q -o "$report" samples/
fi
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "Chromium not found (Debian: apt-get install chromium)" >&2
  exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shoot() { # page width height name
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --hide-scrollbars --user-data-dir="$profile" \
    --window-size="$2,$3" --screenshot="$out/$4.png" "file://$(realpath "$1")" 2>/dev/null
}
pdf() { # page name
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --user-data-dir="$profile" \
    --no-pdf-header-footer --print-to-pdf="$out/$2.pdf" "file://$(realpath "$1")" 2>/dev/null
  if command -v pdftoppm >/dev/null; then
    pdftoppm -png -r 60 "$out/$2.pdf" "$out/$2-page"
  fi
}
card=$(ls "$report"/scorecards/*.html 2>/dev/null | sort | tail -n 1 || true)
for w in "1280 3600 desktop" "390 5200 phone"; do
  set -- $w
  if [[ -f "$report/index.html" ]]; then shoot "$report/index.html" "$1" "$2" "index-$3"; fi
  if [[ -n "$card" ]]; then shoot "$card" "$1" "$2" "scorecard-$3"; fi
  if [[ -f "$report/analysis.html" ]]; then shoot "$report/analysis.html" "$1" "$2" "analysis-$3"; fi
done
if [[ -f "$report/index.html" ]]; then pdf "$report/index.html" index-print; fi
if [[ -n "$card" ]]; then pdf "$card" scorecard-print; fi
if [[ -f "$report/analysis.html" ]]; then pdf "$report/analysis.html" analysis-print; fi
echo "report: $report"
ls "$out"
