package report

import (
	"iter"
	"strconv"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func progressCSV(cmp *gapanalysis.Comparison) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		header := []string{"code", "name", "in_old", "in_new", "index_old", "index_new", "delta",
			"delta_p05", "delta_p95", "p_improved", "rank_old", "rank_new"}
		for _, t := range gapanalysis.AllTransitions() {
			header = append(header, string(t))
		}
		if !yield(header) {
			return
		}
		for _, c := range cmp.Countries {
			row := []string{csvText(string(c.Code)), csvText(firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code))),
				strconv.FormatBool(c.InOld), strconv.FormatBool(c.InNew),
				csvScore(c.IndexOld), csvScore(c.IndexNew), csvScore(c.Delta)}
			if u := c.Uncertainty; u != nil {
				row = append(row, csvNum(u.P05), csvNum(u.P95), csvNum(u.PImproved))
			} else {
				row = append(row, "", "", "")
			}
			row = append(row, csvRank(c.RankOld), csvRank(c.RankNew))
			for _, t := range gapanalysis.AllTransitions() {
				if c.Counts == nil {
					row = append(row, "")
				} else {
					row = append(row, strconv.Itoa(c.Counts[t]))
				}
			}
			if !yield(row) {
				return
			}
		}
	}
}

func transitionsCSV(cmp *gapanalysis.Comparison) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"country", "item", "old", "new", "old_score", "new_score", "transition"}) {
			return
		}
		var rec [7]string
		for i := range cmp.Changes {
			c := &cmp.Changes[i]
			rec = [...]string{csvText(string(c.Country)), csvText(string(c.Item)),
				changeStatus(c.Old, c.OldScore), changeStatus(c.New, c.NewScore),
				csvScore(c.OldScore), csvScore(c.NewScore), string(c.Transition)}
			if !yield(rec[:]) {
				return
			}
		}
	}
}

func knownIssuesCSV(issues []gapanalysis.KnownIssueVerdict) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"country", "item", "source", "date", "note", "verdict", "status", "score", "sources", "register_cell"}) {
			return
		}
		var rec [10]string
		for i := range issues {
			k := &issues[i]
			rec = [...]string{csvText(string(k.Country)), csvText(string(k.Item)), csvText(k.Source),
				csvText(k.Date), csvText(k.Note), string(k.Verdict), changeStatus(k.Status, k.Score),
				csvScore(k.Score), csvText(joinSources(k.Sources)), csvText(k.At.String())}
			if !yield(rec[:]) {
				return
			}
		}
	}
}
