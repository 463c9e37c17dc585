package report

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	htpl "html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// FicheIndexFile is the name of the page of WriteFiches that links the
// country fiches.
const FicheIndexFile = "index.html"

// FicheFile returns the file name of a country's fiche: its EU code and
// ".html", e.g. "AT.html" (EL for Greece).
func FicheFile(code gapanalysis.CountryCode) string { return string(code) + ".html" }

// FicheFiles returns the names of the files WriteFiches writes for res:
// index.html, then one fiche per assessed country in code order. It is nil for
// a nil result.
func FicheFiles(res *gapanalysis.Result) []string {
	if res == nil {
		return nil
	}
	names := []string{FicheIndexFile}
	for _, c := range sortedCountryCodes(res) {
		names = append(names, FicheFile(c))
	}
	return names
}

// AllFicheFiles returns every name WriteFiches may write, whatever the
// survey: index.html and a fiche for every country the study can assess
// (gapanalysis.Countries). A command checks these before it reads the
// surveys, when it does not know yet which countries they assess.
func AllFicheFiles() []string {
	names := []string{FicheIndexFile}
	for _, c := range gapanalysis.Countries() {
		names = append(names, FicheFile(c.Code))
	}
	return names
}

// ErrFicheCode is returned (wrapped) for a country code that cannot name a
// file: anything but two ASCII capital letters.
var ErrFicheCode = errors.New("report: country code cannot name a fiche file")

//go:embed fichetmpl
var ficheFS embed.FS

var ficheTemplates = htpl.Must(htpl.New("fiche").Funcs(htpl.FuncMap{
	"fileOf": func(code string) string { return FicheFile(gapanalysis.CountryCode(code)) },
}).ParseFS(ficheFS, "fichetmpl/*.tmpl"))

// ficheCSS is the style sheet of every fiche and of the index, inlined.
var ficheCSS = func() htpl.CSS {
	b, err := ficheFS.ReadFile("fichetmpl/fiche.css")
	if err != nil {
		panic("report: " + err.Error())
	}
	return htpl.CSS(b)
}()

// WriteFiches writes one HTML country fiche per assessed country of res into
// dir (created, mode 0755, when missing), named by EU code ("AT.html",
// FicheFile), and index.html linking them with each country's index, rank and a
// one-line status (FicheFiles lists the names). Each page is self-contained —
// the style sheet and the charts (SVG drawn with gonum/plot) are inline, it
// makes no request and needs no JavaScript — and all survey text is escaped
// (html/template). A page made from synthetic data carries SyntheticBanner.
//
// A fiche holds the country's index and rank with its Monte Carlo P5–P95 rank
// interval (when the analysis ran) and the rank note; its pillar and theme
// scores against the EU mean (the mean over the assessed countries with a
// score), as a chart and as a table; every gap with its severity, status,
// evidence, comment, source cells and exemplars; its peers; and, only when the
// study has them, the known-issue verdicts (res.KnownIssues), the progress since
// the baseline (res.Progress) and the agreement between respondents with the
// units to reconcile (res.Agreement). The pages print on A4: table headers
// repeat on every page, rows and figures are not cut, and each major section
// starts on a new page.
//
// The files are written as a set, like WriteCSV's: when one cannot be written,
// none already in dir is replaced. Files of countries no longer assessed are
// left as they are.
func WriteFiches(dir string, res *gapanalysis.Result) error {
	staged, err := StageFiches(context.Background(), dir, res)
	if err != nil {
		return err
	}
	return CommitAll(staged)
}

// StageFiches writes the files of WriteFiches to temporary files in dir as a
// set, as StageCSV does. The pages are built in memory first: nothing is
// created in dir when one of them cannot be built.
func StageFiches(ctx context.Context, dir string, res *gapanalysis.Result) ([]*Staged, error) {
	pages, err := buildFiches(res)
	if err != nil {
		return nil, err
	}
	return stageAll(ctx, dir, FicheFiles(res), func(name string, w io.Writer) error {
		_, err := w.Write(pages[name])
		return err
	})
}

// buildFiches renders every page of WriteFiches, keyed by file name.
func buildFiches(res *gapanalysis.Result) (map[string][]byte, error) {
	if err := check(res, true); err != nil {
		return nil, err
	}
	for _, c := range res.Countries {
		if !validFicheCode(c.Code) {
			return nil, fmt.Errorf("%w: %q", ErrFicheCode, c.Code)
		}
	}
	fs := newFicheStudy(res)
	pages := map[string][]byte{}
	var buf bytes.Buffer
	if err := ficheTemplates.ExecuteTemplate(&buf, "index.html.tmpl", fs.indexView()); err != nil {
		return nil, fmt.Errorf("report: %s: %w", FicheIndexFile, err)
	}
	pages[FicheIndexFile] = bytes.Clone(buf.Bytes())
	for i := range res.Countries {
		c := &res.Countries[i]
		v, err := fs.ficheView(c)
		if err != nil {
			return nil, err
		}
		buf.Reset()
		if err := ficheTemplates.ExecuteTemplate(&buf, "fiche.html.tmpl", v); err != nil {
			return nil, fmt.Errorf("report: %s: %w", FicheFile(c.Code), err)
		}
		pages[FicheFile(c.Code)] = bytes.Clone(buf.Bytes())
	}
	return pages, nil
}

func validFicheCode(c gapanalysis.CountryCode) bool {
	return len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'
}

// ficheStudy holds what every page of a result shares.
type ficheStudy struct {
	res      *gapanalysis.Result
	page     pageView
	euMean   map[string]gapanalysis.Score // "p:"+pillar or "t:"+theme → mean, 0–100
	ranked   int                          // countries with a rank
	progress map[gapanalysis.CountryCode]*gapanalysis.CountryProgress
}

// pageView is the head and foot of every page.
type pageView struct {
	CSS       htpl.CSS
	Study     string
	Synthetic bool
	Banner    string
	Tool      string
	Checklist string
	Data      string
}

func newFicheStudy(res *gapanalysis.Result) *ficheStudy {
	id, _, version, _ := checklistInfo(res)
	fs := &ficheStudy{res: res, euMean: map[string]gapanalysis.Score{},
		progress: map[gapanalysis.CountryCode]*gapanalysis.CountryProgress{}}
	fs.page = pageView{
		CSS: ficheCSS, Study: studyTitle(res, ""), Synthetic: synthetic(res), Banner: SyntheticBanner,
		Tool:      strings.TrimSpace(firstNonEmpty(res.Meta.Tool, "gapstudy") + " " + res.Meta.ToolVersion),
		Checklist: strings.TrimSpace(id + " " + version), Data: dataLabel(res),
	}
	mean := func(get func(c *gapanalysis.CountryResult) gapanalysis.Score) gapanalysis.Score {
		var sum float64
		var n int
		for i := range res.Countries {
			if s := get(&res.Countries[i]); known(s) {
				sum += s.Value
				n++
			}
		}
		if n == 0 {
			return gapanalysis.Score{}
		}
		return gapanalysis.Known(sum / float64(n))
	}
	for _, p := range res.Checklist.Pillars {
		fs.euMean["p:"+string(p.ID)] = mean(func(c *gapanalysis.CountryResult) gapanalysis.Score { return c.Pillars[p.ID] })
	}
	for _, t := range res.Checklist.Themes() {
		fs.euMean["t:"+string(t.ID)] = mean(func(c *gapanalysis.CountryResult) gapanalysis.Score { return c.Themes[t.ID] })
	}
	fs.euMean["index"] = mean(func(c *gapanalysis.CountryResult) gapanalysis.Score { return c.Index })
	for _, c := range res.Countries {
		if c.Rank > 0 {
			fs.ranked++
		}
	}
	if res.Progress != nil {
		for i := range res.Progress.Countries {
			cp := &res.Progress.Countries[i]
			fs.progress[cp.Code] = cp
		}
	}
	return fs
}

// Number formats of the pages.
func fmtScore(s gapanalysis.Score) string {
	if !known(s) {
		return "–"
	}
	return fmtFloat(s.Value, 1)
}

// fmtFloat formats v with prec decimals, halves rounded away from zero as a
// spreadsheet does (56.25 → "56.3"), "–" when not finite.
func fmtFloat(v float64, prec int) string {
	if !finite(v) {
		return "–"
	}
	scale := math.Pow(10, float64(prec))
	v = math.Round(v*scale) / scale
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

func fmtSigned(v float64, prec int) string {
	s := fmtFloat(v, prec)
	if finite(v) && v > 0 && s != fmtFloat(0, prec) {
		return "+" + s
	}
	if s == "-"+fmtFloat(0, prec) {
		return fmtFloat(0, prec)
	}
	return s
}

func fmtRank(r int) string {
	if r <= 0 {
		return "–"
	}
	return strconv.Itoa(r)
}

func fmtPercent(s gapanalysis.Score) string {
	if !known(s) {
		return "–"
	}
	return fmtFloat(100*s.Value, 0) + "%"
}

// rankInterval returns "P5–P95" of a country's Monte Carlo rank, "" when the
// analysis did not run.
func (fs *ficheStudy) rankInterval(code gapanalysis.CountryCode) string {
	u := fs.res.Uncertainty
	if u == nil {
		return ""
	}
	ru, ok := u.Countries[code]
	if !ok || !finite(ru.P05) || !finite(ru.P95) {
		return ""
	}
	return strconv.FormatFloat(ru.P05, 'f', -1, 64) + "–" + strconv.FormatFloat(ru.P95, 'f', -1, 64)
}

// countryName returns the name of a country of the study.
func countryName(code gapanalysis.CountryCode, name string) string {
	return firstNonEmpty(name, gapanalysis.CountryName(code))
}

// indexRow is one country of the index page.
type indexRow struct {
	Code, Name, Index, Rank, Interval, Status string
}

type indexView struct {
	pageView
	Title     string
	Rows      []indexRow
	Interval  bool
	Countries int
	MeanIndex string
}

func (fs *ficheStudy) indexView() indexView {
	v := indexView{pageView: fs.page, Title: "Country fiches — " + fs.page.Study, Countries: len(fs.res.Countries),
		MeanIndex: fmtScore(fs.euMean["index"])}
	for i := range fs.res.Countries {
		c := &fs.res.Countries[i]
		row := indexRow{Code: string(c.Code), Name: countryName(c.Code, c.Name), Index: fmtScore(c.Index),
			Rank: fmtRank(c.Rank), Interval: fs.rankInterval(c.Code), Status: fs.statusLine(c)}
		if row.Interval != "" {
			v.Interval = true
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// statusLine is the one-line status of a country on the index page: its gaps
// and the index points they cost, its change since the baseline, its rank
// note.
func (fs *ficheStudy) statusLine(c *gapanalysis.CountryResult) string {
	var parts []string
	switch c.Gaps {
	case 0:
		parts = append(parts, "no gap")
	case 1:
		parts = append(parts, "1 gap ("+fmtFloat(c.GapPoints, 1)+" index points)")
	default:
		parts = append(parts, strconv.Itoa(c.Gaps)+" gaps ("+fmtFloat(c.GapPoints, 1)+" index points)")
	}
	if cp := fs.progress[c.Code]; cp != nil {
		if known(cp.Delta) {
			parts = append(parts, fmtSigned(cp.Delta.Value, 1)+" since the baseline")
		} else if !cp.InOld {
			parts = append(parts, "not in the baseline")
		}
	}
	if c.RankNote != "" {
		parts = append(parts, c.RankNote)
	}
	return strings.Join(parts, "; ")
}

// scoreRow is one pillar or theme of a fiche.
type scoreRow struct {
	Level, Title, Score, EU, Diff, Rank string
	Pillar                              bool
}

type exemplarView struct {
	Code, Name, Similarity, Evidence, Source string
}

type gapView struct {
	Item, Ref, Title, Obligation, Status, Severity, Evidence, Comment, Source string
	Exemplars                                                                 []exemplarView
}

type peerView struct {
	Code, Name, Similarity string
}

type knownIssueView struct {
	Item, Title, Source, Date, Note, Verdict, Status, Cells, Register string
}

type transitionCount struct {
	Transition string
	N          int
}

type remainingView struct {
	Item, Title, Transition, Old, New, OldSource, NewSource string
}

type progressView struct {
	OldLabel, NewLabel        string
	IndexOld, IndexNew, Delta string
	RankOld, RankNew          string
	Interval, PImproved       string
	InOld                     bool
	Counts                    []transitionCount
	Remaining                 []remainingView
}

type answerView struct {
	Respondent, Status, Evidence, Comment, Source string
}

type reconcileView struct {
	Item, Title, Note string
	Answers           []answerView
	More              string // how many answers are not listed, when some are not
	Rows              int    // table rows: the answers, and one for More
}

type agreementView struct {
	Units                      int
	Percent, Alpha, AC1        string
	PercentCI, AlphaCI, AC1CI  string
	OverallUnits               int
	OverallPercent, OverallAC1 string
	OverallAlpha               string
	Bootstrap                  int
	Reconcile                  []reconcileView
}

type ficheView struct {
	pageView
	Title               string
	Code, Name          string
	Index, Rank, Ranked string
	Interval, RankNote  string
	Coverage, EUIndex   string
	Samples             int
	Counts              string
	Chart               htpl.HTML
	Scores              []scoreRow
	Gaps                []gapView
	GapPoints           string
	Peers               []peerView
	HasKnownIssues      bool
	KnownIssues         []knownIssueView
	Progress            *progressView
	HasAgreement        bool
	Agreement           *agreementView
	ExemplarsConfigured int
}

func (fs *ficheStudy) ficheView(c *gapanalysis.CountryResult) (*ficheView, error) {
	res := fs.res
	name := countryName(c.Code, c.Name)
	v := &ficheView{pageView: fs.page, Title: name + " (" + string(c.Code) + ") — country fiche",
		Code: string(c.Code), Name: name, Index: fmtScore(c.Index), Rank: fmtRank(c.Rank),
		Ranked: strconv.Itoa(fs.ranked), Interval: fs.rankInterval(c.Code), RankNote: c.RankNote,
		Coverage: fmtFloat(100*c.Coverage, 0) + "%", EUIndex: fmtScore(fs.euMean["index"]),
		GapPoints: fmtFloat(c.GapPoints, 2),
		Counts: fmt.Sprintf("%d full, %d partial, %d none, %d not applicable, %d unknown",
			c.NFull, c.NPartial, c.NNone, c.NNA, c.NUnknown),
	}
	if res.Uncertainty != nil {
		v.Samples = res.Uncertainty.Samples
	}
	v.Scores = fs.scoreRows(c)
	chart, err := fs.ficheScoreChart(c, name)
	if err != nil {
		return nil, fmt.Errorf("report: %s: %w", FicheFile(c.Code), err)
	}
	v.Chart = chart
	v.Gaps = fs.gapViews(c.Code)
	for _, p := range c.Peers {
		v.Peers = append(v.Peers, peerView{Code: string(p.Country), Name: gapanalysis.CountryName(p.Country), Similarity: fmtFloat(p.Similarity, 2)})
	}
	if res.KnownIssues != nil {
		v.HasKnownIssues = true
		v.KnownIssues = fs.knownIssueViews(c.Code)
	}
	if cp := fs.progress[c.Code]; cp != nil && res.Progress != nil {
		v.Progress = fs.progressView(cp)
	}
	if res.Agreement != nil {
		v.HasAgreement = true
		v.Agreement = fs.agreementView(c.Code)
	}
	return v, nil
}

func (fs *ficheStudy) scoreRows(c *gapanalysis.CountryResult) []scoreRow {
	var rows []scoreRow
	diff := func(s, eu gapanalysis.Score) string {
		if !known(s) || !known(eu) {
			return "–"
		}
		return fmtSigned(s.Value-eu.Value, 1)
	}
	for _, p := range fs.res.Checklist.Pillars {
		s, eu := c.Pillars[p.ID], fs.euMean["p:"+string(p.ID)]
		rows = append(rows, scoreRow{Level: "Pillar", Title: firstNonEmpty(p.Title, string(p.ID)), Score: fmtScore(s), EU: fmtScore(eu),
			Diff: diff(s, eu), Rank: fmtRank(c.PillarRanks[p.ID]), Pillar: true})
		for _, t := range p.Themes {
			s, eu := c.Themes[t.ID], fs.euMean["t:"+string(t.ID)]
			rows = append(rows, scoreRow{Level: "Theme", Title: firstNonEmpty(t.Title, string(t.ID)), Score: fmtScore(s), EU: fmtScore(eu),
				Diff: diff(s, eu), Rank: ""})
		}
	}
	return rows
}

func (fs *ficheStudy) itemInfo(id gapanalysis.ItemID) (ref, title, obligation string) {
	if it := fs.res.Checklist.Item(id); it != nil {
		return it.Ref, it.Title, string(it.Obligation)
	}
	return "", "", ""
}

func (fs *ficheStudy) gapViews(code gapanalysis.CountryCode) []gapView {
	var out []gapView
	for _, g := range fs.res.Gaps {
		if g.Country != code {
			continue
		}
		ref, title, obl := fs.itemInfo(g.Item)
		gv := gapView{Item: string(g.Item), Ref: ref, Title: title, Obligation: obl,
			Status: statusText(true, g.Status, num(g.Score)), Severity: fmtFloat(g.Severity, 2),
			Evidence: g.Evidence, Comment: g.Comment, Source: fewSources(g.Sources)}
		for _, e := range g.Exemplars {
			gv.Exemplars = append(gv.Exemplars, exemplarView{Code: string(e.Country), Name: gapanalysis.CountryName(e.Country),
				Similarity: fmtFloat(e.Similarity, 2), Evidence: e.Evidence, Source: fewSources(e.Sources)})
		}
		out = append(out, gv)
	}
	return out
}

func (fs *ficheStudy) knownIssueViews(code gapanalysis.CountryCode) []knownIssueView {
	var out []knownIssueView
	for _, k := range fs.res.KnownIssues {
		if k.Country != code {
			continue
		}
		_, title, _ := fs.itemInfo(k.Item)
		out = append(out, knownIssueView{Item: string(k.Item), Title: title, Source: k.Source, Date: k.Date, Note: k.Note,
			Verdict: string(k.Verdict), Status: k.Status.String(), Cells: fewSources(k.Sources), Register: k.At.String()})
	}
	return out
}

func (fs *ficheStudy) progressView(cp *gapanalysis.CountryProgress) *progressView {
	p := fs.res.Progress
	v := &progressView{OldLabel: p.OldLabel, NewLabel: p.NewLabel, IndexOld: fmtScore(cp.IndexOld), IndexNew: fmtScore(cp.IndexNew),
		Delta: "–", RankOld: fmtRank(cp.RankOld), RankNew: fmtRank(cp.RankNew), InOld: cp.InOld}
	if known(cp.Delta) {
		v.Delta = fmtSigned(cp.Delta.Value, 1)
	}
	if u := cp.Uncertainty; u != nil {
		v.Interval = fmtSigned(u.P05, 1) + " to " + fmtSigned(u.P95, 1)
		v.PImproved = fmtFloat(u.PImproved, 2)
	}
	if cp.InOld && cp.InNew {
		for _, t := range gapanalysis.AllTransitions() {
			v.Counts = append(v.Counts, transitionCount{Transition: string(t), N: cp.Counts[t]})
		}
	}
	for _, ch := range p.Changes {
		if ch.Country != cp.Code || (ch.Transition != gapanalysis.TransRemaining && ch.Transition != gapanalysis.TransWorsened) {
			continue
		}
		_, title, _ := fs.itemInfo(ch.Item)
		v.Remaining = append(v.Remaining, remainingView{Item: string(ch.Item), Title: title, Transition: string(ch.Transition),
			Old: ch.Old.String(), New: ch.New.String(), OldSource: fewSources(ch.OldSources), NewSource: fewSources(ch.NewSources)})
	}
	return v
}

func fmtCI(lo, hi gapanalysis.Score, prec int) string {
	if !known(lo) || !known(hi) {
		return "–"
	}
	return fmtFloat(lo.Value, prec) + " to " + fmtFloat(hi.Value, prec)
}

func fmtStat(s gapanalysis.Score) string {
	if !known(s) {
		return "–"
	}
	return fmtFloat(s.Value, 2)
}

func (fs *ficheStudy) agreementView(code gapanalysis.CountryCode) *agreementView {
	ar := fs.res.Agreement
	st := ar.Countries[code]
	v := &agreementView{Units: st.Units, Percent: fmtPercent(st.PercentAgreement), Alpha: fmtStat(st.AlphaOrdinal), AC1: fmtStat(st.AC1),
		PercentCI: pctCI(st.PercentAgreementLo, st.PercentAgreementHi), AlphaCI: fmtCI(st.AlphaOrdinalLo, st.AlphaOrdinalHi, 2),
		AC1CI: fmtCI(st.AC1Lo, st.AC1Hi, 2), OverallUnits: ar.Overall.Units, OverallPercent: fmtPercent(ar.Overall.PercentAgreement),
		OverallAlpha: fmtStat(ar.Overall.AlphaOrdinal), OverallAC1: fmtStat(ar.Overall.AC1), Bootstrap: ar.Bootstrap}
	for _, u := range ar.Reconcile {
		if u.Country != code {
			continue
		}
		_, title, _ := fs.itemInfo(u.Item)
		rv := reconcileView{Item: string(u.Item), Title: title}
		switch {
		case u.Option:
			rv.Note = "respondents disagree on whether the option is used"
		case u.Hidden:
			rv.Note = "merged as partial, although no respondent said partial"
		}
		shown, more := fewAnswers(&u)
		for k := range shown {
			a := u.Answers.At(k)
			rv.Answers = append(rv.Answers, answerView{Respondent: firstNonEmpty(a.Respondent, "(not named)"), Status: a.Status.String(),
				Evidence: a.Evidence, Comment: a.Comment, Source: a.Source.String()})
		}
		rv.More, rv.Rows = more, len(rv.Answers)
		if more != "" {
			rv.Rows++
		}
		v.Reconcile = append(v.Reconcile, rv)
	}
	return v
}

func pctCI(lo, hi gapanalysis.Score) string {
	if !known(lo) || !known(hi) {
		return "–"
	}
	return fmtFloat(100*lo.Value, 0) + "% to " + fmtFloat(100*hi.Value, 0) + "%"
}
