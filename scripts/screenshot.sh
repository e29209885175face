#!/usr/bin/env bash
# Screenshots of the HTML report, to look at the pages as readers will: desktop and phone widths,
# and A4 print (PDF, then PNG pages). Needs Chromium (Debian: apt-get install chromium) and, for
# the print pages, pdftoppm (poppler-utils). Not used by the tests or CI.
#
#   scripts/screenshot.sh [REPORT_DIR] [OUT_DIR]
#
# REPORT_DIR defaults to a fresh `smartcity report` of samples/ in a temporary folder, in the
# language REPORT_LANG (id or en, default id).
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-}
out=${2:-target/screenshots}
if [[ -z "$report" ]]; then
  report=$(mktemp -d)
  SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1717144200} \
    cargo run -q --release -- --lang "${REPORT_LANG:-id}" report -q -o "$report" samples/
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
card=$(ls "$report"/scorecards/*.html | sort | tail -n 1)
for w in "1280 3600 desktop" "390 5200 phone"; do
  set -- $w
  shoot "$report/index.html" "$1" "$2" "index-$3"
  shoot "$card" "$1" "$2" "scorecard-$3"
done
pdf "$report/index.html" index-print
pdf "$card" scorecard-print
echo "report: $report"
ls "$out"
