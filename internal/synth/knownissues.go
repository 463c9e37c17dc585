package synth

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// KnownIssuesName is the file name of the synthetic known-issues register
// (xlsx); KnownIssuesCSVName that of its CSV twin with the same rows.
const (
	KnownIssuesName    = "synthetic-known-issues.xlsx"
	KnownIssuesCSVName = "synthetic-known-issues.csv"
)

// KnownIssuesSheet is the name of the one sheet WriteKnownIssuesXLSX writes.
const KnownIssuesSheet = "Known issues"

// The synthetic sources of the register: made-up stand-ins for a Commission
// transposition report, a report on the removal and blocking of web pages, and
// infringement procedures. None of them is a real document or case number.
const (
	sourceReport1 = "SYNTHETIC COM-like report 1"
	sourceReport2 = "SYNTHETIC COM-like report 2"
	sourceCase    = "SYNTHETIC infringement-like case %d"
	dateReports   = "2016-12"
	dateCases     = "2019-10"
)

// How many issues of each verdict the register holds (fewer when the waves
// offer fewer).
var issueQuota = []struct {
	verdict gapanalysis.Verdict
	n       int
}{
	{gapanalysis.VerdictResolved, 8},
	{gapanalysis.VerdictRemaining, 8},
	{gapanalysis.VerdictNotApplicable, 2},
	{gapanalysis.VerdictUnknown, 3},
}

// caseShare is the share of issues whose source is an infringement-like case;
// refEvery says that every refEvery-th row names its item by its provision
// reference rather than its ID (when the reference is unique).
const (
	caseShare = 0.35
	refEvery  = 4
)

// KnownIssuesTitle returns the text of the register's title row.
func KnownIssuesTitle(seed uint64) string {
	return fmt.Sprintf("SYNTHETIC known-issues register — made-up entries, not real Commission reports or infringement procedures (seed %d)", seed)
}

// KnownIssues returns a synthetic known-issues register for the waves that
// GenerateBaseline and Generate make for the checklist and seed: problems "found
// earlier" on legal items (mandatory, or optional provisions used) that are gaps
// in the earlier wave, picked so that their verdicts against the current wave
// mix resolved (8), remaining (8), not applicable (2) and unknown (3). Only
// countries with one respondent in both waves are used, so that a verdict
// follows from one answer. Each issue names a synthetic source (see the
// constants above; never a real COM or infringement number), a date ("2016-12"
// for the reports, "2019-10" for the cases) and a note saying what the earlier
// wave found ("Synthetic entry: Art. 22 not in place when reported"). Every
// fourth row names its item by its provision reference ("Art. 25(1)") when that
// reference is unique in the checklist.
//
// Issues are ordered by source, then country, then checklist order; At is the
// first cell of the row WriteKnownIssuesXLSX writes for each (file
// KnownIssuesName, sheet KnownIssuesSheet). The register is deterministic for a
// seed. nil gives no issues.
func KnownIssues(cl *gapanalysis.Checklist, seed uint64) []gapanalysis.KnownIssue {
	if cl == nil {
		return nil
	}
	pools := issuePools(cl, seed)
	r := stream(seed, "known issues")
	var out []gapanalysis.KnownIssue
	for _, q := range issueQuota {
		pool := pools[q.verdict]
		r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		out = append(out, pool[:min(q.n, len(pool))]...)
	}
	for i := range out {
		switch {
		case themeKind(cl.ThemeOf(out[i].Item)) == kindOnline:
			out[i].Source, out[i].Date = sourceReport2, dateReports
		case r.Float64() < caseShare:
			out[i].Source, out[i].Date = fmt.Sprintf(sourceCase, 1+slices.Index(gapanalysis.EU27(), out[i].Country)), dateCases
		default:
			out[i].Source, out[i].Date = sourceReport1, dateReports
		}
	}
	order := map[gapanalysis.ItemID]int{}
	refs := map[string]int{}
	for i, it := range cl.Items() {
		order[it.ID] = i
		refs[it.Ref]++
	}
	slices.SortFunc(out, func(a, b gapanalysis.KnownIssue) int {
		return cmp.Or(cmp.Compare(sourceRank(a.Source), sourceRank(b.Source)), cmp.Compare(a.Source, b.Source),
			cmp.Compare(a.Country, b.Country), cmp.Compare(order[a.Item], order[b.Item]))
	})
	for i := range out {
		if it := cl.Item(out[i].Item); i%refEvery == refEvery-1 && it.Ref != "" && refs[it.Ref] == 1 {
			out[i].Item = gapanalysis.ItemID(it.Ref)
		}
		out[i].At = gapanalysis.Source{File: KnownIssuesName, Sheet: KnownIssuesSheet, Cell: fmt.Sprintf("A%d", firstDataRow+i)}
	}
	return out
}

// issuePools returns the candidate issues by their verdict against the current
// wave: every gap of the earlier wave on a legal status item (partial, or none
// on a mandatory item) of a country with one respondent in both waves, in
// country and checklist order, each with its note.
func issuePools(cl *gapanalysis.Checklist, seed uint64) map[gapanalysis.Verdict][]gapanalysis.KnownIssue {
	old, cur := first(GenerateBaseline(cl, seed)), first(Generate(cl, seed))
	second := map[gapanalysis.CountryCode]bool{}
	for _, c := range profiles(cl, seed) {
		second[c.code] = c.second
	}
	pools := map[gapanalysis.Verdict][]gapanalysis.KnownIssue{}
	for _, c := range gapanalysis.EU27() {
		if second[c] {
			continue
		}
		for _, it := range cl.Items() {
			o, ok := old[c][it.ID]
			if it.Obligation == gapanalysis.Practice || it.Type == gapanalysis.NumericItem || !ok || !cl.Binds(c, it) {
				continue
			}
			found := ""
			switch {
			case o.Status == gapanalysis.StatusPartial && it.Obligation == gapanalysis.Optional:
				found = "used without all its conditions"
			case o.Status == gapanalysis.StatusPartial:
				found = "partly in place"
			case o.Status == gapanalysis.StatusNone && it.Obligation == gapanalysis.Mandatory:
				found = "not in place"
			default:
				continue
			}
			n, answered := cur[c][it.ID]
			v := verdictOf(it, n, answered)
			pools[v] = append(pools[v], gapanalysis.KnownIssue{Country: c, Item: it.ID,
				Note: fmt.Sprintf("Synthetic entry: %s %s when reported", provision(it), found)})
		}
	}
	return pools
}

// sourceRank orders the sources: the reports, then the cases.
func sourceRank(s string) int {
	switch s {
	case sourceReport1:
		return 0
	case sourceReport2:
		return 1
	}
	return 2
}

// provision names an item in a note: its reference, or its ID.
func provision(it *gapanalysis.Item) string {
	if it.Ref != "" {
		return it.Ref
	}
	return string(it.ID)
}

// verdictOf is the verdict of SPEC 12 on a first respondent's current answer
// (answered false: no row).
func verdictOf(it *gapanalysis.Item, r gapanalysis.Response, answered bool) gapanalysis.Verdict {
	switch {
	case !answered || r.Status == gapanalysis.StatusUnknown:
		return gapanalysis.VerdictUnknown
	case r.Status == gapanalysis.StatusNA || it.Obligation == gapanalysis.Optional && r.Status == gapanalysis.StatusNone:
		return gapanalysis.VerdictNotApplicable
	case r.Status == gapanalysis.StatusFull:
		return gapanalysis.VerdictResolved
	}
	return gapanalysis.VerdictRemaining
}

// first returns the first respondents' responses by country and item.
func first(ds *gapanalysis.Dataset) map[gapanalysis.CountryCode]map[gapanalysis.ItemID]gapanalysis.Response {
	out := map[gapanalysis.CountryCode]map[gapanalysis.ItemID]gapanalysis.Response{}
	for _, r := range ds.Responses.All() {
		if r.Respondent != respondent(r.Country, false) {
			continue
		}
		if out[r.Country] == nil {
			out[r.Country] = map[gapanalysis.ItemID]gapanalysis.Response{}
		}
		out[r.Country][r.Item] = r
	}
	return out
}

// knownIssuesHeader is the header row of the register (SPEC 12's columns).
var knownIssuesHeader = []string{"Country", "Item", "Source", "Date", "Note"}

// knownIssuesWidths are the column widths of the register, in characters.
var knownIssuesWidths = []float64{10, 16, 36, 10, 70}

func issueRow(k gapanalysis.KnownIssue) []string {
	return []string{string(k.Country), string(k.Item), k.Source, k.Date, k.Note}
}

// WriteKnownIssuesXLSX writes a register as an xlsx workbook: one sheet
// KnownIssuesSheet with the title row (KnownIssuesTitle(seed)) in row 1, row 2
// blank, the header Country | Item | Source | Date | Note in row 3 and one row
// per issue from row 4, every cell text (dates too, as written). The output is
// deterministic (fixed document dates) and its sheet dimension is set.
func WriteKnownIssuesXLSX(w io.Writer, issues []gapanalysis.KnownIssue, seed uint64) error {
	return table{
		sheet: KnownIssuesSheet, docTitle: "Synthetic known-issues register", title: KnownIssuesTitle(seed),
		header: knownIssuesHeader, widths: knownIssuesWidths, headBorder: true,
		n: len(issues),
		row: func(i int) []any {
			row := make([]any, len(knownIssuesHeader))
			for j, s := range issueRow(issues[i]) {
				row[j] = text(s)
			}
			return row
		},
	}.write(w)
}

// WriteKnownIssuesCSV writes a register as comma-separated UTF-8 text with the
// same rows as WriteKnownIssuesXLSX: the title on line 1, line 2 empty, the
// header on line 3, one issue a line from line 4.
func WriteKnownIssuesCSV(w io.Writer, issues []gapanalysis.KnownIssue, seed uint64) error {
	cw := csv.NewWriter(w)
	// A lone field on an otherwise empty line is written as "" by encoding/csv;
	// the blank line is written by hand.
	if err := cw.Write([]string{KnownIssuesTitle(seed)}); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	cw.Flush()
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	records := [][]string{knownIssuesHeader}
	for _, k := range issues {
		records = append(records, issueRow(k))
	}
	if err := cw.WriteAll(records); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}
