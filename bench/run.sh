#!/usr/bin/env bash
# Benchmark sscheck against the parse-only floor (bench/floor.rs).
#
#   bench/run.sh [CENTERS...]      default: 3000 300 (add 30000 for the national-scale memory check)
#
# Environment:
#   REPS=5                 runs per measurement; the median wall time is reported
#   BENCH_DIR=/tmp/sscheck-bench   corpus folders are $BENCH_DIR-$CENTERS
#   REUSE_CORPUS=1         keep an existing corpus instead of regenerating it
#   RAYON_NUM_THREADS=N    worker threads for both the floor and sscheck
#   PROFILE=release-lto    cargo profile both are built with (release: quicker to build)
set -euo pipefail
export CARGO_TERM_COLOR=never

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -gt 0 ]]; then SIZES=("$@"); else SIZES=(3000 300); fi
REPS="${REPS:-5}"
BENCH_DIR="${BENCH_DIR:-/tmp/sscheck-bench}"

for n in "${SIZES[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: centers must be a positive integer, got '$n'" >&2; exit 2; }
done

log() { echo "== $*" >&2; }

# ---- build ------------------------------------------------------------------------------
# sscheck and the floor are built with the same profile: the ratio compares programs, not
# compiler settings. release-lto is what bulk audits are told to install (README).
PROFILE="${PROFILE:-release-lto}"
cd "$REPO"
log "building (profile $PROFILE)"
cargo build --profile "$PROFILE" -p sscheck -p sscheck-corpus
cargo bench --no-run --bench floor --profile "$PROFILE"
OUT="$REPO/target/$PROFILE"
[[ "$PROFILE" == dev ]] && OUT="$REPO/target/debug"
SSCHECK="$OUT/sscheck"
# The corpus generator (corpus/, the sscheck-corpus crate).
GEN="$OUT/sscheck-corpus"
# The newest floor executable (cargo leaves older hashes around).
FLOOR="$(find "$OUT/deps" -maxdepth 1 -type f -name 'floor-*' -executable \
           -printf '%T@ %p\n' | sort -rn | head -n1 | cut -d' ' -f2-)"
[[ -n "$FLOOR" && -x "$SSCHECK" && -x "$GEN" ]] || { echo "run.sh: build products not found" >&2; exit 1; }
log "floor:   $FLOOR"
log "sscheck: $SSCHECK"

# ---- timing -----------------------------------------------------------------------------
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
    HAVE_GNU_TIME=1
else
    HAVE_GNU_TIME=0
    log "/usr/bin/time (GNU) not found: wall time from bash, no peak RSS"
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# run_once CMD...: runs CMD (stdout to $TMP/out), prints "WALL_S RSS_KB" (RSS "-" if unknown).
run_once() {
    local rc=0
    if [[ $HAVE_GNU_TIME == 1 ]]; then
        /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >"$TMP/out" || rc=$?
        [[ $rc == 0 ]] || { echo "run.sh: '$*' exited $rc" >&2; cat "$TMP/out" >&2; exit 1; }
        tail -n1 "$TMP/time"
    else
        local TIMEFORMAT='%R'
        { time "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?; } 2>"$TMP/time"
        [[ $rc == 0 ]] || { echo "run.sh: '$*' exited $rc" >&2; cat "$TMP/err" >&2; exit 1; }
        echo "$(tail -n1 "$TMP/time") -"
    fi
}

# measure NAME CMD...: REPS runs; sets M_WALL (median s) and M_RSS (max peak RSS, MB).
measure() {
    local name="$1"; shift
    local walls=() rss=() line i
    for ((i = 1; i <= REPS; i++)); do
        line="$(run_once "$@")"
        walls+=("${line%% *}")
        rss+=("${line##* }")
        log "  $name run $i/$REPS: ${line%% *} s"
    done
    M_WALL="$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')"
    if [[ "${rss[0]}" == "-" ]]; then
        M_RSS="n/a"
    else
        M_RSS="$(printf '%s\n' "${rss[@]}" | sort -g | tail -n1 | awk '{printf "%.0f", $1/1024}')"
    fi
}

# bench N: generate the N-center corpus, measure the floor and sscheck on it; appends a row.
ROWS=()
bench() {
    local n="$1" dir="$BENCH_DIR-$1"
    if [[ "${REUSE_CORPUS:-0}" == 1 && -f "$dir/manifest.json" ]]; then
        log "reusing corpus $dir"
    else
        log "generating $n centers in $dir"
        "$GEN" "$dir" --centers "$n" --seed 1 --force >&2
    fi
    # One untimed pass so every run sees a warm page cache.
    "$FLOOR" "$dir" >&2

    log "floor, $n centers"
    measure floor "$FLOOR" "$dir"
    local fw="$M_WALL" fr="$M_RSS"
    log "$(tail -n1 "$TMP/out")"

    # The same run with every rule off (only the input diagnostics selected): loading,
    # discovery, scoring and the report, to tell the loaders' share of the gap from the rules'.
    log "sscheck audit, rules off, $n centers"
    measure load "$SSCHECK" audit "$dir" --format json -o /dev/null --fail-on never --no-progress --select input
    local lw="$M_WALL"

    log "sscheck audit, $n centers"
    measure sscheck "$SSCHECK" audit "$dir" --format json -o /dev/null --fail-on never --no-progress
    local sw="$M_WALL" sr="$M_RSS"

    ROWS+=("$n $fw $sw $fr $sr $lw")
}

for n in "${SIZES[@]}"; do
    bench "$n"
done

# ---- report -----------------------------------------------------------------------------
echo
echo "sscheck audit vs parse-only floor (median of $REPS wall times, peak RSS = max of $REPS runs;" \
     "threads: ${RAYON_NUM_THREADS:-$(nproc)})"
printf '%s\n' "${ROWS[@]}" | sort -n | awk '
    BEGIN {
        printf "%8s %9s %11s %11s %7s %14s %16s\n", "centers", "floor s", "rules off s", "sscheck s", "ratio", "floor RSS MB", "sscheck RSS MB"
    }
    {
        ratio = ($2 > 0) ? sprintf("%.2f", $3 / $2) : "n/a"
        printf "%8d %9.2f %11.2f %11.2f %7s %14s %16s\n", $1, $2, $6, $3, ratio, $4, $5
        n[NR] = $1; f[NR] = $2; s[NR] = $3
    }
    END {
        if (NR >= 2 && f[1] > 0 && s[1] > 0) {
            printf "growth %d -> %d centers (x%.1f): floor x%.2f, sscheck x%.2f (linear = x%.1f)\n",
                n[1], n[NR], n[NR] / n[1], f[NR] / f[1], s[NR] / s[1], n[NR] / n[1]
        }
    }'
