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
ls samples/questionnaires
