// Package scoring holds the numerics of a gap study on plain values and gonum
// matrices: normalisation of values to [0, 1], weighted means with missing values,
// multi-criteria decision analysis (MCDA) and competition ranking. It knows nothing
// about files, surveys or the Directive.
//
// Glossary:
//
//   - missing value: a NaN in an input slice; functions that accept missing values
//     say so and leave them out together with their weights.
//   - benefit / cost criterion: larger / smaller values are better.
//   - decision matrix: alternatives (measures) in rows, criteria in columns.
//   - competition rank: "1, 2, 2, 4": equal scores share the best rank.
//
// Functions panic with a "scoring: " message only when the caller breaks their
// contract (slices of different lengths); data problems are reported as errors or
// as a false ok result.
package scoring
