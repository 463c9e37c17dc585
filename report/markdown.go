package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// maxMarkdownDiagnostics is the number of errors listed in the Markdown summary;
// the rest are counted.
const maxMarkdownDiagnostics = 10

// WriteMarkdown writes a short summary of the result as GitHub-flavoured
// Markdown: the study and its data (a banner when the data are synthetic),
// headline numbers, the countries by rank, the top priorities (k from the result,
// 5 by default), when there are gaps the ten largest gaps with their exemplars
// ("Largest gaps and where the item is in place", SPEC 13), with an uncertainty analysis a "Robustness" section (the top
// priorities' median rank, 5th–95th percentile rank and P(top k); the input with
// the largest total Sobol index on the mean absolute rank shift; the range of
// the agreement between ranking methods), with a baseline a "Progress since the
// baseline" section (gaps closed, still open and new, countries improved and
// worsened, the largest index changes), with a known-issues register a "Known
// issues" section (the count of each verdict), and the first errors. Scores are rounded for reading (index to one
// decimal, coverage to whole percent); missing values show as "–". Table cells
// have "|" escaped and line breaks replaced by spaces.
func WriteMarkdown(w io.Writer, res *gapanalysis.Result) error {
	if err := check(res, true); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	sum := summarize(res)
	id, ctitle, version, _ := checklistInfo(res)
	k := topK(res, 0)

	p("# %s\n\n", mdInline(studyTitle(res, "")))
	if synthetic(res) {
		p("> **%s**\n\n", SyntheticBanner)
	}
	p("- Checklist: %s (%s, version %s)\n", mdInline(ctitle), mdInline(id), mdInline(version))
	if l := dataLabel(res); l != "" {
		p("- Data: %s — %s\n", mdInline(l), dataStatus(res))
	} else {
		p("- Data: %s\n", dataStatus(res))
	}
	p("- Ranking method: %s; missing answers: %s\n", mdInline(method(res)), mdInline(missingRule(res)))
	if v := res.Meta.ToolVersion; v != "" {
		p("- Tool: %s %s\n", mdInline(firstNonEmpty(res.Meta.Tool, "gapstudy")), mdInline(v))
	}

	p("\n## Headline numbers\n\n")
	p("| Figure | Value |\n| --- | ---: |\n")
	p("| Countries assessed | %d |\n", sum.countries)
	p("| Items | %d |\n", sum.items)
	p("| Gaps | %d |\n", sum.gaps)
	p("| Mean index (0–100) | %s |\n", mdScore(sum.meanIndex))
	p("| Mean coverage | %s |\n", mdPercent(sum.meanCoverage))
	p("| Errors / warnings | %d / %d |\n", sum.errors, sum.warnings)

	p("\n## Countries\n\n")
	head, sep := "| Rank | Code | Country | Index | Coverage | Gaps |", "| ---: | --- | --- | ---: | ---: | ---: |"
	for _, pl := range res.Checklist.Pillars {
		head += " Rank: " + mdInline(firstNonEmpty(pl.Title, string(pl.ID))) + " |"
		sep += " ---: |"
	}
	p("%s Rank note |\n%s --- |\n", head, sep)
	for _, c := range res.Countries {
		p("| %s | %s | %s | %s | %s | %d |", mdRank(c.Rank), mdInline(string(c.Code)),
			mdInline(firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code))),
			mdScore(c.Index), mdPercent(num(c.Coverage)), c.Gaps)
		for _, pl := range res.Checklist.Pillars {
			p(" %s |", mdRank(c.PillarRanks[pl.ID]))
		}
		p(" %s |\n", mdInline(c.RankNote))
	}

	p("\n## Top %d priorities\n\n", k)
	p("| Rank | Measure | Title | Score | Addresses |\n| ---: | --- | --- | ---: | --- |\n")
	for i, pr := range res.Priorities {
		if i >= k {
			break
		}
		p("| %s | %s | %s | %s | %s |\n", mdRank(pr.Rank), mdInline(string(pr.ID)), mdInline(pr.Title),
			mdScore(num(pr.Score)), mdInline(joinItems(pr.Addresses)))
	}

	writeLargestGaps(bw, res)
	writeRobustness(p, res, k)
	writeProgress(p, res)
	writeKnownIssues(p, res)
	writeAgreement(p, res)
	writePanel(p, res)

	p("\n## Diagnostics\n\n")
	p("Errors: %d; warnings: %d; notes: %d.\n", sum.errors, sum.warnings, sum.infos)
	listed := 0
	for _, d := range res.Diagnostics {
		if d.Severity != gapanalysis.SevError {
			continue
		}
		if listed == maxMarkdownDiagnostics {
			p("- … and %d more errors (see the workbook's Diagnostics sheet)\n", sum.errors-listed)
			break
		}
		if listed == 0 {
			p("\n")
		}
		pos := d.Position().String()
		if pos != "" {
			pos = " (" + mdInline(pos) + ")"
		}
		p("- `%s`%s: %s\n", d.Code, pos, mdInline(d.Message))
		listed++
	}
	return bw.Flush()
}

// mdInline makes text safe for one line of Markdown: line breaks become spaces
// and Markdown's markup characters are escaped.
func mdInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "|", `\|`)
	return r.Replace(s)
}

// mdScore formats a score with one decimal, rounding halves away from zero as
// spreadsheets do (56.25 → 56.3), or "–" when unknown.
func mdScore(s gapanalysis.Score) string {
	if !known(s) {
		return "–"
	}
	return strconv.FormatFloat(math.Round(s.Value*10)/10, 'f', 1, 64)
}

// mdPercent formats a share in 0–1 as a whole percentage, or "–" when unknown.
func mdPercent(s gapanalysis.Score) string {
	if !known(s) {
		return "–"
	}
	return strconv.FormatFloat(math.Round(s.Value*100), 'f', 0, 64) + "%"
}

func mdRank(r int) string {
	if r <= 0 {
		return "–"
	}
	return fmt.Sprint(r)
}

// writeRobustness writes the "Robustness" section when the result holds an
// uncertainty analysis.
func writeRobustness(p func(string, ...any), res *gapanalysis.Result, k int) {
	u := res.Uncertainty
	if u == nil {
		return
	}
	p("\n## Robustness\n\n")
	kk := sensitivityTopK(res)
	if u.Samples <= 0 && meanShiftOutput(res) == nil && len(u.Agreement) == 0 {
		p("No Monte Carlo or sensitivity analysis was run.\n")
		return
	}
	if u.Samples > 0 {
		inputs := "nothing"
		if len(u.Inputs) > 0 {
			inputs = mdInline(strings.Join(u.Inputs, ", "))
		}
		p("Ranks over %d Monte Carlo samples (seed %d), varying %s:\n\n", u.Samples, u.Seed, inputs)
		p("| Rank | Measure | Median rank | Rank P5–P95 | P(top %d) |\n| ---: | --- | ---: | ---: | ---: |\n", kk)
		for i := range res.Priorities {
			if i >= k {
				break
			}
			pr := &res.Priorities[i]
			ru := rankUncertainty(res, pr)
			if ru == nil {
				continue
			}
			p("| %s | %s | %s | %s–%s | %s |\n", mdRank(pr.Rank), mdInline(string(pr.ID)),
				mdNumber(ru.Median), mdNumber(ru.P05), mdNumber(ru.P95), mdPercent(num(ru.PTopK)))
		}
		p("\n")
	}
	if o := meanShiftOutput(res); o != nil {
		best := -1
		for i := range o.Total {
			if finite(o.Total[i]) && (best < 0 || o.Total[i] > o.Total[best]) {
				best = i
			}
		}
		if best >= 0 && best < len(u.Sobol.Inputs) && o.Variance > 0 {
			interval := ""
			if lo, hi := at(o.TotalLo, best), at(o.TotalHi, best); finite(lo) && finite(hi) {
				interval = fmt.Sprintf(", %s interval %s–%s", confidenceText(u.Sobol.Confidence), mdFixed(lo, 2), mdFixed(hi, 2))
			}
			p("Most influential input on the mean absolute rank shift: **%s** (total Sobol index %s%s; %d base samples).\n\n",
				mdInline(u.Sobol.Inputs[best]), mdFixed(o.Total[best], 2), interval, u.Sobol.N)
		} else if o.Variance == 0 {
			p("The mean absolute rank shift does not vary with the uncertain inputs (every Sobol index is 0).\n\n")
		}
	}
	lo, hi := -1, -1
	for i, a := range u.Agreement {
		if !finite(a.Spearman) {
			continue
		}
		if lo < 0 || a.Spearman < u.Agreement[lo].Spearman {
			lo = i
		}
		if hi < 0 || a.Spearman > u.Agreement[hi].Spearman {
			hi = i
		}
	}
	if lo >= 0 && lo == hi {
		a := u.Agreement[lo]
		p("Agreement between ranking methods (Spearman's rho): %s (%s–%s).\n", mdFixed(a.Spearman, 2), mdInline(a.A), mdInline(a.B))
	} else if lo >= 0 {
		a, b := u.Agreement[lo], u.Agreement[hi]
		p("Agreement between ranking methods (Spearman's rho): from %s (%s–%s) to %s (%s–%s).\n",
			mdFixed(a.Spearman, 2), mdInline(a.A), mdInline(a.B), mdFixed(b.Spearman, 2), mdInline(b.A), mdInline(b.B))
	}
}

// mdNumber formats a rank statistic: whole numbers without decimals, others
// with one, or "–" when not finite.
func mdNumber(v float64) string {
	if !finite(v) {
		return "–"
	}
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
}

// mdFixed formats v with the given decimals, or "–" when not finite.
func mdFixed(v float64, decimals int) string {
	if !finite(v) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
