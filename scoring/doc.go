// Package scoring holds the numerics of a gap study on plain values and gonum
// matrices: normalisation of values to [0, 1], weighted means with missing values,
// competition ranking, multi-criteria decision analysis (MCDA), rank agreement
// statistics and variance-based sensitivity analysis. It knows nothing about
// files, surveys or the Directive.
//
// In the study pipeline, gapanalysis scores countries with WeightedMean, MinMax
// and TargetScore, ranks them with Rank, ranks the priority measures with Solve
// (SolveScratch, with a reused Scratch, in the uncertainty analysis, where it
// must not allocate), compares rankings with Spearman, KendallTauB and WSCoefficient, and measures
// how much each uncertain input moves the ranks with SobolIndicesMulti.
//
// Agreement statistics, on plain values, measure how far raters agree and how
// consistent judgements are: CohenKappa (two raters; unweighted, linear or
// quadratic weights), FleissKappa (a fixed number of raters per unit, with
// per-category κ and z), KrippendorffAlpha (any number of raters, missing
// values, nominal to ratio metrics), GwetAC1 (a varying number of raters),
// KendallW (concordance of rankings, tie-corrected, with its χ² p-value), AHP
// with AHPMatrix, AHPCombine and AHPWorstPair (weights from pairwise
// judgements, with λmax, CI and CR) and EntropyWeights (objective weights from
// the spread of criterion values). A statistic that the data do not define —
// no units, or no variation, so that chance agreement is 1 — gives an error
// wrapping ErrUndefined, which callers report as unknown; a category out of
// range or a negative count wraps ErrRating, a bad comparison matrix
// ErrPairwise.
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
//   - unit: what raters rate (in the study, a country and item answered by
//     several respondents); a unit with fewer than 2 ratings is not pairable.
//   - κ, α, AC1: chance-corrected agreement, (observed − chance)/(1 − chance):
//     1 for perfect agreement, 0 at chance level, negative below it.
//   - consistency ratio (CR): how far pairwise judgements contradict each
//     other (a > b, b > c, yet c > a), relative to random judgements; above
//     0.1 the judgements should be revised.
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
