#!/usr/bin/env bash
# Measures how the time and peak memory of `gapstudy validate` and of
# `gapstudy run -o … --json …` grow with the number of respondents of a
# SYNTHETIC survey-tool export (60 questions; 10,000, 30,000 and 100,000
# respondents by default), side by side in one run: each command RUNS times
# (default 3) after one warm-up, the median reported, wall time and peak
# resident memory from /usr/bin/time -v. With PANDAS=1 it also times
# pandas.read_excel on the largest file (Debian's python3-pandas, through
# /usr/bin/python3).
#
#   scripts/performance.sh [OUTDIR]
#
# OUTDIR (default: a new temporary folder) receives the exports, the outputs,
# measurements.tsv (every run), medians.tsv and performance.svg (the plot).
# The goals of docs/performance.md are checked at the end; the exit code is 1
# when one is missed.
set -euo pipefail

SIZES=${SIZES:-"10000 30000 100000"}
RUNS=${RUNS:-3}
PANDAS=${PANDAS:-0}
out=${1:-$(mktemp -d)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 2; }

cd "$root"
go build -o "$out/gapstudy" ./cmd/gapstudy
go build -o "$out/genbig" ./internal/synth/cmd/genbig
go build -o "$out/perfplot" ./scripts/perfplot

# measure NAME SIZE CMD…: one run; appends "name size seconds kib" to measurements.tsv
measure() {
	local name=$1 size=$2
	shift 2
	local log="$out/time.log"
	/usr/bin/time -v "$@" >/dev/null 2>"$log" || { echo "failed: $*" >&2; tail -5 "$log" >&2; exit 1; }
	local wall kib
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
	kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
	printf '%s\t%s\t%s\t%s\n' "$name" "$size" "$wall" "$kib" >>"$out/measurements.tsv"
}

printf 'command\trespondents\tseconds\tpeak_kib\n' >"$out/measurements.tsv"
for n in $SIZES; do
	f="$out/big-synthetic-$n.xlsx"
	[ -f "$f" ] || "$out/genbig" -respondents "$n" -o "$f"
	mkdir -p "$out/run-$n"
	validate=("$out/gapstudy" validate --max-size 1GiB "$f")
	run=("$out/gapstudy" run --max-size 1GiB -o "$out/run-$n/results-synthetic.xlsx" --json "$out/run-$n/results-synthetic.json" "$f")
	"${validate[@]}" >/dev/null 2>&1 || true # warm-up
	for ((i = 0; i < RUNS; i++)); do
		measure validate "$n" "${validate[@]}"
		measure run "$n" "${run[@]}"
	done
	if [ "$PANDAS" = 1 ] && [ "$n" = "${SIZES##* }" ]; then
		for ((i = 0; i < RUNS; i++)); do
			measure pandas "$n" /usr/bin/python3 -c "import pandas, sys; pandas.read_excel(sys.argv[1])" "$f"
		done
	fi
done

"$out/perfplot" -o "$out/performance.svg" "$out/measurements.tsv" >"$out/medians.tsv"
column -t "$out/medians.tsv"
echo "plot: $out/performance.svg"

# goals
status=0
median() { awk -F'\t' -v c="$1" -v n="$2" -v k="$3" '$1==c && $2==n {print $k}' "$out/medians.tsv"; }
largest=${SIZES##* }
rv=$(median validate "$largest" 3); rr=$(median run "$largest" 3); rm_=$(median run "$largest" 4)
if awk -v a="$rr" -v b="$rv" 'BEGIN{exit !(a <= 20*b)}'; then echo "ok: run ≤ 20 × validate at $largest ($rr s vs $rv s)"; else echo "MISSED: run > 20 × validate at $largest ($rr s vs $rv s)"; status=1; fi
if awk -v m="$rm_" 'BEGIN{exit !(m <= 1024)}'; then echo "ok: run at $largest peaks at $rm_ MiB ≤ 1024"; else echo "MISSED: run at $largest peaks at $rm_ MiB > 1024"; status=1; fi
case " $SIZES " in *" 10000 "*)
	m=$(median run 10000 4)
	if awk -v m="$m" 'BEGIN{exit !(m <= 300)}'; then echo "ok: run at 10000 peaks at $m MiB ≤ 300"; else echo "MISSED: run at 10000 peaks at $m MiB > 300"; status=1; fi ;;
esac
if [ "$PANDAS" = 1 ]; then
	rp=$(median pandas "$largest" 3)
	if awk -v a="$rp" -v b="$rv" 'BEGIN{exit !(a >= 18*b)}'; then echo "ok: validate ≥ 18 × faster than pandas ($rv s vs $rp s)"; else echo "MISSED: validate < 18 × faster than pandas ($rv s vs $rp s)"; status=1; fi
fi
exit $status
