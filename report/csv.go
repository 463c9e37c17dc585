package report

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"strconv"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// CSV file names written by WriteCSV for every result, in the order they are
// written.
var CSVFiles = []string{"countries.csv", "priorities.csv", "gaps.csv", "items.csv", "practices.csv", "diagnostics.csv", "data.csv"}

// SensitivityCSVFiles are the CSV files WriteCSV adds after CSVFiles for a result
// with an uncertainty analysis: sensitivity.csv always, sobol.csv only when the
// result holds Sobol indices.
var SensitivityCSVFiles = []string{"sensitivity.csv", "sobol.csv"}

// ProgressCSVFiles are the CSV files WriteCSV adds for a result with a
// comparison with a baseline (res.Progress not nil), after the others.
var ProgressCSVFiles = []string{"progress.csv", "transitions.csv"}

// KnownIssuesCSVFiles are the CSV files WriteCSV adds for a result with a
// known-issues register (res.KnownIssues not nil), last.
var KnownIssuesCSVFiles = []string{"known_issues.csv"}

// WriteCSV writes the result as CSV files into dir (created, mode 0755, when
// missing): countries.csv, priorities.csv, gaps.csv, items.csv, practices.csv,
// diagnostics.csv and data.csv. Each file is UTF-8 without BOM, comma-separated, with a header row
// of snake_case names and one line per record, in the same order as the workbook.
// Numbers are written in full precision with a dot; unknown values, and a rank of
// 0, are empty fields. Text that starts with "=", "+", "-", "@", a tab or a
// carriage return is escaped with a leading "'" so that spreadsheet programs do
// not run it as a formula. Files are created with mode 0644.
//
// The files are written as a set, each to a temporary file first (see
// WriteFile): when one of them cannot be written, none of the files already in
// dir is replaced.
//
// Columns are named by ID where the workbook shows titles: countries.csv has
// "pillar:<id>" and "theme:<id>" columns, priorities.csv one column per
// criterion ID and "contribution:<id>" columns, items.csv the theme and pillar
// IDs. gaps.csv also has the item score (0–1); data.csv is the tidy data in the
// long layout, like the workbook's Data sheet.
//
// Best practices (SPEC 13): gaps.csv ends with "exemplars" (the exemplars'
// codes joined by ", ", most similar first), "exemplar_similarity" (their
// similarities, in the same order) and "exemplar_evidence" (as on the Gaps
// sheet); priorities.csv with "adopters" (codes) and "n_adopters";
// countries.csv with "peers" (codes) and "peer_similarity". practices.csv is
// the Practices sheet (item, ref, title, theme ID, obligation, n_full, country,
// evidence, comment, source, theme_score, theme_leaders as codes); it is
// written for every result, one line per item without a country at full.
//
// With an uncertainty analysis (res.Uncertainty not nil) it also writes
// sensitivity.csv, the rank intervals of the Sensitivity sheet (kind, id, name,
// rank, median_rank, p05, p95, p_top_k: the measures in priority order, then the
// countries by nominal rank), and, when there are Sobol indices, sobol.csv (one
// line per output and input: output, input, first, first_lo, first_hi, total,
// total_lo, total_hi, variance; outputs in the order of the Sensitivity sheet).
//
// With a baseline (res.Progress not nil) it also writes progress.csv (one line
// per country of either wave, as on the Progress sheet: code, name, in_old,
// in_new, index_old, index_new, delta, delta_p05, delta_p95, p_improved,
// rank_old, rank_new and one count column per transition, empty for a country in
// one wave only) and transitions.csv (one line per country and item compared:
// country, item, old, new, old_score, new_score, transition). With a known-issues
// register (res.KnownIssues not nil) it writes known_issues.csv (register order:
// country, item, source, date, note, verdict, status, score, sources,
// register_cell). With agreement between respondents or an expert panel it
// writes agreement.csv, reconcile.csv and panel.csv before known_issues.csv
// (see PanelCSVFile).
func WriteCSV(dir string, res *gapanalysis.Result) error {
	staged, err := StageCSV(context.Background(), dir, res)
	if err != nil {
		return err
	}
	return CommitAll(staged)
}

// StageCSV writes the files of WriteCSV to temporary files in dir (created when
// missing) as a set: it returns all of them, to Commit, or, on an error or when
// ctx is done, none (what was written is removed). The files already in dir are
// untouched until the Commit.
//
// Each file is written as its lines are produced, one at a time (data.csv
// straight from the dataset, in the order of the Data sheet): no table is held
// whole in memory, and a done ctx stops the writing at the next buffer flush.
func StageCSV(ctx context.Context, dir string, res *gapanalysis.Result) ([]*Staged, error) {
	if err := check(res, true); err != nil {
		return nil, err
	}
	tables := csvTables(res)
	names := make([]string, len(tables))
	rows := make(map[string]iter.Seq[[]string], len(tables))
	for i, t := range tables {
		names[i] = t.name
		rows[t.name] = t.rows
	}
	return stageAll(ctx, dir, names, func(name string, w io.Writer) error {
		if err := writeCSVRows(w, rows[name]); err != nil {
			return fmt.Errorf("report: %s: %w", name, err)
		}
		return nil
	})
}

// csvTable is one file of WriteCSV: its name and its records, header first,
// produced one at a time as they are written. A table may reuse the slice of
// one record for the next: a record is valid only until the next is asked for.
type csvTable struct {
	name string
	rows iter.Seq[[]string]
}

// csvTables returns the files of WriteCSV for res, in the order they are
// written. Nothing is computed until a table's records are asked for.
func csvTables(res *gapanalysis.Result) []csvTable {
	tables := []csvTable{
		{"countries.csv", countriesCSV(res)},
		{"priorities.csv", prioritiesCSV(res)},
		{"gaps.csv", gapsCSV(res)},
		{"items.csv", itemsCSV(res)},
		{"practices.csv", practicesCSV(res)},
		{"diagnostics.csv", diagnosticsCSV(res)},
		{"data.csv", dataCSV(res)},
	}
	if res.Uncertainty != nil {
		tables = append(tables, csvTable{"sensitivity.csv", sensitivityCSV(res)})
		if res.Uncertainty.Sobol != nil {
			tables = append(tables, csvTable{"sobol.csv", sobolCSV(res)})
		}
	}
	if res.Progress != nil {
		tables = append(tables, csvTable{"progress.csv", progressCSV(res.Progress)},
			csvTable{"transitions.csv", transitionsCSV(res.Progress)})
	}
	tables = append(tables, panelAgreementCSV(res)...)
	if res.KnownIssues != nil {
		tables = append(tables, csvTable{"known_issues.csv", knownIssuesCSV(res.KnownIssues)})
	}
	return tables
}

// writeCSVRows writes the records of rows to w as they are produced.
func writeCSVRows(w io.Writer, rows iter.Seq[[]string]) error {
	cw := csv.NewWriter(w)
	var err error
	for rec := range rows {
		if err = cw.Write(rec); err != nil {
			break
		}
	}
	cw.Flush()
	if err != nil {
		return err
	}
	return cw.Error()
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

func countriesCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		cl := res.Checklist
		themes := cl.Themes()
		header := []string{"rank", "code", "name", "rank_note", "index", "coverage"}
		for _, p := range cl.Pillars {
			header = append(header, "pillar:"+string(p.ID), "rank:"+string(p.ID))
		}
		for _, t := range themes {
			header = append(header, "theme:"+string(t.ID))
		}
		header = append(header, "gaps", "gap_points", "peers", "peer_similarity")
		if !yield(header) {
			return
		}
		for _, c := range res.Countries {
			rec := []string{
				csvRank(c.Rank), csvText(string(c.Code)), csvText(firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code))),
				csvText(c.RankNote), csvScore(c.Index), csvNum(c.Coverage),
			}
			for _, p := range cl.Pillars {
				rec = append(rec, csvScore(c.Pillars[p.ID]), csvRank(c.PillarRanks[p.ID]))
			}
			for _, t := range themes {
				rec = append(rec, csvScore(c.Themes[t.ID]))
			}
			rec = append(rec, strconv.Itoa(c.Gaps), csvNum(c.GapPoints),
				csvText(peerCodes(c.Peers)), similarities(c.Peers, func(p gapanalysis.Peer) float64 { return p.Similarity }))
			if !yield(rec) {
				return
			}
		}
	}
}

func prioritiesCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		header := []string{"rank", "id", "title", "score"}
		for _, c := range res.Criteria {
			header = append(header, string(c.ID))
		}
		header = append(header, "median_rank", "p05", "p95", "p_top_k", "addresses")
		for _, c := range res.Criteria {
			header = append(header, "contribution:"+string(c.ID))
		}
		header = append(header, "adopters", "n_adopters")
		if !yield(header) {
			return
		}
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
			rec = append(rec, csvText(joinStrings(p.Adopters)), strconv.Itoa(len(p.Adopters)))
			if !yield(rec) {
				return
			}
		}
	}
}

func optNum(m map[gapanalysis.CriterionID]float64, id gapanalysis.CriterionID) string {
	if v, ok := m[id]; ok {
		return csvNum(v)
	}
	return ""
}

func gapsCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"country", "item", "ref", "title", "obligation", "status", "score", "gap", "severity",
			"evidence", "comment", "source", "exemplars", "exemplar_similarity", "exemplar_evidence"}) {
			return
		}
		var rec [15]string
		for i := range res.Gaps {
			g := &res.Gaps[i]
			var ref, title, obligation string
			if it := res.Checklist.Item(g.Item); it != nil {
				ref, title, obligation = it.Ref, it.Title, string(it.Obligation)
			}
			rec = [...]string{
				csvText(string(g.Country)), csvText(string(g.Item)), csvText(ref), csvText(title), obligation,
				statusText(true, g.Status, num(g.Score)), csvNum(g.Score), csvNum(g.Gap), csvNum(g.Severity),
				csvText(g.Evidence), csvText(g.Comment), csvText(joinSources(g.Sources)),
				csvText(exemplarCodes(g.Exemplars)), similarities(g.Exemplars, func(e gapanalysis.Exemplar) float64 { return e.Similarity }),
				csvText(exemplarEvidence(g.Exemplars)),
			}
			if !yield(rec[:]) {
				return
			}
		}
	}
}

func itemsCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		cl := res.Checklist
		if !yield([]string{"id", "ref", "title", "obligation", "theme", "pillar", "effective_weight",
			"n_full", "n_partial", "n_none", "n_na", "n_unknown", "mean", "gaps", "min_max_penalty", "eli"}) {
			return
		}
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
			if !yield(append(rec, penalty, csvText(it.ELI))) {
				return
			}
		}
	}
}

func diagnosticsCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"severity", "code", "message", "file", "sheet", "cell"}) {
			return
		}
		var rec [6]string
		for i := range res.Diagnostics {
			d := &res.Diagnostics[i]
			rec = [...]string{string(d.Severity), string(d.Code), csvText(d.Message),
				csvText(d.File), csvText(d.Sheet), csvText(d.Cell)}
			if !yield(rec[:]) {
				return
			}
		}
	}
}

// dataCSV yields the tidy data in the long layout, one record per response in
// the order of the Data sheet, straight from the dataset.
func dataCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"country", "item", "status", "value", "evidence", "comment", "respondent", "source"}) {
			return
		}
		var rec [8]string
		for r := range orderedResponses(res) {
			value := ""
			if r.HasValue {
				value = csvNum(r.Value)
			}
			rec = [...]string{csvText(string(r.Country)), csvText(string(r.Item)), responseStatus(*r), value,
				csvText(r.Evidence), csvText(r.Comment), csvText(r.Respondent), csvText(sourceText(r.Source))}
			if !yield(rec[:]) {
				return
			}
		}
	}
}

// orderedResponses yields the dataset's responses in the order of
// responseOrder, one at a time (the response yielded is reused): the one place where the CSV files read
// the responses.
func orderedResponses(res *gapanalysis.Result) iter.Seq[*gapanalysis.Response] {
	return func(yield func(*gapanalysis.Response) bool) {
		if res.Dataset == nil {
			return
		}
		rs := &res.Dataset.Responses
		var r gapanalysis.Response
		for _, k := range responseOrder(res) {
			r = rs.At(int(k))
			if !yield(&r) {
				return
			}
		}
	}
}

// sourceText returns s.String() ("file!sheet!cell", empty parts left out) with
// one allocation: data.csv writes one per response.
func sourceText(s gapanalysis.Source) string {
	buf := make([]byte, 0, 128)
	for _, p := range [...]string{s.File, s.Sheet, s.Cell} {
		if p == "" {
			continue
		}
		if len(buf) > 0 {
			buf = append(buf, '!')
		}
		buf = append(buf, p...)
	}
	return string(buf)
}

func sensitivityCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"kind", "id", "name", "rank", "median_rank", "p05", "p95", "p_top_k", "rank_note"}) {
			return
		}
		for _, r := range rankIntervalRows(res) {
			if !yield([]string{r.kind, csvText(r.id), csvText(r.name), csvRank(r.rank),
				csvNum(r.u.Median), csvNum(r.u.P05), csvNum(r.u.P95), csvNum(r.u.PTopK), csvText(r.note)}) {
				return
			}
		}
	}
}

func sobolCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"output", "input", "first", "first_lo", "first_hi", "total", "total_lo", "total_hi", "variance"}) {
			return
		}
		for _, o := range sobolOutputs(res) {
			for i, in := range res.Uncertainty.Sobol.Inputs {
				rec := []string{csvText(o.Name), csvText(in)}
				for _, v := range [][]float64{o.First, o.FirstLo, o.FirstHi, o.Total, o.TotalLo, o.TotalHi} {
					rec = append(rec, csvNum(at(v, i)))
				}
				if !yield(append(rec, csvNum(o.Variance))) {
					return
				}
			}
		}
	}
}
