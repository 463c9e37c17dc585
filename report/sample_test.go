package report_test

import (
	"math"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// The sample study below is worked out by hand.
//
// Checklist: two pillars of weight 1; "compliance" has the themes "offences"
// (D-3.4, D-5.2) and "victims" (D-18.1, D-20.3), "practice" has the theme
// "prevention" (BP-HOTLINE, BP-REPORTS, numeric with target 10). Every weight is 1,
// so the effective weights are 1/2·1/2·1/2 = 0.125 for the D- items and
// 1/2·1·1/2 = 0.25 for the BP- items.
//
// Answers (DK is not bound by the Directive: its D- items are not applicable):
//
//	item        AT          DK        EL
//	D-3.4       full        na        full
//	D-5.2       partial     na        full
//	D-18.1      none        na        partial (two respondents)
//	D-20.3      unknown     na        full
//	BP-HOTLINE  full        partial   none
//	BP-REPORTS  5 → 0.5     unknown   unknown
//
// Scores (0–100):
//
//	AT: offences 75, victims 0, compliance 37.5; prevention 75, practice 75;
//	    index 56.25; coverage 5/6
//	DK: offences, victims and compliance unknown; prevention 50, practice 50;
//	    index 50; coverage 1/2
//	EL: offences 100, victims 75, compliance 87.5; prevention 0, practice 0;
//	    index 43.75; coverage 5/6
//
// Ranks: index AT 1, DK 2, EL 3; compliance EL 1, AT 2, DK none (DK is not
// bound, and ranked on practice items only); practice AT 1, DK 2, EL 3.
//
// Gaps (severity = 100 × gap × effective weight): AT D-18.1 12.5, AT BP-REPORTS
// 12.5, AT D-5.2 6.25, DK BP-HOTLINE 12.5, EL BP-HOTLINE 25, EL D-18.1 6.25.
//
// Measures and their derived criteria:
//
//	M-HOTLINE   (BP-HOTLINE, BP-REPORTS) gap points 50,    countries 3, binding 0, feasibility 5, cost 3 (filled)
//	M-PENALTIES (D-3.4, D-5.2)           gap points 6.25,  countries 1, binding 1, feasibility 4, cost 2
//	M-VICTIMS   (D-18.1, D-20.3)         gap points 18.75, countries 2, binding 2, feasibility 3, cost 3
//
// WSM with five criteria of weight 1: normalised values (gap points, countries,
// binding, feasibility, cost) H (1, 1, 0, 1, 0), P (0, 0, 0.5, 0.5, 1),
// V (2/7, 0.5, 1, 0, 0); scores H 60, P 40, V 100·(2/7 + 1.5)/5 = 35.714…;
// contributions are 20 × each normalised value.
func sampleChecklist() *gapanalysis.Checklist {
	cl := &gapanalysis.Checklist{
		ID:      "sample-2011-93",
		Title:   "Sample checklist for Directive 2011/93/EU",
		Version: "2026.1-test",
		SHA256:  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		Instrument: gapanalysis.Instrument{
			Title:    "Directive 2011/93/EU",
			ELI:      "http://data.europa.eu/eli/dir/2011/93/oj",
			NotBound: []gapanalysis.CountryCode{"DK"},
		},
		Pillars: []*gapanalysis.Pillar{
			{ID: "compliance", Title: "Legal compliance", Weight: 1, Themes: []*gapanalysis.Theme{
				{ID: "offences", Title: "Substantive criminal law", Weight: 1, Items: []*gapanalysis.Item{
					{ID: "D-3.4", Ref: "Art. 3(4)", Title: "Engaging in sexual activities with a child below the age of consent",
						Obligation: gapanalysis.Mandatory, Weight: 1, MinMaxPenalty: 5,
						ELI: "http://data.europa.eu/eli/dir/2011/93/art_3/par_4/oj"},
					{ID: "D-5.2", Ref: "Art. 5(2)", Title: "Acquisition or possession of child sexual abuse material",
						Obligation: gapanalysis.Mandatory, Weight: 1, MinMaxPenalty: 1},
				}},
				{ID: "victims", Title: "Victims", Weight: 1, Items: []*gapanalysis.Item{
					{ID: "D-18.1", Ref: "Art. 18(1)", Title: "Assistance and support to child victims",
						Obligation: gapanalysis.Mandatory, Weight: 1},
					{ID: "D-20.3", Ref: "Art. 20(3)", Title: "Interviews of the child victim | \"special\" cases",
						Obligation: gapanalysis.Optional, Weight: 1},
				}},
			}},
			{ID: "practice", Title: "Best practice", Weight: 1, Themes: []*gapanalysis.Theme{
				{ID: "prevention", Title: "Prevention", Weight: 1, Items: []*gapanalysis.Item{
					{ID: "BP-HOTLINE", Title: "A national hotline for reports of online abuse material",
						Obligation: gapanalysis.Practice, Weight: 1},
					{ID: "BP-REPORTS", Title: "Hotline reports handled per 100 000 inhabitants",
						Obligation: gapanalysis.Practice, Weight: 1, Type: gapanalysis.NumericItem,
						Direction: gapanalysis.Higher, Normalize: gapanalysis.Target, Target: 10},
				}},
			}},
		},
		Criteria: []gapanalysis.Criterion{
			{ID: "feasibility", Title: "Feasibility", Direction: gapanalysis.Benefit},
			{ID: "cost", Title: "Cost", Direction: gapanalysis.Cost},
		},
		Measures: []*gapanalysis.Measure{
			{ID: "M-PENALTIES", Title: "Raise maximum penalties to the Directive's minimum", Addresses: []gapanalysis.ItemID{"D-3.4", "D-5.2"},
				Criteria: map[gapanalysis.CriterionID]float64{"feasibility": 4, "cost": 2}},
			{ID: "M-VICTIMS", Title: "Child-friendly support and interviews", Addresses: []gapanalysis.ItemID{"D-18.1", "D-20.3"},
				Criteria: map[gapanalysis.CriterionID]float64{"feasibility": 3, "cost": 3}},
			{ID: "M-HOTLINE", Title: "Fund national hotlines", Addresses: []gapanalysis.ItemID{"BP-HOTLINE", "BP-REPORTS"},
				Criteria: map[gapanalysis.CriterionID]float64{"feasibility": 5}},
		},
	}
	if err := cl.Validate(); err != nil {
		panic(err)
	}
	return cl
}

const (
	survey = "survey_synthetic.xlsx"
	sheet  = "Survey"
)

func src(cell string) gapanalysis.Source {
	return gapanalysis.Source{File: survey, Sheet: sheet, Cell: cell}
}

// sampleResponses holds the answers of the table above. Free text includes
// strings a spreadsheet would take for a formula.
func sampleResponses() []gapanalysis.Response {
	type R = gapanalysis.Response
	return []R{
		{Country: "AT", Item: "D-3.4", Status: gapanalysis.StatusFull, Evidence: "§ 206 StGB", Respondent: "Expert A", Source: src("C2")},
		{Country: "AT", Item: "D-5.2", Status: gapanalysis.StatusPartial, Evidence: "§ 207a StGB", Comment: "=1+1", Respondent: "Expert A", Source: src("C3")},
		{Country: "AT", Item: "D-18.1", Status: gapanalysis.StatusNone, Comment: "+cmd", Respondent: "Expert A", Source: src("C4")},
		{Country: "AT", Item: "D-20.3", Status: gapanalysis.StatusUnknown, Comment: "@x", Respondent: "Expert A", Source: src("C5")},
		{Country: "AT", Item: "BP-HOTLINE", Status: gapanalysis.StatusFull, Evidence: "Stopline", Respondent: "Expert A", Source: src("C6")},
		{Country: "AT", Item: "BP-REPORTS", Value: 5, HasValue: true, Respondent: "Expert A", Source: src("D7")},
		{Country: "DK", Item: "BP-HOTLINE", Status: gapanalysis.StatusPartial, Evidence: "-funded by NGOs", Comment: "Red Barnet\nhotline", Source: src("C8")},
		{Country: "EL", Item: "D-3.4", Status: gapanalysis.StatusFull, Evidence: "Art. 339 Ποινικός Κώδικας", Respondent: "Expert B", Source: src("C9")},
		{Country: "EL", Item: "D-5.2", Status: gapanalysis.StatusFull, Respondent: "Expert B", Source: src("C10")},
		{Country: "EL", Item: "D-18.1", Status: gapanalysis.StatusPartial, Comment: "support centres in Athens only", Respondent: "Expert B", Source: src("C11")},
		{Country: "EL", Item: "D-18.1", Status: gapanalysis.StatusPartial, Respondent: "Expert C", Source: src("C12")},
		{Country: "EL", Item: "D-20.3", Status: gapanalysis.StatusFull, Respondent: "Expert B", Source: src("C13")},
		{Country: "EL", Item: "BP-HOTLINE", Status: gapanalysis.StatusNone, Comment: "no hotline; 50% of reports go abroad", Respondent: "Expert B", Source: src("C14")},
	}
}

// sampleResult returns the study above, with real (not synthetic) data and no
// Monte Carlo analysis.
func sampleResult() *gapanalysis.Result {
	cl := sampleChecklist()
	cfg := gapanalysis.DefaultConfig()
	cfg.Checklist = "sample.yaml"
	cfg.Vocabulary = map[string][]string{"full": {"si, pienamente"}}
	k := func(v float64) gapanalysis.Score { return gapanalysis.Known(v) }
	unknown := gapanalysis.Score{}
	ds := &gapanalysis.Dataset{Responses: gapanalysis.NewResponses(sampleResponses()...), Label: survey}

	type A = gapanalysis.Assessment
	full, partial, none, na := gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone, gapanalysis.StatusNA
	assessments := []A{
		{Country: "AT", Item: "D-3.4", Applicable: true, Status: full, Score: k(1), Respondents: 1, Agreement: 1, Evidence: "§ 206 StGB", Sources: gapanalysis.SourcesOf(src("C2"))},
		{Country: "AT", Item: "D-5.2", Applicable: true, Status: partial, Score: k(0.5), Respondents: 1, Agreement: 1, Evidence: "§ 207a StGB", Comment: "=1+1", Sources: gapanalysis.SourcesOf(src("C3"))},
		{Country: "AT", Item: "D-18.1", Applicable: true, Status: none, Score: k(0), Respondents: 1, Agreement: 1, Comment: "+cmd", Sources: gapanalysis.SourcesOf(src("C4"))},
		{Country: "AT", Item: "D-20.3", Applicable: true, Comment: "@x", Agreement: 1, Sources: gapanalysis.SourcesOf(src("C5"))},
		{Country: "AT", Item: "BP-HOTLINE", Applicable: true, Status: full, Score: k(1), Respondents: 1, Agreement: 1, Evidence: "Stopline", Sources: gapanalysis.SourcesOf(src("C6"))},
		{Country: "AT", Item: "BP-REPORTS", Applicable: true, Status: partial, Score: k(0.5), Respondents: 1, Agreement: 1, Value: 5, HasValue: true, Sources: gapanalysis.SourcesOf(src("D7"))},
		{Country: "DK", Item: "D-3.4", Status: na, Agreement: 1},
		{Country: "DK", Item: "D-5.2", Status: na, Agreement: 1},
		{Country: "DK", Item: "D-18.1", Status: na, Agreement: 1},
		{Country: "DK", Item: "D-20.3", Status: na, Agreement: 1},
		{Country: "DK", Item: "BP-HOTLINE", Applicable: true, Status: partial, Score: k(0.5), Respondents: 1, Agreement: 1, Evidence: "-funded by NGOs", Comment: "Red Barnet\nhotline", Sources: gapanalysis.SourcesOf(src("C8"))},
		{Country: "DK", Item: "BP-REPORTS", Applicable: true, Agreement: 1},
		{Country: "EL", Item: "D-3.4", Applicable: true, Status: full, Score: k(1), Respondents: 1, Agreement: 1, Evidence: "Art. 339 Ποινικός Κώδικας", Sources: gapanalysis.SourcesOf(src("C9"))},
		{Country: "EL", Item: "D-5.2", Applicable: true, Status: full, Score: k(1), Respondents: 1, Agreement: 1, Sources: gapanalysis.SourcesOf(src("C10"))},
		{Country: "EL", Item: "D-18.1", Applicable: true, Status: partial, Score: k(0.5), Respondents: 2, Agreement: 1, Comment: "support centres in Athens only", Sources: gapanalysis.SourcesOf(src("C11"), src("C12"))},
		{Country: "EL", Item: "D-20.3", Applicable: true, Status: full, Score: k(1), Respondents: 1, Agreement: 1, Sources: gapanalysis.SourcesOf(src("C13"))},
		{Country: "EL", Item: "BP-HOTLINE", Applicable: true, Status: none, Score: k(0), Respondents: 1, Agreement: 1, Comment: "no hotline; 50% of reports go abroad", Sources: gapanalysis.SourcesOf(src("C14"))},
		{Country: "EL", Item: "BP-REPORTS", Applicable: true, Agreement: 1},
	}

	res := &gapanalysis.Result{
		Meta: gapanalysis.Meta{
			Tool: "gapstudy", ToolVersion: "0.1.0",
			ChecklistID: cl.ID, ChecklistTitle: cl.Title, ChecklistVersion: cl.Version, ChecklistSHA256: cl.SHA256,
			Inputs: []string{survey}, DataLabel: survey,
			Method: "wsm", Missing: "exclude", TopK: 5, Samples: 0, Seed: 1,
		},
		Checklist:   cl,
		Config:      cfg,
		Dataset:     ds,
		Assessments: assessments,
		Countries: []gapanalysis.CountryResult{
			{Code: "AT", Name: "Austria", Rank: 1, Index: k(56.25), Coverage: 5.0 / 6,
				Pillars: map[gapanalysis.PillarID]gapanalysis.Score{"compliance": k(37.5), "practice": k(75)},
				Themes:  map[gapanalysis.ThemeID]gapanalysis.Score{"offences": k(75), "victims": k(0), "prevention": k(75)},
				NFull:   2, NPartial: 2, NNone: 1, NUnknown: 1, Gaps: 3, GapPoints: 31.25,
				PillarRanks: map[gapanalysis.PillarID]int{"compliance": 2, "practice": 1}},
			{Code: "DK", Name: "Denmark", Rank: 2, RankNote: gapanalysis.RankNoteNotBound, Index: k(50), Coverage: 0.5,
				Pillars:  map[gapanalysis.PillarID]gapanalysis.Score{"compliance": unknown, "practice": k(50)},
				Themes:   map[gapanalysis.ThemeID]gapanalysis.Score{"offences": unknown, "victims": unknown, "prevention": k(50)},
				NPartial: 1, NNA: 4, NUnknown: 1, Gaps: 1, GapPoints: 12.5,
				PillarRanks: map[gapanalysis.PillarID]int{"compliance": 0, "practice": 2}},
			{Code: "EL", Name: "Greece", Rank: 3, Index: k(43.75), Coverage: 5.0 / 6,
				Pillars: map[gapanalysis.PillarID]gapanalysis.Score{"compliance": k(87.5), "practice": k(0)},
				Themes:  map[gapanalysis.ThemeID]gapanalysis.Score{"offences": k(100), "victims": k(75), "prevention": k(0)},
				NFull:   3, NPartial: 1, NNone: 1, NUnknown: 1, Gaps: 2, GapPoints: 31.25,
				PillarRanks: map[gapanalysis.PillarID]int{"compliance": 1, "practice": 3}},
		},
		Items: []gapanalysis.ItemStats{
			{ID: "D-3.4", NFull: 2, NNA: 1, Mean: k(1)},
			{ID: "D-5.2", NFull: 1, NPartial: 1, NNA: 1, Mean: k(0.75), Gaps: 1},
			{ID: "D-18.1", NPartial: 1, NNone: 1, NNA: 1, Mean: k(0.25), Gaps: 2},
			{ID: "D-20.3", NFull: 1, NNA: 1, NUnknown: 1, Mean: k(1)},
			{ID: "BP-HOTLINE", NFull: 1, NPartial: 1, NNone: 1, Mean: k(0.5), Gaps: 2},
			{ID: "BP-REPORTS", NPartial: 1, NUnknown: 2, Mean: k(0.5), Gaps: 1},
		},
		Gaps: []gapanalysis.Gap{
			{Country: "AT", Item: "D-18.1", Status: none, Score: 0, Gap: 1, Severity: 12.5, Comment: "+cmd", Sources: gapanalysis.SourcesOf(src("C4"))},
			{Country: "AT", Item: "BP-REPORTS", Status: partial, Score: 0.5, Gap: 0.5, Severity: 12.5, Sources: gapanalysis.SourcesOf(src("D7"))},
			{Country: "AT", Item: "D-5.2", Status: partial, Score: 0.5, Gap: 0.5, Severity: 6.25, Evidence: "§ 207a StGB", Comment: "=1+1", Sources: gapanalysis.SourcesOf(src("C3"))},
			{Country: "DK", Item: "BP-HOTLINE", Status: partial, Score: 0.5, Gap: 0.5, Severity: 12.5, Evidence: "-funded by NGOs", Comment: "Red Barnet\nhotline", Sources: gapanalysis.SourcesOf(src("C8"))},
			{Country: "EL", Item: "BP-HOTLINE", Status: none, Score: 0, Gap: 1, Severity: 25, Comment: "no hotline; 50% of reports go abroad", Sources: gapanalysis.SourcesOf(src("C14"))},
			{Country: "EL", Item: "D-18.1", Status: partial, Score: 0.5, Gap: 0.5, Severity: 6.25, Comment: "support centres in Athens only", Sources: gapanalysis.SourcesOf(src("C11"), src("C12"))},
		},
		Criteria: []gapanalysis.RankCriterion{
			{ID: "gap_points", Title: "Gap points", Direction: gapanalysis.Benefit, Weight: 1, Derived: true},
			{ID: "countries", Title: "Countries with gaps", Direction: gapanalysis.Benefit, Weight: 1, Derived: true},
			{ID: "binding_gaps", Title: "Binding gaps", Direction: gapanalysis.Benefit, Weight: 1, Derived: true},
			{ID: "feasibility", Title: "Feasibility", Direction: gapanalysis.Benefit, Weight: 1},
			{ID: "cost", Title: "Cost", Direction: gapanalysis.Cost, Weight: 1},
		},
		Priorities: []gapanalysis.Priority{
			{Rank: 1, ID: "M-HOTLINE", Title: "Fund national hotlines", Score: 60, Addresses: []gapanalysis.ItemID{"BP-HOTLINE", "BP-REPORTS"},
				Criteria:      map[gapanalysis.CriterionID]float64{"gap_points": 50, "countries": 3, "binding_gaps": 0, "feasibility": 5, "cost": 3},
				Contributions: map[gapanalysis.CriterionID]float64{"gap_points": 20, "countries": 20, "binding_gaps": 0, "feasibility": 20, "cost": 0},
				Filled:        []gapanalysis.CriterionID{"cost"}, GapCountries: []gapanalysis.CountryCode{"AT", "DK", "EL"}},
			{Rank: 2, ID: "M-PENALTIES", Title: "Raise maximum penalties to the Directive's minimum", Score: 40, Addresses: []gapanalysis.ItemID{"D-3.4", "D-5.2"},
				Criteria:      map[gapanalysis.CriterionID]float64{"gap_points": 6.25, "countries": 1, "binding_gaps": 1, "feasibility": 4, "cost": 2},
				Contributions: map[gapanalysis.CriterionID]float64{"gap_points": 0, "countries": 0, "binding_gaps": 10, "feasibility": 10, "cost": 20},
				GapCountries:  []gapanalysis.CountryCode{"AT"}},
			{Rank: 3, ID: "M-VICTIMS", Title: "Child-friendly support and interviews", Score: 100 * (2.0/7 + 1.5) / 5, Addresses: []gapanalysis.ItemID{"D-18.1", "D-20.3"},
				Criteria:      map[gapanalysis.CriterionID]float64{"gap_points": 18.75, "countries": 2, "binding_gaps": 2, "feasibility": 3, "cost": 3},
				Contributions: map[gapanalysis.CriterionID]float64{"gap_points": 20 * 2.0 / 7, "countries": 10, "binding_gaps": 20, "feasibility": 0, "cost": 0},
				GapCountries:  []gapanalysis.CountryCode{"AT", "EL"}},
		},
		Diagnostics: []gapanalysis.Diagnostic{
			{Severity: gapanalysis.SevError, Code: gapanalysis.CodeBadStatus, Message: `bad status "maybe" for AT D-3.4 — expected full, partial, none, na or unknown`,
				File: survey, Sheet: sheet, Cell: "C15", Row: 15, Col: 3},
			{Severity: gapanalysis.SevWarning, Code: gapanalysis.CodeDuplicate, Message: "duplicate answer for EL D-5.2 (counted once)",
				File: survey, Sheet: sheet, Cell: "C16", Row: 16, Col: 3},
			{Severity: gapanalysis.SevWarning, Code: gapanalysis.CodeMissingCriterion, Message: "measure M-HOTLINE has no value for cost; using the worst value 3"},
		},
	}
	addPractices(res)
	return res
}

// syntheticResult returns the sample study marked synthetic, with a Monte Carlo
// analysis of 200 samples, Sobol indices of two inputs (partial and method) and
// the agreement of two pairs of methods, one of them undefined (NaN, as for a
// constant ranking). The Sobol outputs are in the order of the analysis
// (checklist order of the measures, then the mean absolute rank shift); the
// writers list the mean absolute rank shift first, then the measures in priority
// order. All numbers are exact in binary, so that they print exactly.
func syntheticResult() *gapanalysis.Result {
	res := sampleResult()
	res.Meta.Synthetic = true
	res.Dataset.Synthetic = true
	res.Meta.Samples = 200
	res.Meta.Seed = 42
	res.Config.Uncertainty.Samples = 200
	res.Config.Uncertainty.Seed = 42
	res.Uncertainty = &gapanalysis.Uncertainty{
		Samples: 200, Seed: 42, TopK: 5,
		Countries: map[gapanalysis.CountryCode]gapanalysis.RankUncertainty{
			"EL": {Nominal: 3, Median: 3, P05: 2, P95: 3, PTopK: 1},
			"AT": {Nominal: 1, Median: 1, P05: 1, P95: 2, PTopK: 1},
			"DK": {Nominal: 2, Median: 2, P05: 1, P95: 3, PTopK: 1},
		},
	}
	mc := []gapanalysis.RankUncertainty{
		{Nominal: 1, Median: 1, P05: 1, P95: 2, PTopK: 1},
		{Nominal: 2, Median: 2, P05: 1, P95: 3, PTopK: 1},
		{Nominal: 3, Median: 2.5, P05: 2, P95: 3, PTopK: 0.95},
	}
	res.Uncertainty.Measures = map[gapanalysis.MeasureID]gapanalysis.RankUncertainty{}
	for i := range res.Priorities {
		res.Priorities[i].Uncertainty = &mc[i]
		res.Uncertainty.Measures[res.Priorities[i].ID] = mc[i]
	}
	res.Config.Uncertainty.Sobol = 64
	res.Config.Uncertainty.Bootstrap = 500
	res.Uncertainty.Inputs = []string{gapanalysis.InputPartial, gapanalysis.InputMethod}
	res.Uncertainty.Sobol = &gapanalysis.SobolReport{
		N: 64, Evaluations: 64 * (2 + 2), Sequence: "sobol", Confidence: 0.95,
		Inputs: []string{gapanalysis.InputPartial, gapanalysis.InputMethod},
		Outputs: []gapanalysis.SobolOutput{
			{Name: "M-PENALTIES", Variance: 0.25,
				First: []float64{0.125, 0.75}, FirstLo: []float64{0.0625, 0.625}, FirstHi: []float64{0.1875, 0.875},
				Total: []float64{0.25, 0.875}, TotalLo: []float64{0.1875, 0.8125}, TotalHi: []float64{0.3125, 0.9375}},
			{Name: "M-VICTIMS", Variance: 0.5,
				First: []float64{0.375, 0.5}, FirstLo: []float64{0.25, 0.375}, FirstHi: []float64{0.5, 0.625},
				Total: []float64{0.4375, 0.625}, TotalLo: []float64{0.375, 0.5}, TotalHi: []float64{0.5, 0.75}},
			{Name: "M-HOTLINE", Variance: 0,
				First: []float64{0, 0}, FirstLo: []float64{0, 0}, FirstHi: []float64{0, 0},
				Total: []float64{0, 0}, TotalLo: []float64{0, 0}, TotalHi: []float64{0, 0}},
			{Name: gapanalysis.OutputMeanShift, Variance: 0.375,
				First: []float64{0.25, 0.625}, FirstLo: []float64{0.125, 0.5}, FirstHi: []float64{0.375, 0.75},
				Total: []float64{0.3125, 0.75}, TotalLo: []float64{0.25, 0.6875}, TotalHi: []float64{0.375, 0.8125}},
		},
	}
	res.Uncertainty.Agreement = []gapanalysis.MethodAgreement{
		{A: "wsm", B: "topsis", Spearman: 0.5, Kendall: 0.25, WS: 0.75},
		{A: "wsm", B: "promethee2", Spearman: math.NaN(), Kendall: math.NaN(), WS: 1},
	}
	return res
}
