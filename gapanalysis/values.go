package gapanalysis

import (
	"errors"
	"fmt"
	"math"

	"github.com/gapstudy/gapstudy/scoring"
)

// ErrNonFinite is scoring.ErrNonFinite: the sentinel of a NaN or infinite
// number in a checklist, a study config or the numbers Analyze is given.
// errors.Is(err, ErrNonFinite) holds for a *ChecklistError or *ConfigError
// about such a number.
var ErrNonFinite = scoring.ErrNonFinite

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkInputs is called once at the start of Analyze, before any score is
// computed. LoadChecklist, LoadConfig and the importers check numbers where
// they enter; this catches those that reach Analyze from Go code.
//
// It returns an error wrapping ErrConfig when a number of the checklist or of
// cfg is NaN or infinite, a weight is negative, or every weight of a level is 0
// (the checklist's validateNumbers and the config's checkNumbers, as
// LoadChecklist and LoadConfig apply them): a checklist built in code with its
// weights left at 0 is an error, not a study without an index. It returns the dataset to analyse: ds itself, or,
// when numeric responses hold a NaN or infinite value, a copy in which those
// responses hold no value (the datum is unknown) and which carries one
// bad-value error diagnostic per response, at its source cell. ds is not
// modified.
func checkInputs(cl *Checklist, ds *Dataset, cfg Config) (*Dataset, error) {
	var errs []error
	cl.validateNumbers(func(line int, sentinel error, format string, args ...any) {
		errs = append(errs, &ChecklistError{File: cl.Source, Line: line, Msg: fmt.Sprintf(format, args...), Err: sentinel})
	})
	errs = append(errs, cfg.checkNumbers(cfg.Checklist, func(...string) int { return 0 }))
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return finiteValues(ds), nil
}

// finiteValues returns ds, or a copy of it in which every response value that
// is NaN or infinite is dropped, with a diagnostic each.
func finiteValues(ds *Dataset) *Dataset {
	var out *Dataset
	for i := range ds.Responses.Len() {
		if rec := ds.Responses.rec(i); rec.flags&flagHasValue == 0 || isFinite(rec.value) {
			continue
		}
		r := ds.Responses.At(i)
		if out == nil {
			cp := *ds
			cp.Responses = ds.Responses.clone()
			cp.Diagnostics = append([]Diagnostic(nil), ds.Diagnostics...)
			out = &cp
		}
		d := NewDiagnostic(SevError, CodeBadValue, fmt.Sprintf(
			"the value of item %s for %s is %g, not a number that can be scored; the answer counts as unknown",
			r.Item, r.Country, r.Value))
		d.Err = errors.Join(ErrBadValue, ErrNonFinite)
		setPos(&d, r.Source)
		out.Diagnostics = append(out.Diagnostics, d)
		rec := out.Responses.rec(i)
		rec.value, rec.flags = 0, rec.flags&^flagHasValue
	}
	if out == nil {
		return ds
	}
	return out
}

// The helpers below call scoring on numbers that checkInputs has checked.

// weightedMean is scoring.WeightedMean for checked weights and finite scores:
// its error cannot happen there; if it did, there would be no mean.
func weightedMean(x, w []float64) (float64, bool) {
	m, ok, err := scoring.WeightedMean(x, w)
	return m, ok && err == nil
}

// minMaxScores is scoring.MinMax over the values of one numeric item. The
// values are finite, but their means could overflow to ±Inf: then every
// country's score on the item is unknown (NaN) rather than wrong.
func minMaxScores(x []float64, dir scoring.Direction) []float64 {
	s, err := scoring.MinMax(nil, x, dir)
	if err != nil {
		s = make([]float64, len(x))
		for i := range s {
			s[i] = math.NaN()
		}
	}
	return s
}

// targetScore is scoring.TargetScore of one value (NaN: unknown, as is a mean
// that overflowed to ±Inf).
func targetScore(x, target float64, dir scoring.Direction) float64 {
	s, err := scoring.TargetScore(x, target, dir)
	if err != nil {
		return math.NaN()
	}
	return s
}
