#!/usr/bin/env bash
# Regenerates the illustrative samples: questionnaires written by smartcity's own writer, some of
# them re-saved by LibreOffice as .ods (as staff using LibreOffice would send them), and a
# long-table CSV. Needs LibreOffice (Debian package libreoffice-calc) for the .ods files.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf samples/questionnaires samples/long-table-2021-2022.csv
cargo run -q --example make_samples -- samples >/dev/null
profile=$(mktemp -d)
for f in samples/questionnaires/kabupaten-jombang-*.xlsx samples/questionnaires/kota-padang-*.xlsx; do
  soffice -env:UserInstallation=file://"$profile" --headless --calc \
    --convert-to ods --outdir samples/questionnaires "$f" >/dev/null
  rm "$f"
done
rm -rf "$profile"
# Kota Bandung 2022 as reviewed by evaluators (a few answers lowered, with notes): its review
# workbook filled in LibreOffice replaces the questionnaire, still one file per region-year.
cp samples/questionnaires/kota-bandung-2022.xlsx tests/fixtures/review/source-bandung-2022.xlsx
cargo build -q
/usr/bin/python3 tests/fixtures/review/fill_review_with_libreoffice.py
cp tests/fixtures/review/review-bandung-2022.xlsx samples/questionnaires/kota-bandung-2022.xlsx
ls samples/questionnaires
