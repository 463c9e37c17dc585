package gapanalysis

// JudgeKnownIssues gives each known issue its verdict against res (the current
// wave), in register order (SPEC 12):
//
//   - resolved: the item's score is 1 (within 1e-9);
//   - remaining: the score is known and below 1;
//   - not-applicable: the item does not apply to the country (na, an optional
//     item whose option is not used, an instrument that does not bind it);
//   - unknown: no known score, or the country or item is not in res (a country
//     the current wave did not assess, an item its checklist does not have).
//
// Status is the current merged status as in the transitions (na for an item
// that does not apply; unknown when there is no assessment), Score the item
// score when known, and Sources the cells of the current assessment. A nil res
// judges every issue unknown.
func JudgeKnownIssues(res *Result, issues []KnownIssue) []KnownIssueVerdict {
	if issues == nil {
		return nil
	}
	var idx map[ciKey]*Assessment
	if res != nil {
		idx = assessmentIndex(res)
	}
	out := make([]KnownIssueVerdict, len(issues))
	for i, ki := range issues {
		v := KnownIssueVerdict{KnownIssue: ki, Verdict: VerdictUnknown, Status: StatusUnknown}
		if a := idx[ciKey{ki.Country, ki.Item}]; a != nil {
			v.Status, v.Sources = waveStatus(a), a.Sources
			st := stateOf(a)
			switch {
			case st.na:
				v.Verdict = VerdictNotApplicable
			case st.known:
				v.Score = Known(st.s)
				v.Verdict = VerdictRemaining
				if isOne(st.s) {
					v.Verdict = VerdictResolved
				}
			}
		}
		out[i] = v
	}
	return out
}
