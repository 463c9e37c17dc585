package report

import "github.com/gapstudy/gapstudy/gapanalysis"

// The "agreement" key of the JSON document (SPEC 14):
//
//	"agreement": {
//	  "overall":   {"units", "percent_agreement", "percent_agreement_lo", "percent_agreement_hi",
//	                "alpha_ordinal", "alpha_ordinal_lo", "alpha_ordinal_hi", "ac1", "ac1_lo", "ac1_hi"},
//	  "countries": {code: {the same keys}} }
//
// percent_agreement is on 0–1; _lo and _hi are the 95% percentile bootstrap
// interval; every statistic that is undefined (α with every answer in one
// category) or not computed is null. countries holds the countries with at
// least one unit. The key is absent when there is no unit. The units to
// reconcile are in the workbook (sheet Reconcile).
type (
	jsonAgreementDoc struct {
		Overall   jsonRespondentAgreement            `json:"overall"`
		Countries map[string]jsonRespondentAgreement `json:"countries"`
	}

	jsonRespondentAgreement struct {
		Units              int               `json:"units"`
		PercentAgreement   gapanalysis.Score `json:"percent_agreement"`
		PercentAgreementLo gapanalysis.Score `json:"percent_agreement_lo"`
		PercentAgreementHi gapanalysis.Score `json:"percent_agreement_hi"`
		AlphaOrdinal       gapanalysis.Score `json:"alpha_ordinal"`
		AlphaOrdinalLo     gapanalysis.Score `json:"alpha_ordinal_lo"`
		AlphaOrdinalHi     gapanalysis.Score `json:"alpha_ordinal_hi"`
		AC1                gapanalysis.Score `json:"ac1"`
		AC1Lo              gapanalysis.Score `json:"ac1_lo"`
		AC1Hi              gapanalysis.Score `json:"ac1_hi"`
	}
)

// agreementJSON returns the "agreement" object, nil when there is no unit.
func agreementJSON(res *gapanalysis.Result) *jsonAgreementDoc {
	if !hasAgreement(res) {
		return nil
	}
	ar := res.Agreement
	doc := &jsonAgreementDoc{Overall: agreementStatsJSON(ar.Overall), Countries: map[string]jsonRespondentAgreement{}}
	for c, st := range ar.Countries {
		if st.Units > 0 {
			doc.Countries[string(c)] = agreementStatsJSON(st)
		}
	}
	return doc
}

func agreementStatsJSON(st gapanalysis.AgreementStats) jsonRespondentAgreement {
	return jsonRespondentAgreement{
		Units:              st.Units,
		PercentAgreement:   clean(st.PercentAgreement),
		PercentAgreementLo: clean(st.PercentAgreementLo),
		PercentAgreementHi: clean(st.PercentAgreementHi),
		AlphaOrdinal:       clean(st.AlphaOrdinal),
		AlphaOrdinalLo:     clean(st.AlphaOrdinalLo),
		AlphaOrdinalHi:     clean(st.AlphaOrdinalHi),
		AC1:                clean(st.AC1),
		AC1Lo:              clean(st.AC1Lo),
		AC1Hi:              clean(st.AC1Hi),
	}
}
