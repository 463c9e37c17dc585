package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// CSV file names written by WriteCSV, in the order they are written.
var CSVFiles = []string{"countries.csv", "priorities.csv", "gaps.csv", "items.csv", "diagnostics.csv", "data.csv"}

// WriteCSV writes the result as CSV files into dir (created, mode 0755, when
// missing): countries.csv, priorities.csv, gaps.csv, items.csv, diagnostics.csv
// and data.csv. Each file is UTF-8 without BOM, comma-separated, with a header row
// of snake_case names and one line per record, in the same order as the workbook.
// Numbers are written in full precision with a dot; unknown values, and a rank of
// 0, are empty fields. Text that starts with "=", "+", "-", "@", a tab or a
// carriage return is escaped with a leading "'" so that spreadsheet programs do
// not run it as a formula. Files are created with mode 0644.
//
// Columns are named by ID where the workbook shows titles: countries.csv has
// "pillar:<id>" and "theme:<id>" columns, priorities.csv one column per
// criterion ID and "contribution:<id>" columns, items.csv the theme and pillar
// IDs. gaps.csv also has the item score (0–1); data.csv is the tidy data in the
// long layout, like the workbook's Data sheet.
func WriteCSV(dir string, res *gapanalysis.Result) error {
	if err := check(res, true); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	tables := map[string][][]string{
		"countries.csv":   countriesCSV(res),
		"priorities.csv":  prioritiesCSV(res),
		"gaps.csv":        gapsCSV(res),
		"items.csv":       itemsCSV(res),
		"diagnostics.csv": diagnosticsCSV(res),
		"data.csv":        dataCSV(res),
	}
	for _, name := range CSVFiles {
		records := tables[name]
		err := WriteFile(filepath.Join(dir, name), func(w io.Writer) error {
			cw := csv.NewWriter(w)
			if err := cw.WriteAll(records); err != nil {
				return fmt.Errorf("report: %s: %w", name, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// csvText escapes text that a spreadsheet program would take for a formula.
func csvText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// csvNum formats a number in full precision, "" when not finite.
func csvNum(v float64) string {
	if !finite(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func csvScore(s gapanalysis.Score) string {
	if !known(s) {
		return ""
	}
	return csvNum(s.Value)
}

func csvRank(r int) string {
	if r <= 0 {
		return ""
	}
	return strconv.Itoa(r)
}

func countriesCSV(res *gapanalysis.Result) [][]string {
	cl := res.Checklist
	themes := cl.Themes()
	header := []string{"rank", "code", "name", "index", "coverage"}
	for _, p := range cl.Pillars {
		header = append(header, "pillar:"+string(p.ID))
	}
	for _, t := range themes {
		header = append(header, "theme:"+string(t.ID))
	}
	header = append(header, "gaps", "gap_points")
	out := [][]string{header}
	for _, c := range res.Countries {
		rec := []string{
			csvRank(c.Rank), csvText(string(c.Code)), csvText(firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code))),
			csvScore(c.Index), csvNum(c.Coverage),
		}
		for _, p := range cl.Pillars {
			rec = append(rec, csvScore(c.Pillars[p.ID]))
		}
		for _, t := range themes {
			rec = append(rec, csvScore(c.Themes[t.ID]))
		}
		rec = append(rec, strconv.Itoa(c.Gaps), csvNum(c.GapPoints))
		out = append(out, rec)
	}
	return out
}

func prioritiesCSV(res *gapanalysis.Result) [][]string {
	header := []string{"rank", "id", "title", "score"}
	for _, c := range res.Criteria {
		header = append(header, string(c.ID))
	}
	header = append(header, "median_rank", "p05", "p95", "p_top_k", "addresses")
	for _, c := range res.Criteria {
		header = append(header, "contribution:"+string(c.ID))
	}
	out := [][]string{header}
	for i := range res.Priorities {
		p := &res.Priorities[i]
		rec := []string{csvRank(p.Rank), csvText(string(p.ID)), csvText(p.Title), csvNum(p.Score)}
		for _, c := range res.Criteria {
			rec = append(rec, optNum(p.Criteria, c.ID))
		}
		if u := rankUncertainty(res, p); u != nil {
			rec = append(rec, csvNum(u.Median), csvNum(u.P05), csvNum(u.P95), csvNum(u.PTopK))
		} else {
			rec = append(rec, "", "", "", "")
		}
		rec = append(rec, csvText(joinItems(p.Addresses)))
		for _, c := range res.Criteria {
			rec = append(rec, optNum(p.Contributions, c.ID))
		}
		out = append(out, rec)
	}
	return out
}

func optNum(m map[gapanalysis.CriterionID]float64, id gapanalysis.CriterionID) string {
	if v, ok := m[id]; ok {
		return csvNum(v)
	}
	return ""
}

func gapsCSV(res *gapanalysis.Result) [][]string {
	out := [][]string{{"country", "item", "ref", "title", "obligation", "status", "score", "gap", "severity", "evidence", "comment", "source"}}
	for _, g := range res.Gaps {
		var ref, title, obligation string
		if it := res.Checklist.Item(g.Item); it != nil {
			ref, title, obligation = it.Ref, it.Title, string(it.Obligation)
		}
		out = append(out, []string{
			csvText(string(g.Country)), csvText(string(g.Item)), csvText(ref), csvText(title), obligation,
			statusText(true, g.Status, num(g.Score)), csvNum(g.Score), csvNum(g.Gap), csvNum(g.Severity),
			csvText(g.Evidence), csvText(g.Comment), csvText(joinSources(g.Sources)),
		})
	}
	return out
}

func itemsCSV(res *gapanalysis.Result) [][]string {
	cl := res.Checklist
	out := [][]string{{"id", "ref", "title", "obligation", "theme", "pillar", "effective_weight",
		"n_full", "n_partial", "n_none", "n_na", "n_unknown", "mean", "gaps", "min_max_penalty", "eli"}}
	stats := itemStatsIndex(res)
	for _, it := range cl.Items() {
		var theme, pillar string
		if t := cl.ThemeOf(it.ID); t != nil {
			theme = string(t.ID)
			if p := cl.PillarOf(t.ID); p != nil {
				pillar = string(p.ID)
			}
		}
		rec := []string{csvText(string(it.ID)), csvText(it.Ref), csvText(it.Title), string(it.Obligation),
			csvText(theme), csvText(pillar), csvNum(cl.EffectiveWeight(it.ID))}
		if is := stats[it.ID]; is != nil {
			for _, n := range []int{is.NFull, is.NPartial, is.NNone, is.NNA, is.NUnknown} {
				rec = append(rec, strconv.Itoa(n))
			}
			rec = append(rec, csvScore(is.Mean), strconv.Itoa(is.Gaps))
		} else {
			rec = append(rec, "", "", "", "", "", "", "")
		}
		penalty := ""
		if it.MinMaxPenalty != 0 {
			penalty = csvNum(it.MinMaxPenalty)
		}
		rec = append(rec, penalty, csvText(it.ELI))
		out = append(out, rec)
	}
	return out
}

func diagnosticsCSV(res *gapanalysis.Result) [][]string {
	out := [][]string{{"severity", "code", "message", "file", "sheet", "cell"}}
	for _, d := range res.Diagnostics {
		out = append(out, []string{string(d.Severity), string(d.Code), csvText(d.Message),
			csvText(d.File), csvText(d.Sheet), csvText(d.Cell)})
	}
	return out
}

func dataCSV(res *gapanalysis.Result) [][]string {
	out := [][]string{{"country", "item", "status", "value", "evidence", "comment", "respondent", "source"}}
	for _, r := range sortedResponses(res) {
		value := ""
		if r.HasValue {
			value = csvNum(r.Value)
		}
		out = append(out, []string{csvText(string(r.Country)), csvText(string(r.Item)), responseStatus(r), value,
			csvText(r.Evidence), csvText(r.Comment), csvText(r.Respondent), csvText(r.Source.String())})
	}
	return out
}
