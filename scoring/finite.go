package scoring

import (
	"errors"
	"fmt"
	"math"
)

// ErrNonFinite is returned, wrapped, by every function of the package given a
// NaN or an infinite value where it needs a number: a cell of a decision
// matrix, a weight, a PROMETHEE threshold, VIKOR's v, a value to rank or
// correlate, a model output of a Sobol analysis. Functions that document NaN as
// a missing value (WeightedMean, MinMax, TargetScore, Rank) leave NaN out
// instead, and still reject ±Inf (Rank orders them). Test with
// errors.Is(err, ErrNonFinite).
var ErrNonFinite = errors.New("scoring: NaN or infinite value")

// ErrMethod is returned, wrapped, for a method name that is not one of Methods.
var ErrMethod = errors.New("scoring: unknown method")

// dataError is a data problem that wraps one or more sentinel errors.
type dataError struct {
	msg  string
	errs []error
}

func (e *dataError) Error() string   { return e.msg }
func (e *dataError) Unwrap() []error { return e.errs }

// nonFinite returns an error wrapping ErrNonFinite and the extra sentinels,
// with the message "scoring: " + the formatted text.
func nonFinite(extra []error, format string, args ...any) error {
	return &dataError{msg: "scoring: " + fmt.Sprintf(format, args...), errs: append([]error{ErrNonFinite}, extra...)}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkFinite returns an error wrapping ErrNonFinite naming the first value of x
// (called name) that is NaN or infinite, or nil.
func checkFinite(name string, x []float64) error {
	for i, v := range x {
		if !finite(v) {
			return nonFinite(nil, "%s[%d] is %g", name, i, v)
		}
	}
	return nil
}
