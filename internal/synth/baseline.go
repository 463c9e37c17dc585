package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// BaselineName is the file name of the synthetic earlier wave and the Label of
// the datasets GenerateBaseline returns.
const BaselineName = "synthetic-eu27-baseline.xlsx"

// Parameters of the earlier wave (latent units as in the model of Generate).
const (
	reformMin      = 0.08 // least share of a country's items whose law or practice changed since the earlier wave
	reformSpread   = 0.22 // the share is reformMin + reformSpread·U(0, 1)
	stepMean       = 0.7  // mean latent gain of a change, over the countries
	stepCountrySD  = 0.8  // spread of the countries' mean gains (a few are negative: backsliding)
	stepSD         = 0.8  // spread of one change around its country's mean
	earlierUnknown = 0.02 // extra probability that an earlier answer is unknown
	stillUnknown   = 0.4  // probability that an answer unknown (or missing) now was unknown then too
	earlierNAKept  = 0.5  // probability that an answer "na" now was "na" then too
)

// BaselineTitle returns the text of the title row of the earlier wave's workbook.
func BaselineTitle(seed uint64) string {
	return fmt.Sprintf("SYNTHETIC survey, earlier wave (baseline) — generated test data, not an assessment of any real Member State (seed %d)", seed)
}

// GenerateBaseline returns a synthetic earlier wave of the survey Generate makes
// for the same checklist and seed: the same countries, drawn from the same latent
// model at an earlier, mostly lower level, so that comparing the two shows
// realistic progress.
//
// For each (country, item) the current answer's latent level z is recomputed
// (the current survey does not change). Most answers are as they are now: the
// law did not change. A share of each country's items, between 8 % and 30 %,
// changed since: their earlier level is z − step, where step is drawn around the
// country's own mean gain (positive for most countries, negative for a few), so
// that some gaps were closed or narrowed since and a few opened or widened. The
// earlier wave has more unknown answers (some are known now) and its own pairs
// without a row; some answers unknown or missing now were known then. Answers
// "na" now were "na" then too in half of the cases (always for an item that does
// not bind the country). Every country has one respondent ("Rapporteur XX"); an
// unchanged answer keeps its evidence and comment.
//
// Responses are ordered by country code, then checklist item. Each carries as
// Source the status cell of the row WriteXLSX writes for it (file BaselineName,
// sheet SheetName). The dataset is marked Synthetic, with Label BaselineName and
// Seed seed. nil gives a dataset without responses.
func GenerateBaseline(cl *gapanalysis.Checklist, seed uint64) *gapanalysis.Dataset {
	ds := &gapanalysis.Dataset{Synthetic: true, Label: BaselineName, Seed: seed}
	if cl == nil {
		return ds
	}
	m := newModel(cl, seed)
	var rs []gapanalysis.Response
	for _, c := range m.countries {
		rc := stream(seed, "baseline country", string(c.code))
		ch := change{reform: reformMin + reformSpread*rc.Float64(), step: stepMean + stepCountrySD*rc.NormFloat64()}
		for _, it := range cl.Items() {
			th := m.themeOf(it)
			now, z, ok := answer(cl, c, th, it, m.effects[it.ID], stream(seed, "answer", string(c.code), string(it.ID)))
			r := stream(seed, "baseline", string(c.code), string(it.ID))
			if resp, ok := earlier(cl, c, th, it, now, ok, z, ch, r); ok {
				rs = append(rs, resp)
			}
		}
	}
	setSources(rs, BaselineName)
	ds.Responses = gapanalysis.NewResponses(rs...)
	return ds
}

// change is how much a country's answers moved since the earlier wave.
type change struct {
	reform float64 // probability that an item changed
	step   float64 // mean latent gain of a change
}

// earlier draws the earlier answer on one item given the current answer now (ok
// false: no row now) and its latent level z; the second result is false when the
// pair is left without a row. It always makes the same number of draws.
func earlier(cl *gapanalysis.Checklist, c country, th theme, it *gapanalysis.Item, now gapanalysis.Response, ok bool, z float64, ch change, r *rand.Rand) (gapanalysis.Response, bool) {
	uMiss, uNA, uReform, noise := r.Float64(), r.Float64(), r.Float64(), r.NormFloat64()
	uStill := r.Float64()
	uEv, uCom, uPick := r.Float64(), r.Float64(), r.IntN(1<<20)
	resp := gapanalysis.Response{Country: c.code, Item: it.ID, Respondent: respondent(c.code, false)}
	if !cl.Binds(c.code, it) || ok && now.Status == gapanalysis.StatusNA && uNA < earlierNAKept {
		resp.Status, resp.Comment = gapanalysis.StatusNA, now.Comment
		return resp, true
	}
	switch {
	case uMiss < c.missing:
		return resp, false
	case uMiss < c.missing+c.unknown+earlierUnknown || unknownNow(now, ok) && uStill < stillUnknown:
		resp.Status = gapanalysis.StatusUnknown
		if uCom < 0.6 {
			resp.Comment = pick(unknownComments, uPick)
		}
		return resp, true
	}
	changed := uReform < ch.reform
	if !changed && ok && (now.HasValue || now.Status != gapanalysis.StatusUnknown && now.Status != gapanalysis.StatusNA) {
		return now, true // unchanged: the same answer, evidence and comment
	}
	zOld := z
	if changed {
		zOld = z - (ch.step + stepSD*noise)
	}
	known(&resp, c, th, it, zOld, uEv, uCom, uPick)
	return resp, true
}

// unknownNow reports whether the current answer is missing or unknown.
func unknownNow(now gapanalysis.Response, ok bool) bool {
	return !ok || now.Status == gapanalysis.StatusUnknown && !now.HasValue
}
