package report

import (
	"iter"
	"strconv"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// The CSV files of the expert panel and of the agreement between respondents
// (SPEC 14), written by WriteCSV with the workbook's sheets of the same
// content:
//
//   - panel.csv, with a panel (the Panel sheet): measure, criterion, value,
//     iqr, n, kendall_w, kendall_w_chi2, kendall_w_p, kendall_w_measures (the
//     criterion's W, empty when not defined), then one column "rating:<expert>"
//     per expert (empty where the expert gave no rating);
//   - agreement.csv, when some (country, item) has known answers from two
//     respondents (the Agreement sheet): scope ("Overall" or the country code),
//     country, units, percent_agreement, alpha_ordinal, ac1, each followed by
//     its _lo and _hi bounds, to_reconcile, hidden_splits and note;
//   - reconcile.csv, when some respondents disagree (the Reconcile sheet): one
//     line per answer, unit, country, item, ref, title, obligation,
//     merged_status, disagreement, hidden_split, respondent, answer, evidence,
//     comment, source and an empty agreed_answer.
const (
	PanelCSVFile     = "panel.csv"
	AgreementCSVFile = "agreement.csv"
	ReconcileCSVFile = "reconcile.csv"
)

// PanelCSVFiles are the CSV files WriteCSV may add for the agreement between
// respondents and the expert panel, in the order they are written.
var PanelCSVFiles = []string{AgreementCSVFile, ReconcileCSVFile, PanelCSVFile}

// panelAgreementCSV returns the files of the panel and of the agreement that
// the result has, in the order they are written: agreement.csv, reconcile.csv,
// panel.csv (the order of the sheets).
func panelAgreementCSV(res *gapanalysis.Result) []csvTable {
	var tables []csvTable
	if hasAgreement(res) {
		tables = append(tables, csvTable{AgreementCSVFile, agreementCSV(res)})
	}
	if hasReconcile(res) {
		tables = append(tables, csvTable{ReconcileCSVFile, reconcileCSV(res)})
	}
	if hasPanel(res) {
		tables = append(tables, csvTable{PanelCSVFile, panelCSV(res)})
	}
	return tables
}

func panelCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		rep := res.Panel
		header := []string{"measure", "criterion", "value", "iqr", "n", "kendall_w", "kendall_w_chi2", "kendall_w_p", "kendall_w_measures"}
		for _, e := range rep.ExpertIDs {
			header = append(header, csvText("rating:"+e))
		}
		if !yield(header) {
			return
		}
		for _, v := range rep.Values {
			row := []string{csvText(string(v.Measure)), csvText(string(v.Criterion)), csvNum(v.Value), csvNum(v.IQR), strconv.Itoa(v.N)}
			if w, ok := rep.KendallW[v.Criterion]; ok {
				row = append(row, csvNum(w.W), csvNum(w.Chi2), csvNum(w.P), strconv.Itoa(w.NMeasures))
			} else {
				row = append(row, "", "", "", "")
			}
			for _, e := range rep.ExpertIDs {
				x, ok := v.Ratings[e]
				if ok {
					row = append(row, csvNum(x))
				} else {
					row = append(row, "")
				}
			}
			if !yield(row) {
				return
			}
		}
	}
}

func agreementCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"scope", "country", "units",
			"percent_agreement", "percent_agreement_lo", "percent_agreement_hi",
			"alpha_ordinal", "alpha_ordinal_lo", "alpha_ordinal_hi",
			"ac1", "ac1_lo", "ac1_hi", "to_reconcile", "hidden_splits", "note"}) {
			return
		}
		for _, r := range agreementRows(res.Agreement) {
			a := r.st
			if !yield([]string{csvText(r.code), csvText(r.name), strconv.Itoa(a.Units),
				csvScore(a.PercentAgreement), csvScore(a.PercentAgreementLo), csvScore(a.PercentAgreementHi),
				csvScore(a.AlphaOrdinal), csvScore(a.AlphaOrdinalLo), csvScore(a.AlphaOrdinalHi),
				csvScore(a.AC1), csvScore(a.AC1Lo), csvScore(a.AC1Hi),
				strconv.Itoa(r.reconcile), strconv.Itoa(r.hidden), csvText(agreementNote(a))}) {
				return
			}
		}
	}
}

// reconcileCSV yields one record per answer of each unit to reconcile; the
// unit's fields are worked out once for all its answers.
func reconcileCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"unit", "country", "item", "ref", "title", "obligation", "merged_status", "disagreement",
			"hidden_split", "respondent", "answer", "evidence", "comment", "source", "agreed_answer"}) {
			return
		}
		byKey := assessmentIndex(res)
		var rec [15]string
		for n := range res.Agreement.Reconcile {
			u := &res.Agreement.Reconcile[n]
			it := res.Checklist.Item(u.Item)
			var ref, title, obligation string
			if it != nil {
				ref, title, obligation = it.Ref, it.Title, string(it.Obligation)
			}
			merged := ""
			if a := byKey[countryItem{u.Country, u.Item}]; a != nil {
				merged = heatmapText(a)
			}
			hidden := ""
			if u.Hidden {
				merged, hidden = SplitText, "yes"
			}
			rec[0], rec[1], rec[2] = strconv.Itoa(n+1), csvText(string(u.Country)), csvText(string(u.Item))
			rec[3], rec[4], rec[5] = csvText(ref), csvText(title), obligation
			rec[6], rec[7], rec[8] = csvText(merged), csvText(disagreement(*u)), hidden
			for _, ans := range u.Answers.All() {
				rec[9], rec[10] = csvText(firstNonEmpty(ans.Respondent, notNamed)), csvText(answerText(it, ans.Status))
				rec[11], rec[12], rec[13], rec[14] = csvText(ans.Evidence), csvText(ans.Comment), csvText(ans.Source.String()), ""
				if !yield(rec[:]) {
					return
				}
			}
		}
	}
}
