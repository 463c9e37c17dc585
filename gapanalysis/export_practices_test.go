package gapanalysis

// AddPractices is addPractices for the benchmarks of package gapanalysis_test.
var AddPractices = addPractices
