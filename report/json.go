package report

import (
	"fmt"
	"io"
	"iter"
	"sort"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// The JSON document of SPEC 8. Dedicated types keep the wire format apart from
// the domain types; every missing number is null (gapanalysis.Score).
type (
	// jsonBaseline describes the comparison with a baseline, in meta.
	jsonBaseline struct {
		Old          string   `json:"old"`
		New          string   `json:"new"`
		Samples      int      `json:"samples"`
		Seed         *uint64  `json:"seed"`
		ItemsOnlyOld []string `json:"items_only_old"`
		ItemsOnlyNew []string `json:"items_only_new"`
	}

	jsonTransition struct {
		Country    string `json:"country"`
		Item       string `json:"item"`
		Old        string `json:"old"`
		New        string `json:"new"`
		Transition string `json:"transition"`
	}

	jsonProgress struct {
		Code      string            `json:"code"`
		IndexOld  gapanalysis.Score `json:"index_old"`
		IndexNew  gapanalysis.Score `json:"index_new"`
		Delta     gapanalysis.Score `json:"delta"`
		RankOld   *int              `json:"rank_old"`
		RankNew   *int              `json:"rank_new"`
		DeltaP05  gapanalysis.Score `json:"delta_p05"`
		DeltaP95  gapanalysis.Score `json:"delta_p95"`
		PImproved gapanalysis.Score `json:"p_improved"`
		Counts    map[string]int    `json:"counts"`
	}

	jsonItemTransition struct {
		Item   string         `json:"item"`
		Counts map[string]int `json:"counts"`
	}

	jsonMeasure struct {
		ID           string            `json:"id"`
		GapPointsOld gapanalysis.Score `json:"gap_points_old"`
		GapPointsNew gapanalysis.Score `json:"gap_points_new"`
	}

	jsonKnownIssue struct {
		Country string  `json:"country"`
		Item    string  `json:"item"`
		Source  string  `json:"source"`
		Date    *string `json:"date"`
		Note    *string `json:"note"`
		Verdict string  `json:"verdict"`
		Status  string  `json:"status"`
	}

	jsonMeta struct {
		Title       string          `json:"title"`
		Tool        string          `json:"tool"`
		ToolVersion string          `json:"tool_version"`
		Checklist   jsonChecklist   `json:"checklist"`
		Synthetic   bool            `json:"synthetic"`
		DataLabel   string          `json:"data_label"`
		Inputs      []string        `json:"inputs"`
		Method      string          `json:"method"`
		Missing     string          `json:"missing"`
		TopK        int             `json:"top_k"`
		Samples     int             `json:"samples"`
		Seed        uint64          `json:"seed"`
		Criteria    []jsonCriterion `json:"criteria"`
		// Sensitivity is present only when the result holds an uncertainty
		// analysis; it sits in meta so that the top level keeps SPEC 8's keys.
		Sensitivity *jsonSensitivity `json:"sensitivity,omitempty"`
		// Baseline is present only with a comparison with a baseline.
		Baseline *jsonBaseline `json:"baseline,omitempty"`
		// ExpertValues says where the expert criteria values come from.
		ExpertValues string `json:"expert_values"`
		// CriteriaWeights holds the criteria weights normalised to sum 1.
		CriteriaWeights map[string]float64 `json:"criteria_weights"`
		WeightsMethod   string             `json:"weights_method"`
		// AHP is present only when the weights come from AHP judgements.
		AHP *jsonAHP `json:"ahp,omitempty"`
	}

	jsonChecklist struct {
		ID      string `json:"id"`
		Title   string `json:"title"`
		Version string `json:"version"`
		SHA256  string `json:"sha256"`
	}

	jsonCriterion struct {
		ID        string  `json:"id"`
		Title     string  `json:"title"`
		Direction string  `json:"direction"`
		Weight    float64 `json:"weight"`
		Derived   bool    `json:"derived"`
	}

	jsonCountry struct {
		Code string `json:"code"`
		Name string `json:"name"`
		Rank *int   `json:"rank"`
		// RankNote says what the rank rests on when not the whole checklist
		// (a country the instrument does not bind); null otherwise.
		RankNote *string                      `json:"rank_note"`
		Index    gapanalysis.Score            `json:"index"`
		Coverage gapanalysis.Score            `json:"coverage"`
		Pillars  map[string]gapanalysis.Score `json:"pillars"`
		// PillarRanks holds the country's rank on each pillar (null: no score).
		PillarRanks map[string]*int              `json:"pillar_ranks"`
		Themes      map[string]gapanalysis.Score `json:"themes"`
		// Peers are the most similar countries' codes (SPEC 13), most similar
		// first; PeerDetails the same with their similarity.
		Peers       []string   `json:"peers"`
		PeerDetails []jsonPeer `json:"peer_details"`
	}

	// jsonPeer is a country with its similarity: a peer of a country or an
	// exemplar of a gap.
	jsonPeer struct {
		Country    string            `json:"country"`
		Similarity gapanalysis.Score `json:"similarity"`
	}

	jsonItem struct {
		ID       string            `json:"id"`
		Mean     gapanalysis.Score `json:"mean"`
		NFull    int               `json:"n_full"`
		NPartial int               `json:"n_partial"`
		NNone    int               `json:"n_none"`
		NNA      int               `json:"n_na"`
		NUnknown int               `json:"n_unknown"`
		// AtFull lists the codes of the countries at full on the item (s = 1)
		// in code order: the practice inventory (SPEC 13).
		AtFull []string `json:"at_full"`
	}

	jsonGap struct {
		Country  string            `json:"country"`
		Item     string            `json:"item"`
		Status   string            `json:"status"`
		Score    gapanalysis.Score `json:"score"`
		Gap      gapanalysis.Score `json:"gap"`
		Severity gapanalysis.Score `json:"severity"`
		// Exemplars are the exemplar countries' codes (SPEC 13), most similar
		// first; ExemplarDetails the same with their similarity.
		Exemplars       []string   `json:"exemplars"`
		ExemplarDetails []jsonPeer `json:"exemplar_details"`
	}

	jsonPriority struct {
		Rank          *int                         `json:"rank"`
		ID            string                       `json:"id"`
		Title         string                       `json:"title"`
		Score         gapanalysis.Score            `json:"score"`
		Criteria      map[string]gapanalysis.Score `json:"criteria"`
		Uncertainty   *jsonUncertainty             `json:"uncertainty"`
		Contributions map[string]gapanalysis.Score `json:"contributions"`
		Addresses     []string                     `json:"addresses"`
		GapsClosed    []jsonGapRef                 `json:"gaps_closed"`
		// Adopters are the codes of the countries where the measure is in place
		// (SPEC 13).
		Adopters []string `json:"adopters"`
	}

	jsonGapRef struct {
		Country  string            `json:"country"`
		Item     string            `json:"item"`
		Severity gapanalysis.Score `json:"severity"`
	}

	jsonUncertainty struct {
		MedianRank gapanalysis.Score `json:"median_rank"`
		P05        gapanalysis.Score `json:"p05"`
		P95        gapanalysis.Score `json:"p95"`
		PTopK      gapanalysis.Score `json:"p_top_k"`
	}

	jsonSensitivity struct {
		Samples         int               `json:"samples"`
		Seed            uint64            `json:"seed"`
		TopK            int               `json:"top_k"`
		Inputs          []jsonInput       `json:"inputs"`
		Countries       []jsonCountryRank `json:"countries"`
		Sobol           *jsonSobol        `json:"sobol"`
		MethodAgreement []jsonAgreement   `json:"method_agreement"`
	}

	jsonInput struct {
		Name   string            `json:"name"`
		Varied bool              `json:"varied"`
		Kind   string            `json:"kind"`
		Low    gapanalysis.Score `json:"low"`
		High   gapanalysis.Score `json:"high"`
		Values []string          `json:"values"`
	}

	jsonCountryRank struct {
		Code       string            `json:"code"`
		Rank       *int              `json:"rank"`
		RankNote   *string           `json:"rank_note"`
		MedianRank gapanalysis.Score `json:"median_rank"`
		P05        gapanalysis.Score `json:"p05"`
		P95        gapanalysis.Score `json:"p95"`
		PTopK      gapanalysis.Score `json:"p_top_k"`
	}

	jsonSobol struct {
		N           int               `json:"n"`
		Evaluations int               `json:"evaluations"`
		Sequence    string            `json:"sequence"`
		Confidence  gapanalysis.Score `json:"confidence"`
		Inputs      []string          `json:"inputs"`
		Outputs     []jsonSobolOutput `json:"outputs"`
	}

	jsonSobolOutput struct {
		Name     string              `json:"name"`
		Variance gapanalysis.Score   `json:"variance"`
		First    []gapanalysis.Score `json:"first"`
		FirstLo  []gapanalysis.Score `json:"first_lo"`
		FirstHi  []gapanalysis.Score `json:"first_hi"`
		Total    []gapanalysis.Score `json:"total"`
		TotalLo  []gapanalysis.Score `json:"total_lo"`
		TotalHi  []gapanalysis.Score `json:"total_hi"`
	}

	jsonAgreement struct {
		A        string            `json:"a"`
		B        string            `json:"b"`
		Spearman gapanalysis.Score `json:"spearman"`
		Kendall  gapanalysis.Score `json:"kendall_tau_b"`
		WS       gapanalysis.Score `json:"ws"`
	}

	jsonDiagnostic struct {
		Severity string `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
		File     string `json:"file"`
		Sheet    string `json:"sheet"`
		Cell     string `json:"cell"`
	}
)

// WriteJSON writes res as the JSON document of SPEC 8, indented by two spaces:
//
//	{ "meta": {...}, "countries": [...], "items": [...], "gaps": [...],
//	  "priorities": [...], "diagnostics": [...] }
//
// Index, pillar, theme and measure scores are on 0–100; item scores and gaps on
// 0–1; severity in index points; coverage and mean on 0–1. Missing numbers are
// null, as is a rank of 0 (no rank) and the uncertainty of a measure without a
// Monte Carlo analysis. Lists are [] when empty, never null. Besides SPEC 8's keys,
// meta holds "title" and "criteria" (the ranking criteria), and each priority
// "contributions" (each criterion's share of the score) and "addresses" (the item
// IDs). The checklist is optional: without it, the pillar and theme maps hold only
// the scores the result has.
//
// Best practices (SPEC 13): each gap has "exemplars" (the exemplar countries'
// codes, most similar first) and "exemplar_details" (the same as objects
// "country", "similarity" on 0–1); each priority "adopters" (the codes of the
// countries where the measure is in place); each country "peers" (codes, most
// similar first) and "peer_details" ("country", "similarity"); each item
// "at_full", the practice inventory: the codes of the countries at full on it
// (s = 1) in code order. Like the gaps, they carry no evidence or source cells,
// so that the same answers give the same JSON whatever file and layout they were
// read from: evidence and cells are on the Gaps and Practices sheets and in the
// CSV files.
//
// When res.Uncertainty is not nil, meta holds a "sensitivity" object (meta, so
// that the top level keeps exactly SPEC 8's keys):
//
//	"sensitivity": {
//	  "samples", "seed", "top_k",
//	  "inputs": [{"name", "varied", "kind", "low", "high", "values"}],
//	  "countries": [{"code", "rank", "median_rank", "p05", "p95", "p_top_k"}],
//	  "sobol": {"n", "evaluations", "sequence", "confidence", "inputs": [...],
//	            "outputs": [{"name", "variance", "first", "first_lo", "first_hi",
//	                         "total", "total_lo", "total_hi"}]} or null,
//	  "method_agreement": [{"a", "b", "spearman", "kendall_tau_b", "ws"}] }
//
// inputs lists every uncertain input of SPEC 7 in model order, with "varied"
// true when it was varied; "kind" is "uniform" (a value drawn from low–high),
// "factor" (each weight multiplied by a factor drawn from low–high) or "choice"
// (one of values, equally likely; low and high null). countries are in nominal
// rank order. The Sobol outputs are the mean absolute rank shift
// ("mean_abs_rank_shift") and then each measure's rank in priority order; every
// index array is indexed like sobol.inputs, and its bounds are null when no
// bootstrap ran. Agreement statistics that are undefined (a constant ranking)
// are null.
//
// With a comparison with a baseline (res.Progress not nil) the document also
// has the keys of SPEC 12 "transitions" (one per country in both waves and item
// compared: "country", "item", "old", "new" — the merged statuses full,
// partial, none, na or unknown; for a numeric item, the status its score
// corresponds to, as for gaps — and "transition"), "progress" (one per country
// of either wave: "code", "index_old", "index_new", "delta", "rank_old",
// "rank_new", "delta_p05", "delta_p95", "p_improved" — null when unknown or
// when the paired Monte Carlo did not run — and "counts", every transition a
// key, null for a country in one wave only), "item_transitions" ("item",
// "counts") and "measure_progress" ("id", "gap_points_old", "gap_points_new"),
// and meta a "baseline" object ("old", "new": the two waves' labels;
// "samples", "seed" of the paired analysis, seed null when none ran;
// "items_only_old", "items_only_new": the items left out). With a known-issues
// register (res.KnownIssues not nil) it has "known_issues" (register order:
// "country", "item", "source", "date" and "note" — null when empty —,
// "verdict", "status"). Without them these keys are absent. With answers from
// several respondents (res.Agreement with a unit) it has "agreement" (SPEC 14:
// "overall" and "countries", see jsonAgreementDoc).
//
// The document is written as it is encoded, section by section and the lists
// element by element, through a buffered writer: its memory does not grow with
// the number of gaps or diagnostics. The bytes are those of a json.Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false) encoding the whole document,
// ending with a line break. On an error (a write fails, or a number JSON cannot
// hold) part of the document may have been written to w; WriteFile removes it.
func WriteJSON(w io.Writer, res *gapanalysis.Result) error {
	if err := check(res, false); err != nil {
		return err
	}
	jw := newJSONWriter(w)
	writeJSONDoc(jw, res)
	if err := jw.flush(); err != nil {
		return fmt.Errorf("report: writing JSON: %w", err)
	}
	return nil
}

// writeJSONDoc writes the document of WriteJSON section by section, the long
// lists element by element, followed by a line break.
func writeJSONDoc(jw *jsonWriter, res *gapanalysis.Result) {
	jw.raw("{")
	jw.key(1, true, "meta")
	jw.value(1, metaJSON(res))
	jsonMember(jw, 1, "countries", countriesJSON(res))
	jsonMember(jw, 1, "items", itemsJSON(res))
	jsonMember(jw, 1, "gaps", gapsJSON(res))
	jsonMember(jw, 1, "priorities", prioritiesJSON(res))
	jsonMember(jw, 1, "diagnostics", diagnosticsJSON(res))
	if cmp := res.Progress; cmp != nil {
		jsonMember(jw, 1, "transitions", transitionsJSON(cmp))
		jsonMember(jw, 1, "progress", progressRowsJSON(cmp))
		jsonMember(jw, 1, "item_transitions", itemTransitionsJSON(cmp))
		jsonMember(jw, 1, "measure_progress", measureProgressJSON(cmp))
	}
	if res.KnownIssues != nil {
		jsonMember(jw, 1, "known_issues", knownIssuesJSON(res.KnownIssues))
	}
	if a := agreementJSON(res); a != nil {
		jw.key(1, false, "agreement")
		jw.value(1, a)
	}
	if p := panelJSON(res); p != nil {
		jw.key(1, false, "panel")
		jw.value(1, p)
	}
	jw.raw("\n}\n")
}

// metaJSON returns the "meta" object.
func metaJSON(res *gapanalysis.Result) *jsonMeta {
	id, title, version, sha := checklistInfo(res)
	meta := &jsonMeta{
		Title:           studyTitle(res, ""),
		Tool:            firstNonEmpty(res.Meta.Tool, "gapstudy"),
		ToolVersion:     res.Meta.ToolVersion,
		Checklist:       jsonChecklist{ID: id, Title: title, Version: version, SHA256: sha},
		Synthetic:       synthetic(res),
		DataLabel:       dataLabel(res),
		Inputs:          append([]string{}, res.Meta.Inputs...),
		Method:          method(res),
		Missing:         missingRule(res),
		TopK:            topK(res, 0),
		Samples:         samplesRun(res),
		Seed:            firstNonZero(res.Meta.Seed, res.Config.Uncertainty.Seed),
		Criteria:        make([]jsonCriterion, 0, len(res.Criteria)),
		Sensitivity:     sensitivityJSON(res),
		ExpertValues:    firstNonEmpty(res.Meta.ExpertValues, gapanalysis.PanelLabel(res.Panel)),
		CriteriaWeights: criteriaWeightsJSON(res),
		WeightsMethod:   firstNonEmpty(res.Meta.WeightsMethod, gapanalysis.WeightsGiven),
		AHP:             ahpJSON(res),
	}
	for _, c := range res.Criteria {
		dir := c.Direction
		if dir == "" {
			dir = gapanalysis.Benefit
		}
		meta.Criteria = append(meta.Criteria, jsonCriterion{
			ID: string(c.ID), Title: c.Title, Direction: string(dir), Weight: c.Weight, Derived: c.Derived,
		})
	}
	if res.Progress != nil {
		meta.Baseline = baselineJSON(res.Progress)
	}
	return meta
}

// countriesJSON yields the elements of "countries".
func countriesJSON(res *gapanalysis.Result) iter.Seq[jsonCountry] {
	return func(yield func(jsonCountry) bool) {
		for i := range res.Countries {
			c := &res.Countries[i]
			jc := jsonCountry{
				Code:        string(c.Code),
				Name:        firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code)),
				Rank:        rankPtr(c.Rank),
				RankNote:    stringPtr(c.RankNote),
				Index:       clean(c.Index),
				Coverage:    num(c.Coverage),
				Pillars:     pillarScores(res.Checklist, c.Pillars),
				PillarRanks: pillarRanks(res.Checklist, c.PillarRanks),
				Themes:      themeScores(res.Checklist, c.Themes),
				Peers:       make([]string, len(c.Peers)),
				PeerDetails: make([]jsonPeer, len(c.Peers)),
			}
			for i, p := range c.Peers {
				jc.Peers[i] = string(p.Country)
				jc.PeerDetails[i] = jsonPeer{Country: string(p.Country), Similarity: num(p.Similarity)}
			}
			if !yield(jc) {
				return
			}
		}
	}
}

// itemsJSON yields the elements of "items".
func itemsJSON(res *gapanalysis.Result) iter.Seq[jsonItem] {
	return func(yield func(jsonItem) bool) {
		fullIn := map[gapanalysis.ItemID][]string{}
		for i := range res.Assessments {
			if a := &res.Assessments[i]; atFull(a) {
				fullIn[a.Item] = append(fullIn[a.Item], string(a.Country))
			}
		}
		for i := range res.Items {
			it := &res.Items[i]
			if !yield(jsonItem{
				ID: string(it.ID), Mean: clean(it.Mean),
				NFull: it.NFull, NPartial: it.NPartial, NNone: it.NNone, NNA: it.NNA, NUnknown: it.NUnknown,
				AtFull: sortedCodes(fullIn[it.ID]),
			}) {
				return
			}
		}
	}
}

// gapsJSON yields the elements of "gaps".
func gapsJSON(res *gapanalysis.Result) iter.Seq[jsonGap] {
	return func(yield func(jsonGap) bool) {
		for i := range res.Gaps {
			g := &res.Gaps[i]
			jg := jsonGap{
				Country:         string(g.Country),
				Item:            string(g.Item),
				Status:          statusText(true, g.Status, num(g.Score)),
				Score:           num(g.Score),
				Gap:             num(g.Gap),
				Severity:        num(g.Severity),
				Exemplars:       make([]string, len(g.Exemplars)),
				ExemplarDetails: make([]jsonPeer, len(g.Exemplars)),
			}
			for i, e := range g.Exemplars {
				jg.Exemplars[i] = string(e.Country)
				jg.ExemplarDetails[i] = jsonPeer{Country: string(e.Country), Similarity: num(e.Similarity)}
			}
			if !yield(jg) {
				return
			}
		}
	}
}

// prioritiesJSON yields the elements of "priorities".
func prioritiesJSON(res *gapanalysis.Result) iter.Seq[jsonPriority] {
	return func(yield func(jsonPriority) bool) {
		for i := range res.Priorities {
			p := &res.Priorities[i]
			jp := jsonPriority{
				Rank:          rankPtr(p.Rank),
				ID:            string(p.ID),
				Title:         p.Title,
				Score:         num(p.Score),
				Criteria:      numbers(p.Criteria),
				Contributions: numbers(p.Contributions),
				Addresses:     make([]string, len(p.Addresses)),
				GapsClosed:    make([]jsonGapRef, len(p.Closes)),
				Adopters:      make([]string, len(p.Adopters)),
			}
			for i, c := range p.Adopters {
				jp.Adopters[i] = string(c)
			}
			for i, a := range p.Addresses {
				jp.Addresses[i] = string(a)
			}
			for i, g := range p.Closes {
				jp.GapsClosed[i] = jsonGapRef{Country: string(g.Country), Item: string(g.Item), Severity: num(g.Severity)}
			}
			if u := rankUncertainty(res, p); u != nil {
				jp.Uncertainty = &jsonUncertainty{
					MedianRank: num(u.Median), P05: num(u.P05), P95: num(u.P95), PTopK: num(u.PTopK),
				}
			}
			if !yield(jp) {
				return
			}
		}
	}
}

// diagnosticsJSON yields the elements of "diagnostics".
func diagnosticsJSON(res *gapanalysis.Result) iter.Seq[jsonDiagnostic] {
	return func(yield func(jsonDiagnostic) bool) {
		for i := range res.Diagnostics {
			d := &res.Diagnostics[i]
			if !yield(jsonDiagnostic{
				Severity: string(d.Severity), Code: string(d.Code), Message: d.Message,
				File: d.File, Sheet: d.Sheet, Cell: d.Cell,
			}) {
				return
			}
		}
	}
}

// sensitivityJSON returns the "sensitivity" object, nil without an uncertainty
// analysis.
func sensitivityJSON(res *gapanalysis.Result) *jsonSensitivity {
	u := res.Uncertainty
	if u == nil {
		return nil
	}
	js := &jsonSensitivity{
		Samples:         u.Samples,
		Seed:            u.Seed,
		TopK:            sensitivityTopK(res),
		Inputs:          []jsonInput{},
		Countries:       make([]jsonCountryRank, 0, len(u.Countries)),
		MethodAgreement: make([]jsonAgreement, 0, len(u.Agreement)),
	}
	for _, in := range uncertainInputs(res) {
		ji := jsonInput{Name: in.name, Varied: in.varied, Kind: in.kind, Low: num(in.low), High: num(in.high), Values: []string{}}
		ji.Values = append(ji.Values, in.values...)
		js.Inputs = append(js.Inputs, ji)
	}
	notes := map[gapanalysis.CountryCode]string{}
	for _, c := range res.Countries {
		notes[c.Code] = c.RankNote
	}
	for _, code := range sortedUncertainCountries(u) {
		ru := u.Countries[code]
		js.Countries = append(js.Countries, jsonCountryRank{
			Code: string(code), Rank: rankPtr(ru.Nominal), RankNote: stringPtr(notes[code]),
			MedianRank: num(ru.Median), P05: num(ru.P05), P95: num(ru.P95), PTopK: num(ru.PTopK),
		})
	}
	if sob := u.Sobol; sob != nil {
		jsob := &jsonSobol{
			N: sob.N, Evaluations: sob.Evaluations, Sequence: sob.Sequence, Confidence: num(sob.Confidence),
			Inputs:  append([]string{}, sob.Inputs...),
			Outputs: []jsonSobolOutput{},
		}
		d := len(sob.Inputs)
		scores := func(v []float64) []gapanalysis.Score {
			out := make([]gapanalysis.Score, d)
			for i := range out {
				out[i] = num(at(v, i))
			}
			return out
		}
		for _, o := range sobolOutputs(res) {
			jsob.Outputs = append(jsob.Outputs, jsonSobolOutput{
				Name: o.Name, Variance: num(o.Variance),
				First: scores(o.First), FirstLo: scores(o.FirstLo), FirstHi: scores(o.FirstHi),
				Total: scores(o.Total), TotalLo: scores(o.TotalLo), TotalHi: scores(o.TotalHi),
			})
		}
		js.Sobol = jsob
	}
	for _, a := range u.Agreement {
		js.MethodAgreement = append(js.MethodAgreement, jsonAgreement{
			A: a.A, B: a.B, Spearman: num(a.Spearman), Kendall: num(a.Kendall), WS: num(a.WS),
		})
	}
	return js
}

// rankPtr returns nil for rank 0 (no rank), so that it marshals to null.
func rankPtr(r int) *int {
	if r <= 0 {
		return nil
	}
	return &r
}

// clean returns s, unknown when its value is not finite.
func clean(s gapanalysis.Score) gapanalysis.Score {
	if !known(s) {
		return gapanalysis.Score{}
	}
	return s
}

func numbers[K ~string](m map[K]float64) map[string]gapanalysis.Score {
	out := make(map[string]gapanalysis.Score, len(m))
	for k, v := range m {
		out[string(k)] = num(v)
	}
	return out
}

// pillarScores returns a country's pillar scores keyed by ID, with every pillar of
// the checklist present (null when unknown).
func pillarScores(cl *gapanalysis.Checklist, m map[gapanalysis.PillarID]gapanalysis.Score) map[string]gapanalysis.Score {
	out := make(map[string]gapanalysis.Score, len(m))
	if cl != nil {
		for _, p := range cl.Pillars {
			out[string(p.ID)] = gapanalysis.Score{}
		}
	}
	for id, s := range m {
		out[string(id)] = clean(s)
	}
	return out
}

// themeScores is pillarScores for themes.
func themeScores(cl *gapanalysis.Checklist, m map[gapanalysis.ThemeID]gapanalysis.Score) map[string]gapanalysis.Score {
	out := make(map[string]gapanalysis.Score, len(m))
	if cl != nil {
		for _, t := range cl.Themes() {
			out[string(t.ID)] = gapanalysis.Score{}
		}
	}
	for id, s := range m {
		out[string(id)] = clean(s)
	}
	return out
}

// pillarRanks returns a country's rank on every pillar of the checklist, nil
// (JSON null) where it has none.
func pillarRanks(cl *gapanalysis.Checklist, m map[gapanalysis.PillarID]int) map[string]*int {
	out := make(map[string]*int, len(m))
	if cl != nil {
		for _, p := range cl.Pillars {
			out[string(p.ID)] = nil
		}
	}
	for id, r := range m {
		out[string(id)] = rankPtr(r)
	}
	return out
}

// sortedCodes returns country codes in order, [] when none.
func sortedCodes(v []string) []string {
	out := append(make([]string, 0, len(v)), v...)
	sort.Strings(out)
	return out
}

// stringPtr returns nil (JSON null) for an empty string.
func stringPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
