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
// 5 by default) and the first errors. Scores are rounded for reading (index to one
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
	p("| Rank | Code | Country | Index | Coverage | Gaps |\n| ---: | --- | --- | ---: | ---: | ---: |\n")
	for _, c := range res.Countries {
		p("| %s | %s | %s | %s | %s | %d |\n", mdRank(c.Rank), mdInline(string(c.Code)),
			mdInline(firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code))),
			mdScore(c.Index), mdPercent(num(c.Coverage)), c.Gaps)
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
