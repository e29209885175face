#!/usr/bin/env bash
# National-scale benchmark of smartcity (issue #5): builds in release, writes the corpus once
# (examples/gen_corpus.rs) and measures, for each corpus, the wall time and peak memory of
# `smartcity score`, of `smartcity report` when it works, and of the floor (examples/floor.rs: a
# bare calamine / csv pass over the same files in the same number of threads). Prints the table
# and the targets, and writes them into bench/RESULTS.md between the generated-block markers
# (the analysis around them is kept).
#
#   bench/run.sh                 # everything
#   BENCH_DIR=/data/bench REPEAT=5 bench/run.sh
#
# Environment:
#   BENCH_DIR   corpus and scratch folder (default /tmp/smartcity-bench; never in the repo)
#   REPEAT      timed runs per measurement, after one untimed warm-up (default 3); the best
#               wall time and the best CPU time (user + system) are kept — noise on a shared
#               machine only ever adds time — and the largest peak memory
#   THREADS     threads of the main measurements (default 2: the issue's laptop and this CI)
#   RESULTS     where to write the table (default bench/RESULTS.md)
#   REGENERATE  1 to rewrite the corpus even if one of the current version exists
#   BENCH_COMMIT what to call the measured source in the results (default: git HEAD of this tree)
#   PANEL_YEARS the village panels measured (issue 17; default "4 10": every village × 4 and × 10
#               years, written once by examples/gen_panel.rs from the one-year table); "" for none
#   PYTHON      a Python 3 for the bare `csv.reader` pass the village CSV is compared with
#               (default python3; the comparison is left out when there is none)
#   REPORT_PANELS the village inputs `report` is measured on beside `score --format json` (issue 17,
#               item 5; default "1 4 10": the one-year CSV and the 4- and 10-year panels; "" for
#               none). Each writes a whole report: the 10-year one about 10 GB of results.json
#               plus the rest, in $BENCH_DIR/out, replaced on every round.
#   SCOREJSON_PANELS those of REPORT_PANELS where `score --format json` is measured too, for the
#               report's time target (default "1 4": `score --format json` builds its whole
#               output in memory, which for the 10-year panel is about 15 GB on top of the
#               results; add 10 on a machine with 32 GB to spare)
#
# Needs GNU time (/usr/bin/time, Debian package `time`) for peak memory.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/smartcity-bench}
REPEAT=${REPEAT:-3}
THREADS=${THREADS:-2}
RESULTS=${RESULTS:-$ROOT/bench/RESULTS.md}
CORPUS_VERSION=1
VILLAGE_FW=$ROOT/bench/desa-cerdas.toml
OUT=$BENCH_DIR/out
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET_DIR/release/smartcity
GEN=$TARGET_DIR/release/examples/gen_corpus
FLOOR=$TARGET_DIR/release/examples/floor
GEN_PANEL=$TARGET_DIR/release/examples/gen_panel
PANEL_YEARS=${PANEL_YEARS-4 10}
PYTHON=${PYTHON:-python3}
REPORT_PANELS=${REPORT_PANELS-1 4 10}
SCOREJSON_PANELS=${SCOREJSON_PANELS-1 4}

if [[ ! -x /usr/bin/time ]]; then
  echo "bench/run.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi

echo "== build (release)" >&2
(cd "$ROOT" && cargo build --release --quiet --bin smartcity --example gen_corpus --example gen_panel --example floor)

mkdir -p "$BENCH_DIR" "$OUT"
if [[ ${REGENERATE:-0} == 1 ]] || ! grep -qx "corpus_version=$CORPUS_VERSION" "$BENCH_DIR/CORPUS.txt" 2>/dev/null; then
  echo "== corpus → $BENCH_DIR (written once, reused by later runs)" >&2
  start=$(date +%s.%N)
  "$GEN" "$BENCH_DIR" --village-framework "$VILLAGE_FW" >/dev/null
  GEN_SECS=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
else
  echo "== corpus: reusing $BENCH_DIR (REGENERATE=1 to rewrite)" >&2
  GEN_SECS=""
fi
VILLAGE_CSV=$(sed -n 's/^village_csv=//p' "$BENCH_DIR/CORPUS.txt")
VILLAGE_XLSX=$(sed -n 's/^village_xlsx=//p' "$BENCH_DIR/CORPUS.txt")
SETS=$BENCH_DIR/sets

# Village panels (issue 17): the one-year table repeated for the years before it, answers moved
# from year to year; written once next to the corpus (never in the repository).
declare -A PANEL
for y in $PANEL_YEARS; do
  PANEL[$y]=$BENCH_DIR/panel/desa-cerdas-${y}y.csv
  if [[ ! -s ${PANEL[$y]} || ${PANEL[$y]} -ot $VILLAGE_CSV ]]; then
    echo "== panel: $y years → ${PANEL[$y]}" >&2
    mkdir -p "$BENCH_DIR/panel"
    "$GEN_PANEL" "$VILLAGE_CSV" "${PANEL[$y]}" "$y"
  fi
done

declare -A WALL CPU RSS FILES NOTE
ORDER=()

# Measurements are planned first (`plan NAME THREADS CMD...`), then run in rounds: every round runs
# each planned command once, so a floor and the runs compared with it are taken minutes apart at
# most, under the same state of the machine (on a shared or virtual machine its speed drifts by a
# third within a quarter of an hour). Round 0 is a warm-up; of the REPEAT timed rounds the best
# wall time and the best CPU time (seconds) are kept, and the largest peak RSS (KiB). Exit codes 0
# and 1 both count as a run (1 means some inputs were rejected, which the corpus does on purpose);
# anything else drops the measurement. BEFORE_EACH, if set when planning, is removed before each run.
PLAN_NAME=()
PLAN_THREADS=()
PLAN_CMD=()
PLAN_BEFORE=()
plan() {
  local name=$1 threads=$2
  shift 2
  PLAN_NAME+=("$name")
  PLAN_THREADS+=("$threads")
  PLAN_CMD+=("$(printf '%q ' "$@")")
  PLAN_BEFORE+=("${BEFORE_EACH:-}")
}

run_plan() {
  local round i name threads start end wall cpu rss rc
  for ((round = 0; round <= REPEAT; round++)); do
    echo "== round $round of $REPEAT$( ((round == 0)) && echo ' (warm-up)')" >&2
    for i in "${!PLAN_NAME[@]}"; do
      name=${PLAN_NAME[$i]}
      threads=${PLAN_THREADS[$i]}
      [[ -n ${NOTE[$name]:-} ]] && continue
      [[ -n ${PLAN_BEFORE[$i]} ]] && rm -rf "${PLAN_BEFORE[$i]}"
      start=$(date +%s.%N)
      set +e
      eval "RAYON_NUM_THREADS=$threads /usr/bin/time -v -o \"\$OUT/time.txt\" ${PLAN_CMD[$i]}" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr"
      rc=$?
      set -e
      end=$(date +%s.%N)
      if ((rc > 1)); then
        echo "   $name: exit $rc — see $OUT/$name.stderr" >&2
        NOTE[$name]="failed (exit $rc)"
        continue
      fi
      ((round == 0)) && continue
      wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')
      rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/time.txt")
      cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.4f", s }' "$OUT/time.txt")
      if [[ -z ${WALL[$name]:-} ]] || awk -v w="$wall" -v b="${WALL[$name]}" 'BEGIN { exit !(w < b) }'; then WALL[$name]=$wall; fi
      if [[ -z ${CPU[$name]:-} ]] || awk -v w="$cpu" -v b="${CPU[$name]}" 'BEGIN { exit !(w < b) }'; then CPU[$name]=$cpu; fi
      ((rss > ${RSS[$name]:-0})) && RSS[$name]=$rss
    done
  done
  for i in "${!PLAN_NAME[@]}"; do
    name=${PLAN_NAME[$i]}
    [[ -z ${WALL[$name]:-} ]] && continue
    ORDER+=("$name")
    printf '   %-28s %2s thr  %8.3f s wall  %8.3f s cpu  %7.1f MB\n' "$name" "${PLAN_THREADS[$i]}" "${WALL[$name]}" "${CPU[$name]}" "$(awk -v k="${RSS[$name]}" 'BEGIN { print k / 1024 }')" >&2
  done
}

# The summary line `score` ends with: "N files read, M region-years scored, K rejected, …".
summary() { grep -E 'files read|berkas dibaca' "$OUT/$1.stderr" | tail -1 || true; }

SCORE=("$BIN" --lang en score --format csv -o "$OUT/score.csv")

# `report` is measured only once it works: it must finish with 0 or 1 on the samples and write
# something into its output folder.
REPORT_OK=0
REPORT_WHY=""
rm -rf "$OUT/report-probe"
set +e
"$BIN" --lang en report -q -o "$OUT/report-probe" "$ROOT/samples" >/dev/null 2>"$OUT/report-probe.stderr"
rc=$?
set -e
if ((rc <= 1)) && [[ -n $(ls -A "$OUT/report-probe" 2>/dev/null) ]]; then
  REPORT_OK=1
else
  REPORT_WHY="\`smartcity report\` does not work yet (exit $rc: $(head -c 120 "$OUT/report-probe.stderr" | tr '\n' ' '))"
  echo "== report skipped: $REPORT_WHY" >&2
fi
# The report folder is emptied before every run (BEFORE_EACH), outside the timed part.
REPORT=("$BIN" --lang en report -o "$OUT/report")

count_files() { find "$@" -type f \( -name '*.xlsx' -o -name '*.csv' \) | wc -l; }

# Regency questionnaires, 514 regions × 2 years.
R=$SETS/regency-1028
FILES[r1028]=$(count_files "$R")
plan floor_r1028 "$THREADS" "$FLOOR" "$R"
plan score_r1028 "$THREADS" "${SCORE[@]}" "$R"
if ((REPORT_OK)); then BEFORE_EACH=$OUT/report plan report_r1028 "$THREADS" "${REPORT[@]}" "$R"; fi

# The same, 1 thread.
plan floor_r1028_t1 1 "$FLOOR" "$R"
plan score_r1028_t1 1 "${SCORE[@]}" "$R"

# Scaling: 257, 514, 2,056 workbooks.
for n in 257 514 2056; do
  FILES[r$n]=$(count_files "$SETS/regency-$n")
  plan "floor_r$n" "$THREADS" "$FLOOR" "$SETS/regency-$n"
  plan "score_r$n" "$THREADS" "${SCORE[@]}" "$SETS/regency-$n"
done

# Villages: 83,763 × 30 answers, long-table CSV.
plan floor_vcsv "$THREADS" "$FLOOR" "$VILLAGE_CSV"
plan score_vcsv "$THREADS" "${SCORE[@]}" --framework "$VILLAGE_FW" "$VILLAGE_CSV"
# One file, read in blocks on every thread: what the threads bring.
plan score_vcsv_t1 1 "${SCORE[@]}" --framework "$VILLAGE_FW" "$VILLAGE_CSV"
# A bare Python `csv.reader` pass over the same file (issue 17: `score` at most 0.5 × this).
HAVE_PYTHON=0
if command -v "$PYTHON" >/dev/null; then
  HAVE_PYTHON=1
  plan pyfloor_vcsv 1 "$PYTHON" -c 'import csv, sys
for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8", errors="replace"), delimiter=";"): pass' "$VILLAGE_CSV"
fi
# Village panels: every village × N years in one long table.
for y in $PANEL_YEARS; do
  plan "floor_p$y" "$THREADS" "$FLOOR" "${PANEL[$y]}"
  plan "score_p$y" "$THREADS" "${SCORE[@]}" --framework "$VILLAGE_FW" "${PANEL[$y]}"
done

# `report` at panel scale (issue 17, item 5): one scorecard per village, against `score --format
# json` on the same input (the report writes that file too). Each report has its own folder, so
# what it wrote can be measured after the rounds.
declare -A PANEL_INPUT
for y in $REPORT_PANELS; do
  if ((y == 1)); then PANEL_INPUT[$y]=$VILLAGE_CSV; else PANEL_INPUT[$y]=${PANEL[$y]:-}; fi
  [[ -z ${PANEL_INPUT[$y]} ]] && { echo "== report_p$y skipped: the $y-year panel is not in PANEL_YEARS" >&2; continue; }
  if [[ " $SCOREJSON_PANELS " == *" $y "* ]]; then
    plan "scorejson_p$y" "$THREADS" "$BIN" --lang en score --format json -o "$OUT/score-p$y.json" --framework "$VILLAGE_FW" "${PANEL_INPUT[$y]}"
  fi
  if ((REPORT_OK)); then
    BEFORE_EACH=$OUT/report-p$y plan "report_p$y" "$THREADS" "$BIN" --lang en report -o "$OUT/report-p$y" --framework "$VILLAGE_FW" "${PANEL_INPUT[$y]}"
  fi
done

# Villages: wide xlsx.
plan floor_vxlsx "$THREADS" "$FLOOR" "$VILLAGE_XLSX"
# Not a target's floor: what calamine's streaming cell reader needs, for the memory analysis.
plan floorstream_vxlsx "$THREADS" "$FLOOR" --stream "$VILLAGE_XLSX"
plan score_vxlsx "$THREADS" "${SCORE[@]}" --framework "$VILLAGE_FW" "$VILLAGE_XLSX"
# One workbook, parsed on a thread of its own while its rows are validated on the others.
plan score_vxlsx_t1 1 "${SCORE[@]}" --framework "$VILLAGE_FW" "$VILLAGE_XLSX"

run_plan
SUMMARY_R1028=$(summary score_r1028)
SUMMARY_VCSV=$(summary score_vcsv)
SUMMARY_VXLSX=$(summary score_vxlsx)
SUMMARY_PANELS=""
for y in $PANEL_YEARS; do SUMMARY_PANELS+="; $y-year panel — $(summary score_p$y)"; done
# What each panel report wrote (its last round): everything but results.json, and results.json.
declare -A WROTE_REST WROTE_JSON
for y in $REPORT_PANELS; do
  dir=$OUT/report-p$y
  [[ -d $dir ]] || continue
  WROTE_JSON[$y]=$(stat -c %s "$dir/results.json" 2>/dev/null || echo 0)
  WROTE_REST[$y]=$(($(du -sb "$dir" | cut -f1) - WROTE_JSON[$y]))
  SUMMARY_PANELS+="; report, $y year(s) — $(grep -E 'report written' "$OUT/report_p$y.stderr" | tail -1 || true)"
done

# ---------------------------------------------------------------------------------------------
# Table and targets
# ---------------------------------------------------------------------------------------------
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
mb() { calc "${RSS[$1]} / 1024" 1; }
ms_per_file() { calc "${WALL[$1]} * 1000 / $2" 2; }
# verdict MEASURED OP LIMIT → met / MISSED
verdict() { awk -v m="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=" || op == "≤") ? m <= l : m >= l; print ok ? "met" : "**MISSED**" }'; }

row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }
table=$(
  row "run" "threads" "inputs" "wall s (best of $REPEAT)" "CPU s (user + sys)" "wall ms per file" "peak RSS MB"
  row "---" "---:" "---" "---:" "---:" "---:" "---:"
  for name in "${ORDER[@]}"; do
    case $name in
      *_t1) thr=1 ;;
      *) thr=$THREADS ;;
    esac
    case $name in
      *_r1028*) inp="1,028 regency workbooks"; n=${FILES[r1028]} ;;
      *_r257) inp="257 regency workbooks"; n=${FILES[r257]} ;;
      *_r514) inp="514 regency workbooks"; n=${FILES[r514]} ;;
      *_r2056) inp="2,056 regency workbooks"; n=${FILES[r2056]} ;;
      *_vcsv*) inp="83,763 villages, long CSV"; n=1 ;;
      *_vxlsx*) inp="83,763 villages, wide xlsx"; n=1 ;;
      *_p1) inp="83,763 villages, long CSV"; n=1 ;;
      *_p[0-9]*) inp="83,763 villages × ${name##*_p} years, long CSV"; n=1 ;;
    esac
    case $name in
      floorstream_*) run="\`floor --stream\`" ;;
      pyfloor_*) run="Python \`csv.reader\`" ;;
      scorejson_*) run="\`score --format json\`" ;;
      *) run="\`${name%%_*}\`" ;;
    esac
    row "$run" "$thr" "$inp" "$(calc "${WALL[$name]}" 3)" "$(calc "${CPU[$name]}" 3)" "$(ms_per_file "$name" "$n")" "$(mb "$name")"
  done
)

ratio() { calc "${WALL[$1]} / ${WALL[$2]}" 2; }
cpu_ratio() { calc "${CPU[$1]} / ${CPU[$2]}" 2; }
# target TEXT WALL_MEASURED CPU_MEASURED OP LIMIT UNIT — one row; the verdict is on the wall time.
target() { echo "| $1 | $2$6 | $3 | $4 $5$6 | $(verdict "$2" "$4" "$5") |"; }
targets=$(
  echo "| target | measured (wall time) | same in CPU time | limit | status |"
  echo "| --- | ---: | ---: | ---: | --- |"
  target "\`score\` 1,028 workbooks ÷ calamine floor" "$(ratio score_r1028 floor_r1028)" "$(cpu_ratio score_r1028 floor_r1028) ×" "≤" 1.25 " ×"
  if [[ -n ${WALL[report_r1028]:-} ]]; then
    target "\`report\` 1,028 workbooks ÷ calamine floor" "$(ratio report_r1028 floor_r1028)" "$(cpu_ratio report_r1028 floor_r1028) ×" "≤" 3 " ×"
  else
    echo "| \`report\` 1,028 workbooks ÷ calamine floor | not measured | | ≤ 3 × | skipped: ${REPORT_WHY:-${NOTE[report_r1028]:-}} |"
  fi
  target "\`score\` village CSV ÷ csv-crate floor" "$(ratio score_vcsv floor_vcsv)" "$(cpu_ratio score_vcsv floor_vcsv) ×" "≤" 2 " ×"
  target "\`score\` village xlsx ÷ calamine floor" "$(ratio score_vxlsx floor_vxlsx)" "$(cpu_ratio score_vxlsx floor_vxlsx) ×" "≤" 1.5 " ×"
  pf=()
  pc=()
  for n in 257 514 1028 2056; do
    pf+=("$(ms_per_file "score_r$n" "${FILES[r$n]}")")
    pc+=("$(calc "${CPU[score_r$n]} * 1000 / ${FILES[r$n]}" 2)")
  done
  spread() { printf '%s\n' "$@" | awk 'NR == 1 { lo = hi = $1 } { if ($1 < lo) lo = $1; if ($1 > hi) hi = $1 } END { printf "%.2f", hi / lo }'; }
  target "per-file time flat over 257 / 514 / 1,028 / 2,056 workbooks: max ÷ min of ${pf[*]} ms (CPU: ${pc[*]} ms)" "$(spread "${pf[@]}")" "$(spread "${pc[@]}") ×" "≤" 1.10 " ×"
  target "\`score\` 1 thread ÷ $THREADS threads, 1,028 workbooks (floor: $(ratio floor_r1028_t1 floor_r1028) ×)" "$(ratio score_r1028_t1 score_r1028)" "—" "≥" 1.7 " ×"
  target "\`score\` village CSV, 1 thread ÷ $THREADS threads (one file: the floor cannot use a second thread)" "$(ratio score_vcsv_t1 score_vcsv)" "—" "≥" 1.7 " ×"
  target "peak memory, \`score\` village CSV" "$(mb score_vcsv)" "—" "≤" 300 " MB"
  target "\`score\` village CSV ÷ csv-crate floor (issue 17)" "$(ratio score_vcsv floor_vcsv)" "$(cpu_ratio score_vcsv floor_vcsv) ×" "≤" 2.5 " ×"
  if ((HAVE_PYTHON)) && [[ -n ${WALL[pyfloor_vcsv]:-} ]]; then
    target "\`score\` village CSV ÷ Python \`csv.reader\` pass" "$(ratio score_vcsv pyfloor_vcsv)" "$(cpu_ratio score_vcsv pyfloor_vcsv) ×" "≤" 0.5 " ×"
  fi
  for y in $PANEL_YEARS; do
    [[ -z ${WALL[score_p$y]:-} ]] && { echo "| \`score\` $y-year panel | not measured | | | ${NOTE[score_p$y]:-failed} |"; continue; }
    ry=$((83763 * y))
    echo "| \`score\` $y-year panel: $(calc "$ry * 30 / ${WALL[score_p$y]} / 1000000" 2) M rows/s; $(calc "${RSS[score_p$y]} * 1024 / $ry" 0) bytes of peak RSS per region-year; $(ratio score_p$y floor_p$y) × its csv floor | | | | |"
    if ((y == 4)); then
      target "peak memory, \`score\` 4-year panel ÷ one year ($(mb score_p4) MB)" "$(calc "${RSS[score_p4]} / ${RSS[score_vcsv]}" 2)" "—" "≤" 1.5 " ×"
      target "peak memory, \`score\` 4-year panel" "$(mb score_p4)" "—" "≤" 600 " MB"
    fi
    if ((y == 10)); then
      target "peak memory, \`score\` 10-year panel" "$(mb score_p10)" "—" "≤" 1024 " MB"
    fi
  done
  for y in $REPORT_PANELS; do
    if [[ -z ${WALL[report_p$y]:-} ]]; then
      echo "| \`report\`, $y year(s) of villages | not measured | | | ${NOTE[report_p$y]:-skipped} |"
      continue
    fi
    if [[ -n ${WALL[scorejson_p$y]:-} ]]; then
      target "\`report\` ÷ \`score --format json\`, $y year(s) of villages" "$(ratio report_p$y scorejson_p$y)" "$(cpu_ratio report_p$y scorejson_p$y) ×" "≤" 3 " ×"
    else
      echo "| \`report\` ÷ \`score --format json\`, $y year(s) of villages | not measured | | ≤ 3 × | \`score --format json\` not run (SCOREJSON_PANELS) |"
    fi
    target "peak memory, \`report\`, $y year(s) of villages" "$(mb report_p$y)" "—" "≤" 1024 " MB"
    target "written by \`report\` but results.json ($(calc "${WROTE_JSON[$y]:-0} / 1073741824" 2) GB), $y year(s)" "$(calc "${WROTE_REST[$y]:-0} / 1073741824" 2)" "—" "≤" 6 " GB"
  done
  target "peak memory, \`score\` village xlsx (streaming calamine floor: $(mb floorstream_vxlsx) MB)" "$(mb score_vxlsx)" "—" "≤" 300 " MB"
  target "peak memory does not grow with workbooks: 2,056 ÷ 257 ($(mb score_r257) → $(mb score_r2056) MB)" "$(calc "${RSS[score_r2056]} / ${RSS[score_r257]}" 2)" "—" "≤" 1.10 " ×"
)

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no -- src 2>/dev/null) ]] && commit="$commit + uncommitted src/ changes"
commit=${BENCH_COMMIT:-$commit}
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
block=$(
  echo "<!-- bench:begin (written by bench/run.sh; edit outside these markers) -->"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $mem, $(rustc --version | cut -d' ' -f1-2), commit $commit."
  echo "Every command runs once per round, $REPEAT timed rounds after a warm-up round (files in the page cache), so a floor and what is compared with it are measured under the same state of the machine; wall and CPU time are the best of the rounds, peak memory the largest (GNU time's maximum resident set size)."
  [[ -n $GEN_SECS ]] && echo "Corpus written in $GEN_SECS s."
  echo
  echo "$table"
  echo
  echo "Targets:"
  echo
  echo "$targets"
  echo
  echo "What \`score\` said: 1,028 workbooks — ${SUMMARY_R1028:-?}; village CSV — ${SUMMARY_VCSV:-?}; village xlsx — ${SUMMARY_VXLSX:-?}${SUMMARY_PANELS}."
  echo
  echo "<!-- bench:end -->"
)

echo
echo "$block" | sed '/^<!--/d'

if [[ -f $RESULTS ]] && grep -q '<!-- bench:begin' "$RESULTS"; then
  awk -v block="$block" '
    /<!-- bench:begin/ { print block; skip = 1; next }
    /<!-- bench:end/ { skip = 0; next }
    !skip { print }
  ' "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
else
  {
    echo "# Benchmark results"
    echo
    echo "Written by \`bench/run.sh\` (see the script for what each run does)."
    echo
    echo "$block"
  } >"$RESULTS"
fi
echo "written: $RESULTS" >&2
