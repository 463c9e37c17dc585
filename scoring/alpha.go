package scoring

import (
	"fmt"
	"sort"
)

// AlphaMetric is the difference function δ² of KrippendorffAlpha, chosen by
// the level of measurement of the values.
type AlphaMetric int

const (
	// NominalMetric: δ²_ck = 0 if c = k, else 1 (categories without order).
	NominalMetric AlphaMetric = iota
	// OrdinalMetric: δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with n_g the
	// number of pairable values equal to g and g running over the values that
	// occur, in order, from c to k (ranks, not distances, matter).
	OrdinalMetric
	// IntervalMetric: δ²_ck = (c − k)².
	IntervalMetric
	// RatioMetric: δ²_ck = ((c − k)/(c + k))², for values ≥ 0 (0 when c = k = 0).
	RatioMetric
)

// String returns "nominal", "ordinal", "interval" or "ratio".
func (m AlphaMetric) String() string {
	switch m {
	case NominalMetric:
		return "nominal"
	case OrdinalMetric:
		return "ordinal"
	case IntervalMetric:
		return "interval"
	case RatioMetric:
		return "ratio"
	}
	return fmt.Sprintf("AlphaMetric(%d)", int(m))
}

// KrippendorffAlpha returns Krippendorff's α (Krippendorff 2011, "Computing
// Krippendorff's Alpha-Reliability") of units[u], the values unit u received
// from its coders. A missing value is simply absent; a unit with fewer than 2
// values is not pairable and is left out. Over the pairable units, with m_u
// values in unit u, the coincidences and their margins are
//
//	o_ck = Σ_u (number of ordered pairs (c, k) of values of u from different coders)/(m_u − 1),
//	n_c = Σ_k o_ck,  n = Σ_c n_c  (the number of pairable values),
//
// and
//
//	α = 1 − D_o/D_e = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck,
//
// with δ² given by metric (for OrdinalMetric, the distinct values are the
// ordered categories; their spacing does not matter). α is 1 for perfect
// agreement, 0 when agreement is at chance level, and negative for systematic
// disagreement.
//
// Errors: a NaN or infinite value wraps ErrNonFinite; a negative value with
// RatioMetric wraps ErrRating; no pairable unit, or D_e = 0 (all pairable
// values equal: no variation, so reliability cannot be told from chance),
// wraps ErrUndefined. It panics if metric is not one of the constants.
func KrippendorffAlpha(units [][]float64, metric AlphaMetric) (float64, error) {
	if metric < NominalMetric || metric > RatioMetric {
		panic(fmt.Sprintf("scoring: KrippendorffAlpha: unknown metric %d", int(metric)))
	}
	// The distinct values of the pairable units, in order.
	var vals []float64
	pairable := 0
	for u, unit := range units {
		if err := checkFinite(fmt.Sprintf("KrippendorffAlpha: units[%d]", u), unit); err != nil {
			return 0, err
		}
		for i, v := range unit {
			if metric == RatioMetric && v < 0 {
				return 0, dataErr(ErrRating, "KrippendorffAlpha: units[%d][%d] = %g is negative on a ratio scale", u, i, v)
			}
		}
		if len(unit) >= 2 {
			pairable++
			vals = append(vals, unit...)
		}
	}
	if pairable == 0 {
		return 0, dataErr(ErrUndefined, "KrippendorffAlpha: no unit with 2 or more values")
	}
	sort.Float64s(vals)
	vals = uniqueSorted(vals)
	index := make(map[float64]int, len(vals))
	for i, v := range vals {
		index[v] = i
	}
	V := len(vals)
	o := make([]float64, V*V)
	count := make([]float64, V)
	for _, unit := range units {
		if len(unit) < 2 {
			continue
		}
		clear(count)
		for _, v := range unit {
			count[index[v]]++
		}
		m := float64(len(unit))
		for c := range V {
			if count[c] == 0 {
				continue
			}
			for k := range V {
				pairs := count[c] * count[k]
				if c == k {
					pairs -= count[c]
				}
				o[c*V+k] += pairs / (m - 1)
			}
		}
	}
	nc := make([]float64, V)
	var n float64
	for c := range V {
		for k := range V {
			nc[c] += o[c*V+k]
		}
		n += nc[c]
	}
	delta := alphaDelta(metric, vals, nc)
	var do, de float64
	for c := range V {
		for k := range V {
			d := delta(c, k)
			do += o[c*V+k] * d
			de += nc[c] * nc[k] * d
		}
	}
	if de <= 0 {
		return 0, dataErr(ErrUndefined, "KrippendorffAlpha: all pairable values are equal (no variation)")
	}
	return 1 - (n-1)*do/de, nil
}

// alphaDelta returns δ²(c, k) for the value indices c and k of vals (sorted,
// distinct) with the margins nc.
func alphaDelta(metric AlphaMetric, vals, nc []float64) func(c, k int) float64 {
	switch metric {
	case NominalMetric:
		return func(c, k int) float64 {
			if c == k {
				return 0
			}
			return 1
		}
	case OrdinalMetric:
		cum := make([]float64, len(nc)+1) // cum[i] = Σ_{g<i} n_g
		for i, x := range nc {
			cum[i+1] = cum[i] + x
		}
		return func(c, k int) float64 {
			if c > k {
				c, k = k, c
			}
			d := cum[k+1] - cum[c] - (nc[c]+nc[k])/2
			return d * d
		}
	case IntervalMetric:
		return func(c, k int) float64 {
			d := vals[c] - vals[k]
			return d * d
		}
	default: // RatioMetric
		return func(c, k int) float64 {
			s := vals[c] + vals[k]
			if s == 0 {
				return 0
			}
			d := (vals[c] - vals[k]) / s
			return d * d
		}
	}
}

// uniqueSorted removes repeated values from the sorted x in place.
func uniqueSorted(x []float64) []float64 {
	out := x[:0]
	for i, v := range x {
		if i == 0 || v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}
