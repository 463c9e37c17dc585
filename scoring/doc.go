// Package scoring holds the numerics of a gap study on plain values and gonum
// matrices: normalisation of values to [0, 1], weighted means with missing values,
// competition ranking, multi-criteria decision analysis (MCDA), rank agreement
// statistics and variance-based sensitivity analysis. It knows nothing about
// files, surveys or the Directive.
//
// In the study pipeline, gapanalysis scores countries with WeightedMean, MinMax
// and TargetScore, ranks them with Rank, ranks the priority measures with Solve,
// compares rankings with Spearman, KendallTauB and WSCoefficient, and measures
// how much each uncertain input moves the ranks with SobolIndicesMulti.
//
// Glossary:
//
//   - missing value: a NaN in an input slice; functions that accept missing values
//     say so and leave them out together with their weights.
//   - benefit / cost criterion: larger / smaller values are better.
//   - decision matrix: alternatives (measures) in rows, criteria in columns
//     (Problem.X).
//   - competition rank: "1, 2, 2, 4": equal scores share the best rank.
//   - contribution: the part of an alternative's score due to one criterion
//     (Solve's contrib); each method says what it is and whether a row adds up.
//   - WSM: weighted sum of min-max normalised criteria, 0–100.
//   - TOPSIS: relative closeness to the ideal and away from the anti-ideal
//     alternative (Hwang and Yoon, 1981), 0–100, after vector (the default) or
//     min-max normalisation (Problem.Normalization); TopsisDetail gives the
//     distances d⁺ and d⁻.
//   - PROMETHEE II: net outranking flow (Brans and Vincke, 1985), −1 to 1, from
//     pairwise preferences given by a preference function per criterion (usual,
//     U-shape, V-shape, level, linear, Gaussian) with an indifference threshold q
//     and a preference threshold p in the criterion's units.
//   - VIKOR: compromise ranking (Opricovic and Tzeng, 2004) by the group utility
//     S (weighted sum of normalised regrets) and the individual regret R (the
//     largest one), mixed by v into Q; reported as 100·(1 − Q) so that, as for the
//     other methods, a higher score ranks first. VikorDetail gives S, R and Q.
//   - Spearman's ρ: the Pearson correlation of two rankings' mid-ranks; Kendall's
//     τ_b: concordant minus discordant pairs, corrected for ties; both 1 for the
//     same order and −1 for the reverse.
//   - WS coefficient: rank similarity of Sałabun and Urbaniak (2020), weighing
//     disagreement at the top of a reference ranking most; 1 for the same ranking.
//   - Sobol indices: the first-order index S_i is the share of an output's
//     variance due to input i alone, the total index S_Ti the share due to i
//     including its interactions with other inputs; 1 − Σ S_i measures the
//     interactions. Estimated by Saltelli sampling with Jansen's estimators and
//     bootstrap confidence intervals.
//   - Sobol' sequence: a low-discrepancy sequence of points in the unit
//     hypercube (Joe–Kuo direction numbers) that fills it more evenly than random
//     points, so that estimates converge faster.
//
// NaN and infinity: no function returns a NaN score from a NaN input. A NaN or
// infinite value where a number is needed — a cell of a decision matrix, a
// weight, a PROMETHEE threshold, VIKOR's v, a value to rank-correlate, a model
// output of a Sobol analysis — gives an error wrapping the one sentinel
// ErrNonFinite (test with errors.Is); no column is dropped and no NaN counts as
// a tie. Only WeightedMean, MinMax, TargetScore, Rank, Similarity and
// SimilarityMatrix read NaN as a missing value, as their doc comments say; they
// too reject ±Inf (Rank orders it).
// Weights must be finite and non-negative (ErrWeights); an unknown method name
// gives ErrMethod. A nil Problem.Dirs means every criterion is a benefit
// criterion.
//
// Functions panic with a "scoring: " message only when the caller breaks their
// contract (slices of different lengths); data problems are reported as errors or
// as a false ok result. Randomness comes from math/rand/v2 PCG streams derived
// from a caller's seed, and results never depend on the number of goroutines.
package scoring
