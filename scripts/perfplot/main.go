// Command perfplot reads the measurements that scripts/performance.sh writes
// (command, respondents, seconds, peak KiB, one run a line), prints the median
// of each command and size (seconds and peak MiB) as a table, and draws them
// in an SVG: time and peak memory against the number of respondents, one line
// per command.
//
//	perfplot -o performance.svg measurements.tsv > medians.tsv
package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "perfplot:", err)
		os.Exit(1)
	}
}

// point is the median of the runs of one command on one size.
type point struct {
	command     string
	respondents int
	seconds     float64
	peakMiB     float64
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("perfplot", flag.ContinueOnError)
	out := fs.String("o", "performance.svg", "the SVG `file` to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("want one measurements file, got %d arguments", fs.NArg())
	}
	points, err := read(fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "command\trespondents\tseconds\tpeak_mib")
	for _, p := range points {
		fmt.Fprintf(stdout, "%s\t%d\t%.2f\t%.0f\n", p.command, p.respondents, p.seconds, p.peakMiB)
	}
	return os.WriteFile(*out, []byte(svg(points)), 0o644)
}

// read returns the medians of the measurements in path, by command then size.
func read(path string) ([]point, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type key struct {
		command     string
		respondents int
	}
	secs := map[key][]float64{}
	kib := map[key][]float64{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), "\t")
		if line == 1 || len(fields) == 1 && fields[0] == "" {
			continue // the header, a blank line
		}
		if len(fields) != 4 {
			return nil, fmt.Errorf("%s:%d: want 4 fields, got %d", path, line, len(fields))
		}
		n, err1 := strconv.Atoi(fields[1])
		s, err2 := strconv.ParseFloat(fields[2], 64)
		k, err3 := strconv.ParseFloat(fields[3], 64)
		if err := cmp.Or(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		kk := key{fields[0], n}
		secs[kk] = append(secs[kk], s)
		kib[kk] = append(kib[kk], k)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []point
	for k := range secs {
		out = append(out, point{k.command, k.respondents, median(secs[k]), median(kib[k]) / 1024})
	}
	slices.SortFunc(out, func(a, b point) int {
		return cmp.Or(strings.Compare(a.command, b.command), cmp.Compare(a.respondents, b.respondents))
	})
	return out, nil
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// svg draws two panels side by side: seconds and peak MiB against thousands of
// respondents.
func svg(points []point) string {
	const h, pad, panelW = 340, 56, 380
	const w = pad + 2*panelW + pad + 40
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Liberation Sans, Arial, sans-serif" font-size="12">`+"\n", w, h, w, h)
	b.WriteString(`<rect width="100%" height="100%" fill="white"/>` + "\n")
	fmt.Fprintf(&b, `<text x="%d" y="18" font-size="14">SYNTHETIC survey-tool exports, 60 questions: medians of the runs</text>`+"\n", pad)
	var commands []string
	var sizes []int
	maxN := 0.0
	for _, p := range points {
		if !slices.Contains(commands, p.command) {
			commands = append(commands, p.command)
		}
		if !slices.Contains(sizes, p.respondents) {
			sizes = append(sizes, p.respondents)
		}
		maxN = max(maxN, float64(p.respondents)/1000)
	}
	colours := []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd"}
	panels := []struct {
		title string
		value func(point) float64
	}{
		{"wall time (s)", func(p point) float64 { return p.seconds }},
		{"peak memory, RSS (MiB)", func(p point) float64 { return p.peakMiB }},
	}
	for pi, panel := range panels {
		x0 := float64(pad + pi*(panelW+pad))
		y0, y1 := 40.0, float64(h-50)
		maxV := 0.0
		for _, p := range points {
			maxV = max(maxV, panel.value(p))
		}
		maxV = niceCeil(maxV)
		xs := func(n float64) float64 { return x0 + n/maxN*panelW }
		ys := func(v float64) float64 { return y1 - v/maxV*(y1-y0) }
		fmt.Fprintf(&b, `<text x="%.0f" y="34">%s</text>`+"\n", x0, html.EscapeString(panel.title))
		fmt.Fprintf(&b, `<path d="M%.1f %.1f V%.1f H%.1f" fill="none" stroke="#444"/>`+"\n", x0, y0, y1, x0+panelW)
		for t := 0; t <= 4; t++ {
			v := maxV * float64(t) / 4
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n", x0-6, ys(v)+4, trim(v))
			fmt.Fprintf(&b, `<path d="M%.1f %.1f H%.1f" stroke="#ddd"/>`+"\n", x0, ys(v), x0+panelW)
		}
		for _, size := range sizes {
			n := float64(size) / 1000
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%sk</text>`+"\n", xs(n), y1+16, trim(n))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">respondents</text>`+"\n", x0+panelW/2, y1+34)
		for ci, c := range commands {
			col := colours[ci%len(colours)]
			var pts []string
			for _, p := range points {
				if p.command == c {
					x, y := xs(float64(p.respondents)/1000), ys(panel.value(p))
					pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
					fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", x, y, col)
				}
			}
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), col)
			if pi == 0 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="%s">— %s</text>`+"\n", x0+10, 56+16*ci, col, html.EscapeString(c))
			}
		}
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func trim(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
