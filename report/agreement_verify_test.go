package report_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// TestAgreementMatchesReference checks the agreement between respondents on
// the SYNTHETIC verification survey (CSV and xlsx) against
// testdata/verify/expected-agreement-synthetic.json, which
// testdata/verify/reference_agreement.py computes from the SPEC text alone
// (regenerate it with /usr/bin/python3 reference_agreement.py -o
// expected-agreement-synthetic.json). The bootstrap bounds are not compared.
func TestAgreementMatchesReference(t *testing.T) {
	dir := filepath.Join("..", "testdata", "verify")
	raw, err := os.ReadFile(filepath.Join(dir, "expected-agreement-synthetic.json"))
	require.NoError(t, err)
	type stats struct {
		Units            int      `json:"units"`
		PercentAgreement *float64 `json:"percent_agreement"`
		AlphaOrdinal     *float64 `json:"alpha_ordinal"`
		AC1              *float64 `json:"ac1"`
	}
	var want struct {
		Agreement struct {
			Overall   stats            `json:"overall"`
			Countries map[string]stats `json:"countries"`
		} `json:"agreement"`
		Reconcile []struct {
			Country string `json:"country"`
			Item    string `json:"item"`
			Hidden  bool   `json:"hidden"`
		} `json:"reconcile"`
	}
	require.NoError(t, json.Unmarshal(raw, &want))
	require.NotEmpty(t, want.Reconcile)

	f, err := os.Open(filepath.Join(dir, "checklist-synthetic.yaml"))
	require.NoError(t, err)
	defer f.Close()
	cl, err := gapanalysis.LoadChecklist(f, "checklist-synthetic.yaml")
	require.NoError(t, err)
	for _, survey := range []string{"survey-synthetic.csv", "survey-synthetic.xlsx"} {
		t.Run(survey, func(t *testing.T) {
			ds, err := importers.Open(filepath.Join(dir, survey), &importers.Options{Checklist: cl})
			require.NoError(t, err)
			res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
			require.NoError(t, err)
			var got struct {
				Agreement struct {
					Overall   stats            `json:"overall"`
					Countries map[string]stats `json:"countries"`
				} `json:"agreement"`
			}
			require.NoError(t, json.Unmarshal(writeJSON(t, res), &got))
			same := func(what string, w, g stats) {
				assert.Equal(t, w.Units, g.Units, what)
				for name, p := range map[string][2]*float64{
					"percent_agreement": {w.PercentAgreement, g.PercentAgreement},
					"alpha_ordinal":     {w.AlphaOrdinal, g.AlphaOrdinal},
					"ac1":               {w.AC1, g.AC1},
				} {
					if p[0] == nil {
						assert.Nil(t, p[1], "%s %s", what, name)
						continue
					}
					if assert.NotNil(t, p[1], "%s %s", what, name) {
						assert.InDelta(t, *p[0], *p[1], 1e-12, "%s %s", what, name)
					}
				}
			}
			same("overall", want.Agreement.Overall, got.Agreement.Overall)
			assert.Len(t, got.Agreement.Countries, len(want.Agreement.Countries))
			for c, w := range want.Agreement.Countries {
				same(c, w, got.Agreement.Countries[c])
			}
			require.NotNil(t, res.Agreement)
			require.Len(t, res.Agreement.Reconcile, len(want.Reconcile))
			for i, w := range want.Reconcile {
				u := res.Agreement.Reconcile[i]
				assert.Equal(t, w.Country, string(u.Country), "reconcile %d", i)
				assert.Equal(t, w.Item, string(u.Item), "reconcile %d", i)
				assert.Equal(t, w.Hidden, u.Hidden, "reconcile %d", i)
			}
		})
	}
}
