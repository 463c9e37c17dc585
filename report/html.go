package report

import (
	"bufio"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// The HTML pages are built from the templates in htmltmpl with html/template,
// which escapes every piece of survey text by its context: a page holds no
// markup, script or URL that came from a survey. The templates shared by every
// page are "css" (the style sheet, with its A4 print rules), "script" (the
// sorting of the tables marked sortable), "banner", "table" (an htmlTable),
// "section" (an htmlSection as <section> with an <h2>, its subsections with
// <h3>) and "body".
//
//go:embed htmltmpl/*.tmpl
var htmlTemplateFS embed.FS

var (
	htmlBaseOnce sync.Once
	htmlBaseTmpl *htmltemplate.Template
	htmlBaseErr  error
)

// htmlBase returns a fresh copy of the shared templates, to which a page adds
// its own (Clone, then ParseFS or Parse).
func htmlBase() (*htmltemplate.Template, error) {
	htmlBaseOnce.Do(func() {
		htmlBaseTmpl, htmlBaseErr = htmltemplate.New("base").ParseFS(htmlTemplateFS, "htmltmpl/*.tmpl")
	})
	if htmlBaseErr != nil {
		return nil, fmt.Errorf("report: HTML templates: %w", htmlBaseErr)
	}
	return htmlBaseTmpl.Clone()
}

// htmlCell is one cell of an htmlTable. Header makes it a row header (<th
// scope="row">). Class is one of the style sheet's classes ("num", "text",
// "src", "st-full" … "st-unknown", "sev-error", "sev-warning"). Sort, when not
// empty, is the number the sorting script sorts the column by.
type htmlCell struct {
	Text   string
	Class  string
	Sort   string
	Header bool
}

// htmlHead is a column header; Num right-aligns it over a column of numbers,
// PrintHide leaves the column out when the page is printed (its cells have the
// class "print-hide" too).
type htmlHead struct {
	Text      string
	Num       bool
	PrintHide bool
}

// htmlTable is a table with a caption (and a note in lighter type after it),
// column headers and rows. Class is "sortable" for a table the script sorts,
// "heatmap" for the heatmap, or both.
type htmlTable struct {
	ID      string
	Caption string
	Note    string
	Class   string
	Head    []htmlHead
	Rows    [][]htmlCell
}

// htmlFigure is an inline SVG chart with its caption.
type htmlFigure struct {
	SVG     htmltemplate.HTML
	Caption string
}

// htmlSection is a section of a page: heading, paragraphs, facts (term,
// definition), a bullet list, figures, tables, then subsections. Wide
// sections print on landscape pages.
type htmlSection struct {
	ID      string
	Title   string
	Wide    bool
	Paras   []string
	Facts   [][2]string
	List    []string
	Figures []htmlFigure
	Tables  []htmlTable
	Sub     []htmlSection
}

// htmlPage is the data of the report template.
type htmlPage struct {
	Title     string
	Subtitle  string
	Banner    string
	Generator string
	Footer    string
	Sections  []htmlSection
}

// Cells.

func textCell(s string) htmlCell { return htmlCell{Text: s} }

// longCell is a cell of free text (evidence, comments, titles): wrapped in a
// column of reading width.
func longCell(s string) htmlCell { return htmlCell{Text: s, Class: "text"} }

func rowHead(s string) htmlCell { return htmlCell{Text: s, Header: true} }

func srcCell(s string) htmlCell { return htmlCell{Text: s, Class: "src"} }

// numCell is a right-aligned number shown as text and sorted by v; an unknown
// (not finite) v shows "–".
func numCell(text string, v float64) htmlCell {
	if !finite(v) {
		return htmlCell{Text: "–", Class: "num"}
	}
	return htmlCell{Text: text, Class: "num", Sort: strconv.FormatFloat(v, 'g', -1, 64)}
}

func intCell(n int) htmlCell { return numCell(strconv.Itoa(n), float64(n)) }

func rankCell(r int) htmlCell {
	if r <= 0 {
		return htmlCell{Text: "–", Class: "num"}
	}
	return intCell(r)
}

// scoreCell is a score with one decimal (mdScore), "–" when unknown.
func scoreCell(s gapanalysis.Score) htmlCell {
	if !known(s) {
		return htmlCell{Text: "–", Class: "num"}
	}
	return numCell(mdScore(s), s.Value)
}

// fixedCell is v with the given decimals.
func fixedCell(v float64, decimals int) htmlCell { return numCell(mdFixed(v, decimals), v) }

// percentCell is a share in 0–1 as a whole percentage.
func percentCell(v float64) htmlCell { return numCell(mdPercent(num(v)), v) }

// statusClass returns the class of a cell showing a canonical status name.
func statusClass(status string) string {
	switch status {
	case "full", "partial", "none", "na":
		return "st-" + status
	}
	return "st-unknown"
}

func heads(names ...string) []htmlHead {
	out := make([]htmlHead, len(names))
	for i, n := range names {
		out[i] = htmlHead{Text: n}
	}
	return out
}

func numHeads(names ...string) []htmlHead {
	out := heads(names...)
	for i := range out {
		out[i].Num = true
	}
	return out
}

// Section IDs of the HTML report, in order; those after HTMLGaps are present
// only when the result holds what they show.
const (
	HTMLSummary     = "summary"
	HTMLPriorities  = "priorities"
	HTMLCountries   = "countries"
	HTMLHeatmap     = "heatmap"
	HTMLGaps        = "gaps"
	HTMLProgress    = "progress"
	HTMLKnownIssues = "known-issues"
	HTMLPractices   = "practices"
	HTMLAgreement   = "agreement"
	HTMLPanel       = "panel"
	HTMLDiagnostics = "diagnostics"
	HTMLMethodology = "methodology"
)

// WriteHTML writes res as one self-contained HTML page (SPEC 15): inline CSS,
// inline SVG charts, no external request, readable without JavaScript (a small
// inline script sorts the tables marked sortable when a header is clicked).
// The sections, each a <section> whose id is one of the HTML… constants:
//
//   - summary: the study and its data (a banner when the data are synthetic,
//     repeated at the foot of the page), the headline numbers and the top k
//     priorities (k from opts.TopK, else the result's own, else 5);
//   - priorities: every measure with its score, its Monte Carlo rank interval
//     (median, P5–P95, P(top k)) when the analysis ran, the items it
//     addresses; each criterion's value and contribution; a stacked bar chart
//     of the contributions, and the rank-interval and Sobol charts when the
//     result has them;
//   - countries: rank, index, coverage, gaps, rank on each pillar, rank note,
//     and a bar chart of the indexes;
//   - heatmap: items down, countries across, each cell the status in words
//     (as on the Heatmap sheet) on its colour;
//   - gaps: every gap with status, gap, severity, evidence, comment, source
//     cell, exemplars and, with a baseline, its transition;
//   - progress (with a baseline), known-issues (with a register), practices
//     (when some country is at full on some item), agreement (with units or
//     units to reconcile), panel (with an expert panel: Kendall's W per
//     criterion, the criteria weights, every panel value with each expert's
//     rating);
//   - diagnostics and methodology (the parameters and formulas of the
//     Methodology sheet).
//
// Every piece of text from the surveys is escaped. opts may be nil. The
// output is deterministic: the same result and options give the same bytes.
// It returns an error when res is nil, has no checklist, or opts.TopK < 0,
// and any error of w.
func WriteHTML(w io.Writer, res *gapanalysis.Result, opts *Options) error {
	if err := check(res, true); err != nil {
		return err
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.TopK < 0 {
		return errBadTopK
	}
	page, err := htmlReport(res, o)
	if err != nil {
		return err
	}
	t, err := htmlBase()
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := t.ExecuteTemplate(bw, "report", page); err != nil {
		return fmt.Errorf("report: writing HTML: %w", err)
	}
	return bw.Flush()
}

// htmlReport builds the page of WriteHTML.
func htmlReport(res *gapanalysis.Result, o Options) (*htmlPage, error) {
	k := topK(res, o.TopK)
	tool := strings.TrimSpace(firstNonEmpty(res.Meta.Tool, "gapstudy") + " " + res.Meta.ToolVersion)
	id, ctitle, version, _ := checklistInfo(res)
	page := &htmlPage{
		Title:     studyTitle(res, o.Title),
		Subtitle:  fmt.Sprintf("Checklist %s (%s, version %s). Data: %s.", ctitle, id, version, firstNonEmpty(dataLabel(res), dataStatus(res))),
		Generator: tool,
		Footer:    "Written by " + tool + ". Numbers are rounded for reading; the workbook and the JSON written from the same result hold them in full.",
	}
	if synthetic(res) {
		page.Banner = SyntheticBanner
	}
	prio, err := htmlPriorities(res, k)
	if err != nil {
		return nil, err
	}
	countries, err := htmlCountries(res)
	if err != nil {
		return nil, err
	}
	page.Sections = []htmlSection{htmlSummarySection(res, k), prio, countries, htmlHeatmap(res), htmlGaps(res)}
	if res.Progress != nil {
		page.Sections = append(page.Sections, htmlProgress(res))
	}
	if res.KnownIssues != nil {
		page.Sections = append(page.Sections, htmlKnownIssues(res))
	}
	if hasPractices(res) {
		page.Sections = append(page.Sections, htmlPracticesSection(res))
	}
	if hasAgreement(res) || hasReconcile(res) {
		page.Sections = append(page.Sections, htmlAgreement(res))
	}
	if res.Panel != nil {
		page.Sections = append(page.Sections, htmlPanel(res))
	}
	page.Sections = append(page.Sections, htmlDiagnostics(res), htmlMethodology(res, k))
	return page, nil
}

func htmlSummarySection(res *gapanalysis.Result, k int) htmlSection {
	sum := summarize(res)
	id, ctitle, version, _ := checklistInfo(res)
	s := htmlSection{ID: HTMLSummary, Title: "Summary"}
	s.Facts = [][2]string{
		{"Checklist", ctitle},
		{"Checklist ID", id},
		{"Checklist version", version},
		{"Data", firstNonEmpty(dataLabel(res), "–")},
		{"Data status", dataStatus(res)},
		{"Inputs", firstNonEmpty(strings.Join(res.Meta.Inputs, "; "), "–")},
		{"Ranking method", method(res)},
		{"Missing answers", missingRule(res)},
		{"Tool", strings.TrimSpace(firstNonEmpty(res.Meta.Tool, "gapstudy") + " " + res.Meta.ToolVersion)},
	}
	s.Tables = append(s.Tables, htmlTable{
		ID: "headline", Caption: "Headline numbers",
		Head: []htmlHead{{Text: "Figure"}, {Text: "Value", Num: true}},
		Rows: [][]htmlCell{
			{rowHead("Countries assessed"), intCell(sum.countries)},
			{rowHead("Items"), intCell(sum.items)},
			{rowHead("Gaps"), intCell(sum.gaps)},
			{rowHead("Mean index (0–100)"), scoreCell(sum.meanIndex)},
			{rowHead("Mean coverage"), percentCellScore(sum.meanCoverage)},
			{rowHead("Errors"), intCell(sum.errors)},
			{rowHead("Warnings"), intCell(sum.warnings)},
		},
	})
	if h := ProgressHeadline(res); h.Baseline {
		t := &s.Tables[0]
		t.Rows = append(t.Rows,
			[]htmlCell{rowHead("Gaps closed since the baseline"), intCell(h.Closed)},
			[]htmlCell{rowHead("Baseline gaps still open"), intCell(h.StillOpen())},
			[]htmlCell{rowHead("New gaps"), intCell(h.NewGaps)})
	}
	top := htmlTable{ID: "top-priorities", Caption: fmt.Sprintf("Top %d priorities", min(k, len(res.Priorities))),
		Head: append(heads("Rank", "Measure", "Title"), htmlHead{Text: "Score", Num: true})}
	top.Head[0].Num = true
	for i, p := range res.Priorities {
		if i >= k {
			break
		}
		top.Rows = append(top.Rows, []htmlCell{rankCell(p.Rank), rowHead(string(p.ID)), longCell(p.Title), fixedCell(p.Score, 1)})
	}
	s.Tables = append(s.Tables, top)
	return s
}

func percentCellScore(s gapanalysis.Score) htmlCell {
	if !known(s) {
		return htmlCell{Text: "–", Class: "num"}
	}
	return percentCell(s.Value)
}

func htmlPriorities(res *gapanalysis.Result, k int) (htmlSection, error) {
	s := htmlSection{ID: HTMLPriorities, Title: "Priorities", Wide: true}
	kk := sensitivityTopK(res)
	s.Paras = append(s.Paras, fmt.Sprintf("Measures ranked by %s (%s).", method(res), rankingInWords(method(res))))
	hasU := false
	for i := range res.Priorities {
		if rankUncertainty(res, &res.Priorities[i]) != nil {
			hasU = true
			break
		}
	}
	if hasU && res.Uncertainty != nil {
		s.Paras = append(s.Paras, fmt.Sprintf("Rank intervals over %d Monte Carlo samples (seed %d), varying %s: the median rank, the 5th–95th percentile rank and the share of samples in which the measure is among the top %d.",
			res.Uncertainty.Samples, res.Uncertainty.Seed, firstNonEmpty(strings.Join(res.Uncertainty.Inputs, ", "), "nothing"), kk))
	} else {
		s.Paras = append(s.Paras, "No Monte Carlo analysis was run: the ranks have no interval.")
	}
	t := htmlTable{ID: "priorities-table", Caption: "Priority measures", Class: "sortable",
		Head: append(append([]htmlHead{{Text: "Rank", Num: true}}, heads("Measure", "Title")...),
			numHeads("Score", "Median rank", "Rank P5", "Rank P95", fmt.Sprintf("P(top %d)", kk))...)}
	t.Head = append(t.Head, heads("Addresses", "In place in")...)
	for i := range res.Priorities {
		p := &res.Priorities[i]
		row := []htmlCell{rankCell(p.Rank), rowHead(string(p.ID)), longCell(p.Title), fixedCell(p.Score, 1)}
		if u := rankUncertainty(res, p); u != nil {
			row = append(row, numCell(mdNumber(u.Median), u.Median), numCell(mdNumber(u.P05), u.P05),
				numCell(mdNumber(u.P95), u.P95), percentCell(u.PTopK))
		} else {
			for range 4 {
				row = append(row, numCell("", nan))
			}
		}
		row = append(row, textCell(joinItems(p.Addresses)), textCell(joinStrings(p.Adopters)))
		t.Rows = append(t.Rows, row)
	}
	s.Tables = append(s.Tables, t)

	if len(res.Criteria) > 0 && len(res.Priorities) > 0 {
		ct := htmlTable{ID: "criteria-table", Caption: "Criterion values and contributions to the score", Class: "sortable",
			Note: "(contribution: the criterion's share of the measure's score)",
			Head: append([]htmlHead{{Text: "Rank", Num: true}}, heads("Measure")...)}
		for _, c := range res.Criteria {
			ct.Head = append(ct.Head, htmlHead{Text: criterionLabel(c), Num: true})
		}
		for _, c := range res.Criteria {
			ct.Head = append(ct.Head, htmlHead{Text: "Contribution: " + criterionLabel(c), Num: true})
		}
		labels := make([]string, len(res.Priorities))
		series := make([]barSeries, len(res.Criteria))
		for j, c := range res.Criteria {
			series[j] = barSeries{Name: criterionLabel(c), Values: make([]gapanalysis.Score, len(res.Priorities))}
		}
		for i := range res.Priorities {
			p := &res.Priorities[i]
			labels[i] = string(p.ID)
			row := []htmlCell{rankCell(p.Rank), rowHead(string(p.ID))}
			for _, c := range res.Criteria {
				row = append(row, optCell(p.Criteria, c.ID))
			}
			for j, c := range res.Criteria {
				row = append(row, optCell(p.Contributions, c.ID))
				if v, ok := p.Contributions[c.ID]; ok {
					series[j].Values[i] = num(v)
				}
			}
			ct.Rows = append(ct.Rows, row)
		}
		s.Tables = append(s.Tables, ct)
		svg, err := svgBarChart(barChart{
			Title:    plotTitle(res, "Score of each measure by criterion"),
			Subtitle: "Contribution of each criterion to the score, " + method(res),
			Axis:     "Score",
			Labels:   labels, Series: series, Stacked: true,
		})
		if err != nil {
			return s, err
		}
		s.Figures = append(s.Figures, htmlFigure{SVG: svg,
			Caption: "Contributions of the criteria to each measure's score, in rank order (the numbers are in the table of criterion values and contributions)."})
	}
	if svg, err := svgRankIntervals(res); err != nil {
		return s, err
	} else if svg != "" {
		s.Figures = append(s.Figures, htmlFigure{SVG: svg,
			Caption: fmt.Sprintf("Rank intervals: bar from the 5th to the 95th percentile rank, dot at the median rank, cross at the nominal rank; ranks 1–%d shaded.", kk)})
	}
	if svg, err := svgSobol(res); err != nil {
		return s, err
	} else if svg != "" {
		s.Figures = append(s.Figures, htmlFigure{SVG: svg,
			Caption: "Sobol indices of the mean absolute rank shift: which uncertain input moves the ranking most (first-order and total indices with their bootstrap intervals)."})
	}
	return s, nil
}

// nan is an unknown number: numCell shows it as "–".
var nan = math.NaN()

// optCell is the value of id in m with two decimals, "–" when absent.
func optCell(m map[gapanalysis.CriterionID]float64, id gapanalysis.CriterionID) htmlCell {
	v, ok := m[id]
	if !ok {
		return numCell("", nan)
	}
	return fixedCell(v, 2)
}

func htmlCountries(res *gapanalysis.Result) (htmlSection, error) {
	s := htmlSection{ID: HTMLCountries, Title: "Country ranking"}
	s.Paras = []string{"Countries by index (0–100), the weighted mean of the pillar scores; coverage is the share of applicable items with a known answer. Equal indexes share the best rank; a country without an index has no rank."}
	cl := res.Checklist
	t := htmlTable{ID: "countries-table", Caption: "Countries by index", Class: "sortable",
		Head: append(append([]htmlHead{{Text: "Rank", Num: true}}, heads("Code", "Country")...), numHeads("Index", "Coverage", "Gaps")...)}
	for _, p := range cl.Pillars {
		t.Head = append(t.Head, htmlHead{Text: "Rank: " + firstNonEmpty(p.Title, string(p.ID)), Num: true})
	}
	t.Head = append(t.Head, htmlHead{Text: "Rank note"})
	labels := make([]string, len(res.Countries))
	idx := barSeries{Name: "Index", Values: make([]gapanalysis.Score, len(res.Countries))}
	for i, c := range res.Countries {
		name := firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code))
		labels[i] = string(c.Code) + " " + name
		idx.Values[i] = c.Index
		row := []htmlCell{rankCell(c.Rank), textCell(string(c.Code)), rowHead(name), scoreCell(c.Index), percentCell(c.Coverage), intCell(c.Gaps)}
		for _, p := range cl.Pillars {
			row = append(row, rankCell(c.PillarRanks[p.ID]))
		}
		row = append(row, longCell(c.RankNote))
		t.Rows = append(t.Rows, row)
	}
	s.Tables = append(s.Tables, t)
	if len(res.Countries) > 0 {
		svg, err := svgBarChart(barChart{Title: plotTitle(res, "Index by country (0–100)"), Axis: "Index",
			Labels: labels, Series: []barSeries{idx}, Max: 100})
		if err != nil {
			return s, err
		}
		s.Figures = append(s.Figures, htmlFigure{SVG: svg, Caption: "Index by country, in rank order; a country without an index has no bar."})
	}
	return s, nil
}

func htmlHeatmap(res *gapanalysis.Result) htmlSection {
	s := htmlSection{ID: HTMLHeatmap, Title: "Heatmap", Wide: true}
	s.Paras = []string{"Each cell says in words how the country implements the item: full, partial, none, na (not applicable), unknown, or \"" + OptionNotUsed + "\" for an optional provision the country does not use (lawful). The colours repeat the words: green full, yellow partial, red none, grey na, white unknown."}
	codes := sortedCountryCodes(res)
	t := htmlTable{ID: "heatmap-table", Caption: "Implementation status by item and country", Class: "heatmap",
		Head: []htmlHead{{Text: "ID"}, {Text: "Ref", PrintHide: true}, {Text: "Title"}, {Text: "Obligation", PrintHide: true}}}
	for _, c := range codes {
		t.Head = append(t.Head, htmlHead{Text: string(c)})
	}
	byKey := assessmentIndex(res)
	for _, it := range res.Checklist.Items() {
		row := []htmlCell{rowHead(string(it.ID)), {Text: it.Ref, Class: "print-hide"}, longCell(it.Title), {Text: string(it.Obligation), Class: "print-hide"}}
		for _, c := range codes {
			cell := htmlCell{Text: gapanalysis.StatusUnknown.String(), Class: statusClass("unknown")}
			if a := byKey[countryItem{c, it.ID}]; a != nil {
				cell = htmlCell{Text: heatmapText(a), Class: statusClass(statusText(a.Applicable, a.Status, a.Score))}
			}
			if res.Agreement.Hidden(c, it.ID) != nil {
				cell.Text = SplitText
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	s.Tables = append(s.Tables, t)
	return s
}

func htmlGaps(res *gapanalysis.Result) htmlSection {
	s := htmlSection{ID: HTMLGaps, Title: "Gaps", Wide: true}
	s.Paras = []string{"Every applicable item with a known score below 1, by country and then by severity: the index points the country loses on the item. The evidence and comment are the respondents' words; the source is the cell they came from (file!sheet!cell). Exemplars are the most similar countries where the item is in place."}
	if len(res.Gaps) == 0 {
		s.Paras = append(s.Paras, "There are no gaps.")
		return s
	}
	cl := res.Checklist
	t := htmlTable{ID: "gaps-table", Caption: "Gaps by country", Class: "sortable",
		Head: append(append(heads("Country", "Item", "Ref", "Title", "Obligation", "Status"), numHeads("Gap", "Severity")...),
			heads("Evidence", "Comment", "Source", "Exemplars", "Exemplar evidence")...)}
	var changes map[countryItem]*gapanalysis.ItemChange
	if res.Progress != nil {
		t.Head = append(t.Head, htmlHead{Text: "Since baseline"})
		changes = changeIndex(res.Progress)
	}
	for _, g := range res.Gaps {
		var ref, title, obl string
		if it := cl.Item(g.Item); it != nil {
			ref, title, obl = it.Ref, it.Title, string(it.Obligation)
		}
		st := statusText(true, g.Status, num(g.Score))
		stCell := htmlCell{Text: st, Class: statusClass(st)}
		if res.Agreement.Hidden(g.Country, g.Item) != nil {
			stCell.Text = SplitText
		}
		row := []htmlCell{textCell(string(g.Country)), rowHead(string(g.Item)), textCell(ref), longCell(title), textCell(obl), stCell,
			fixedCell(g.Gap, 2), fixedCell(g.Severity, 2), longCell(g.Evidence), longCell(g.Comment), srcCell(fewSources(g.Sources)),
			textCell(exemplarCodes(g.Exemplars)), longCell(exemplarEvidence(g.Exemplars))}
		if changes != nil {
			row = append(row, textCell(sinceBaseline(res.Progress, changes, g)))
		}
		t.Rows = append(t.Rows, row)
	}
	s.Tables = append(s.Tables, t)
	return s
}

func htmlProgress(res *gapanalysis.Result) htmlSection {
	cmp := res.Progress
	h := ProgressHeadline(res)
	s := htmlSection{ID: HTMLProgress, Title: "Progress since the baseline", Wide: true}
	s.Facts = [][2]string{{"Baseline", firstNonEmpty(cmp.OldLabel, "–")}, {"Current wave", firstNonEmpty(cmp.NewLabel, "–")}}
	s.Tables = append(s.Tables, htmlTable{ID: "progress-headline", Caption: "Baseline gaps and what became of them",
		Head: []htmlHead{{Text: "Figure"}, {Text: "Value", Num: true}},
		Rows: [][]htmlCell{
			{rowHead("Gaps closed"), intCell(h.Closed)},
			{rowHead("Gaps still open"), intCell(h.StillOpen())},
			{rowHead("… of which improved"), intCell(h.Improved)},
			{rowHead("… of which unchanged"), intCell(h.Remaining)},
			{rowHead("… of which worsened"), intCell(h.Worsened)},
			{rowHead("New gaps"), intCell(h.NewGaps)},
			{rowHead("Countries improved"), intCell(h.CountriesImproved)},
			{rowHead("Countries worsened"), intCell(h.CountriesWorsened)},
			{rowHead("Countries unchanged"), intCell(h.CountriesUnchanged)},
		}})
	t := htmlTable{ID: "progress-table", Caption: "Index by country: baseline and current wave", Class: "sortable",
		Head: append(heads("Code", "Country"), numHeads("Index (baseline)", "Index (current)", "Delta", "Delta P5", "Delta P95",
			"P(improved)", "Rank (baseline)", "Rank (current)")...)}
	for _, c := range cmp.Countries {
		row := []htmlCell{textCell(string(c.Code)), rowHead(firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code))),
			scoreCell(c.IndexOld), scoreCell(c.IndexNew), signedCell(c.Delta)}
		if u := c.Uncertainty; u != nil {
			row = append(row, signedCell(num(u.P05)), signedCell(num(u.P95)), percentCell(u.PImproved))
		} else {
			row = append(row, numCell("", nan), numCell("", nan), numCell("", nan))
		}
		row = append(row, rankCell(c.RankOld), rankCell(c.RankNew))
		t.Rows = append(t.Rows, row)
	}
	s.Tables = append(s.Tables, t)
	if len(cmp.OnlyOld) > 0 {
		s.Paras = append(s.Paras, "Left out, in the baseline's checklist only: "+joinItems(cmp.OnlyOld)+".")
	}
	if len(cmp.OnlyNew) > 0 {
		s.Paras = append(s.Paras, "Left out, in the current checklist only: "+joinItems(cmp.OnlyNew)+".")
	}
	return s
}

// signedCell is a change with one decimal and its sign (mdSigned).
func signedCell(s gapanalysis.Score) htmlCell {
	if !known(s) {
		return htmlCell{Text: "–", Class: "num"}
	}
	return numCell(mdSigned(s), s.Value)
}

func htmlKnownIssues(res *gapanalysis.Result) htmlSection {
	h := ProgressHeadline(res)
	s := htmlSection{ID: HTMLKnownIssues, Title: "Known issues", Wide: true}
	s.Paras = []string{fmt.Sprintf("%d issues read from the register, each judged against the current wave: resolved (score 1), remaining (known, below 1), not-applicable, unknown.", len(res.KnownIssues))}
	counts := htmlTable{ID: "verdicts", Caption: "Known issues by verdict", Head: []htmlHead{{Text: "Verdict"}, {Text: "Issues", Num: true}}}
	for _, v := range AllVerdicts() {
		counts.Rows = append(counts.Rows, []htmlCell{rowHead(string(v)), intCell(h.Verdicts[v])})
	}
	s.Tables = append(s.Tables, counts)
	if len(res.KnownIssues) > 0 {
		t := htmlTable{ID: "known-issues-table", Caption: "Known issues and their verdicts", Class: "sortable",
			Head: heads("Country", "Item", "Issue source", "Date", "Note", "Verdict", "Status", "Sources", "Register cell")}
		for _, k := range res.KnownIssues {
			t.Rows = append(t.Rows, []htmlCell{textCell(string(k.Country)), rowHead(string(k.Item)), textCell(k.Source), textCell(k.Date),
				longCell(k.Note), textCell(string(k.Verdict)), textCell(changeStatus(k.Status, k.Score)),
				srcCell(fewSources(k.Sources)), srcCell(k.At.String())})
		}
		s.Tables = append(s.Tables, t)
	}
	return s
}

func htmlPracticesSection(res *gapanalysis.Result) htmlSection {
	s := htmlSection{ID: HTMLPractices, Title: "Practices"}
	s.Paras = []string{"Per item, the countries where it is in place (at full), and the countries leading the item's theme (the highest theme scores). Their evidence is on the workbook's Practices sheet; the gaps above quote the evidence of the exemplars."}
	leaders := themeLeaders(res)
	t := htmlTable{ID: "practices-table", Caption: "Items in place, by country", Class: "sortable",
		Head: append(append(heads("ID", "Title", "Theme"), htmlHead{Text: "N at full", Num: true}), heads("At full in", "Theme leaders")...)}
	var (
		cur   *gapanalysis.Item
		row   []htmlCell
		codes []string
	)
	flush := func() {
		if cur != nil {
			row[4] = textCell(strings.Join(codes, ", "))
			t.Rows = append(t.Rows, row)
		}
	}
	for _, p := range practiceRows(res) {
		if p.item != cur {
			flush()
			cur, codes = p.item, nil
			lead := ""
			if p.theme != nil {
				lead = leadersText(leaders[p.theme.ID])
			}
			row = []htmlCell{rowHead(string(p.item.ID)), longCell(p.item.Title), textCell(themeLabel(p.theme)), intCell(p.nFull), {}, textCell(lead)}
		}
		if p.a != nil {
			codes = append(codes, string(p.a.Country))
		}
	}
	flush()
	s.Tables = append(s.Tables, t)
	return s
}

func htmlAgreement(res *gapanalysis.Result) htmlSection {
	ar := res.Agreement
	s := htmlSection{ID: HTMLAgreement, Title: "Agreement between respondents", Wide: true}
	s.Paras = []string{fmt.Sprintf("Units are (country, item) pairs answered by two or more respondents; 95%% bootstrap intervals in brackets (%d resamples, seed %d); – where undefined.", ar.Bootstrap, ar.Seed)}
	t := htmlTable{ID: "agreement-table", Caption: "Agreement by scope",
		Head: append(heads("Scope"), append(numHeads("Units", "Percent agreement", "Krippendorff's alpha (ordinal)", "Gwet's AC1", "To reconcile", "Hidden splits"), htmlHead{Text: "Note"})...)}
	for _, r := range agreementRows(ar) {
		a := r.st
		t.Rows = append(t.Rows, []htmlCell{rowHead(r.code), intCell(a.Units),
			{Text: mdInterval(a.PercentAgreement, a.PercentAgreementLo, a.PercentAgreementHi, mdPercent), Class: "num"},
			{Text: mdInterval(a.AlphaOrdinal, a.AlphaOrdinalLo, a.AlphaOrdinalHi, mdCoefficient), Class: "num"},
			{Text: mdInterval(a.AC1, a.AC1Lo, a.AC1Hi, mdCoefficient), Class: "num"},
			intCell(r.reconcile), intCell(r.hidden), longCell(agreementNote(a))})
	}
	s.Tables = append(s.Tables, t)
	if len(ar.Reconcile) > 0 {
		rt := htmlTable{ID: "reconcile-table", Caption: "Answers to reconcile",
			Note: "(where respondents disagree: each answer with its evidence and cell)",
			Head: append(numHeads("Unit"), heads("Country", "Item", "Disagreement", "Respondent", "Answer", "Evidence", "Comment", "Source")...)}
		for n := range ar.Reconcile {
			u := &ar.Reconcile[n]
			it := res.Checklist.Item(u.Item)
			shown, more := fewAnswers(u)
			for k := range shown {
				a := u.Answers.At(k)
				ans := answerText(it, a.Status)
				rt.Rows = append(rt.Rows, []htmlCell{intCell(n + 1), textCell(string(u.Country)), textCell(string(u.Item)),
					textCell(disagreement(*u)), rowHead(firstNonEmpty(a.Respondent, notNamed)), {Text: ans, Class: statusClass(a.Status.String())},
					longCell(a.Evidence), longCell(a.Comment), srcCell(a.Source.String())})
			}
			if more != "" {
				rt.Rows = append(rt.Rows, []htmlCell{intCell(n + 1), textCell(string(u.Country)), textCell(string(u.Item)),
					textCell(disagreement(*u)), {}, {}, longCell(more), {}, {}})
			}
		}
		s.Tables = append(s.Tables, rt)
	}
	return s
}

func htmlDiagnostics(res *gapanalysis.Result) htmlSection {
	sum := summarize(res)
	s := htmlSection{ID: HTMLDiagnostics, Title: "Diagnostics"}
	s.Paras = []string{fmt.Sprintf("Errors: %d; warnings: %d; notes: %d.", sum.errors, sum.warnings, sum.infos)}
	if len(res.Diagnostics) == 0 {
		return s
	}
	t := htmlTable{ID: "diagnostics-table", Caption: "Diagnostics of the import and the analysis", Class: "sortable",
		Head: heads("Severity", "Code", "Message", "File", "Sheet", "Cell")}
	for _, d := range res.Diagnostics {
		sev := htmlCell{Text: string(d.Severity)}
		switch d.Severity {
		case gapanalysis.SevError:
			sev.Class = "sev-error"
		case gapanalysis.SevWarning:
			sev.Class = "sev-warning"
		}
		t.Rows = append(t.Rows, []htmlCell{sev, textCell(string(d.Code)), longCell(d.Message), srcCell(d.File), textCell(d.Sheet), textCell(d.Cell)})
	}
	s.Tables = append(s.Tables, t)
	return s
}

func htmlMethodology(res *gapanalysis.Result, k int) htmlSection {
	s := htmlSection{ID: HTMLMethodology, Title: "Methodology"}
	s.Paras = []string{"The parameters of this run and the formulas, as on the workbook's Methodology sheet."}
	pt := htmlTable{ID: "parameters", Caption: "Parameters", Head: heads("Parameter", "Value")}
	for _, p := range parameters(res, k) {
		var v string
		switch x := p.value.(type) {
		case string:
			v = x
		case int:
			v = strconv.Itoa(x)
		case float64:
			v = strconv.FormatFloat(x, 'g', -1, 64)
		default:
			v = fmt.Sprint(x)
		}
		pt.Rows = append(pt.Rows, []htmlCell{rowHead(p.name), longCell(v)})
	}
	ft := htmlTable{ID: "formulas", Caption: "Formulas", Head: heads("Quantity", "Formula")}
	for _, f := range methodology(res) {
		ft.Rows = append(ft.Rows, []htmlCell{rowHead(f[0]), longCell(f[1])})
	}
	s.Tables = append(s.Tables, pt, ft)
	return s
}

func htmlPanel(res *gapanalysis.Result) htmlSection {
	rep := res.Panel
	s := htmlSection{ID: HTMLPanel, Title: "Expert panel", Wide: true}
	intro := "Expert criteria: " + gapanalysis.PanelLabel(rep)
	if rep.Label != "" {
		intro += ", read from " + rep.Label
	}
	s.Paras = []string{intro + ". The panel values replace the checklist's illustrative values.",
		"Kendall's W (0–1) says how alike the experts order the measures, over the measures every expert rated; it is not defined with fewer than two such measures or no variation."}
	switch res.Meta.WeightsMethod {
	case gapanalysis.WeightsAHP:
		if a := res.Meta.AHP; a != nil {
			text := fmt.Sprintf("Criteria weights by AHP: λmax %s, CI %s, CR %s", mdFixed(a.LambdaMax, 3), mdFixed(a.CI, 3), mdFixed(a.CR, 3))
			if a.CR > gapanalysis.AHPConsistencyLimit {
				text += fmt.Sprintf(" (above %s: the most inconsistent judgement is %s against %s)", mdFixed(gapanalysis.AHPConsistencyLimit, 1), a.WorstA, a.WorstB)
			}
			s.Paras = append(s.Paras, text+"; "+htmlWeights(res)+".")
		}
	case gapanalysis.WeightsEntropy:
		s.Paras = append(s.Paras, "Criteria weights by entropy of the criteria values: "+htmlWeights(res)+".")
	}
	rated := map[gapanalysis.CriterionID]bool{}
	for _, v := range rep.Values {
		rated[v.Criterion] = true
	}
	wt := htmlTable{ID: "kendall-w", Caption: "Agreement of the experts by criterion",
		Head: append(heads("Criterion"), numHeads("Kendall's W", "χ²", "p-value", "Measures")...)}
	for _, c := range res.Criteria {
		if !rated[c.ID] {
			continue
		}
		w, ok := rep.KendallW[c.ID]
		if !ok {
			wt.Rows = append(wt.Rows, []htmlCell{rowHead(criterionLabel(c)), {Text: "not defined", Class: "num"}, numCell("", nan), numCell("", nan), numCell("", nan)})
			continue
		}
		wt.Rows = append(wt.Rows, []htmlCell{rowHead(criterionLabel(c)), fixedCell(w.W, 3), fixedCell(w.Chi2, 2), numCell(mdPValue(w.P), w.P), intCell(w.NMeasures)})
	}
	s.Tables = append(s.Tables, wt)
	titles := map[gapanalysis.MeasureID]string{}
	for _, m := range res.Checklist.Measures {
		titles[m.ID] = m.Title
	}
	vt := htmlTable{ID: "panel-values", Caption: "Panel values", Class: "sortable",
		Note: fmt.Sprintf("(%s of the experts' ratings, 1–5; IQR: interquartile range; N: experts who rated)", firstNonEmpty(rep.Aggregate, "aggregate")),
		Head: append(append(heads("Measure", "Title", "Criterion"), numHeads("Value", "IQR", "N")...), numHeads(rep.ExpertIDs...)...)}
	for _, v := range rep.Values {
		row := []htmlCell{rowHead(string(v.Measure)), longCell(titles[v.Measure]), textCell(string(v.Criterion)),
			fixedCell(v.Value, 2), fixedCell(v.IQR, 2), intCell(v.N)}
		for _, id := range rep.ExpertIDs {
			if x, ok := v.Ratings[id]; ok {
				row = append(row, numCell(strconv.FormatFloat(x, 'g', -1, 64), x))
			} else {
				row = append(row, numCell("", nan))
			}
		}
		vt.Rows = append(vt.Rows, row)
	}
	s.Tables = append(s.Tables, vt)
	return s
}

// htmlWeights lists the normalised criteria weights in criteria order, "gap
// points 0.400, cost 0.200".
func htmlWeights(res *gapanalysis.Result) string {
	parts := make([]string, 0, len(res.Criteria))
	for _, c := range res.Criteria {
		parts = append(parts, criterionLabel(c)+" "+mdFixed(res.Meta.CriteriaWeights[c.ID], 3))
	}
	return strings.Join(parts, ", ")
}
