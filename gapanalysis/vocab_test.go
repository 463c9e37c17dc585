package gapanalysis

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statusCases lists every built-in spelling (as a person would type it) with the
// status it must give. TestStatusCasesCoverVocabulary checks that no spelling of
// the vocabulary is missing here.
var statusCases = []struct {
	in   string
	want Status
}{
	// full — English
	{"full", StatusFull}, {"Fully", StatusFull}, {"YES", StatusFull}, {"y", StatusFull},
	{"Compliant", StatusFull}, {"fully compliant", StatusFull}, {"conform", StatusFull},
	{"Conforme", StatusFull}, {"konform", StatusFull}, {"umgesetzt", StatusFull}, {"Transposé", StatusFull},
	{"partiellement conforme", StatusPartial}, {"Parcialmente conforme", StatusPartial}, {"parzialmente conforme", StatusPartial},
	{"teilweise konform", StatusPartial}, {"teilweise umgesetzt", StatusPartial}, {"partiellement transposé", StatusPartial},
	{"Non conforme", StatusNone}, {"no conforme", StatusNone}, {"não conforme", StatusNone},
	{"nicht konform", StatusNone}, {"Nicht umgesetzt", StatusNone}, {"non transposé", StatusNone},
	{"conforming", StatusFull}, {"in conformity", StatusFull}, {"transposed", StatusFull},
	{"Fully transposed", StatusFull}, {"in place", StatusFull}, {"fully in place", StatusFull},
	{"implemented", StatusFull}, {"fully implemented", StatusFull},
	// full — marks
	{"✓", StatusFull}, {"✔", StatusFull}, {"☑", StatusFull}, {"✅", StatusFull},
	// full — yes in other languages
	{"Ja", StatusFull}, {"jā", StatusFull}, {"já", StatusFull}, {"oui", StatusFull},
	{"Sí", StatusFull}, {"sì", StatusFull}, {"sim", StatusFull}, {"tak", StatusFull},
	{"ano", StatusFull}, {"áno", StatusFull}, {"igen", StatusFull}, {"kyllä", StatusFull},
	{"jah", StatusFull}, {"taip", StatusFull}, {"da", StatusFull}, {"iva", StatusFull},
	{"ναι", StatusFull}, {"да", StatusFull}, {"tá", StatusFull},
	{"vollständig", StatusFull}, {"entièrement", StatusFull}, {"totalement", StatusFull},
	{"completo", StatusFull}, {"completamente", StatusFull}, {"pienamente", StatusFull},
	{"integralmente", StatusFull}, {"volledig", StatusFull}, {"całkowicie", StatusFull},
	{"teljesen", StatusFull}, {"täysin", StatusFull},

	// partial — English
	{"partial", StatusPartial}, {"Partly", StatusPartial}, {"partially", StatusPartial},
	{"partially compliant", StatusPartial}, {"partly compliant", StatusPartial},
	{"partially transposed", StatusPartial}, {"partly transposed", StatusPartial},
	{"partially implemented", StatusPartial}, {"partly implemented", StatusPartial},
	{"partially in place", StatusPartial}, {"partly in place", StatusPartial},
	{"in part", StatusPartial}, {"½", StatusPartial},
	// partial — other languages
	{"partiel", StatusPartial}, {"partielle", StatusPartial}, {"partiellement", StatusPartial},
	{"en partie", StatusPartial}, {"teilweise", StatusPartial}, {"teils", StatusPartial},
	{"zum Teil", StatusPartial}, {"parcial", StatusPartial}, {"parcialmente", StatusPartial},
	{"en parte", StatusPartial}, {"em parte", StatusPartial}, {"parziale", StatusPartial},
	{"parzialmente", StatusPartial}, {"in parte", StatusPartial},
	{"gedeeltelijk", StatusPartial}, {"deels", StatusPartial}, {"delvis", StatusPartial},
	{"delvist", StatusPartial}, {"częściowo", StatusPartial}, {"částečně", StatusPartial},
	{"čiastočne", StatusPartial}, {"részben", StatusPartial}, {"osittain", StatusPartial},
	{"osaliselt", StatusPartial}, {"iš dalies", StatusPartial}, {"daļēji", StatusPartial},
	{"parțial", StatusPartial}, {"djelomično", StatusPartial}, {"delno", StatusPartial},
	{"parzjali", StatusPartial}, {"μερικώς", StatusPartial}, {"частично", StatusPartial},

	// none — English
	{"none", StatusNone}, {"No", StatusNone}, {"n", StatusNone},
	{"non-compliant", StatusNone}, {"noncompliant", StatusNone},
	{"not compliant", StatusNone}, {"not conform", StatusNone}, {"non-conform", StatusNone},
	{"not in conformity", StatusNone}, {"not transposed", StatusNone}, {"absent", StatusNone},
	{"not in place", StatusNone}, {"not implemented", StatusNone},
	// none — crosses
	{"✗", StatusNone}, {"✘", StatusNone}, {"✕", StatusNone}, {"❌", StatusNone},
	// none — no in other languages
	{"nein", StatusNone}, {"non", StatusNone}, {"nie", StatusNone}, {"ne", StatusNone},
	{"nē", StatusNone}, {"nej", StatusNone}, {"nei", StatusNone}, {"ei", StatusNone},
	{"nem", StatusNone}, {"nee", StatusNone}, {"não", StatusNone}, {"nu", StatusNone},
	{"le", StatusNone}, {"όχι", StatusNone}, {"не", StatusNone}, {"níl", StatusNone},
	{"aucun", StatusNone}, {"keine", StatusNone}, {"ninguno", StatusNone},
	{"nessuno", StatusNone}, {"geen", StatusNone}, {"brak", StatusNone},

	// na
	{"n/a", StatusNA}, {"NA", StatusNA}, {"n.a.", StatusNA}, {"not applicable", StatusNA},
	{"non applicable", StatusNA}, {"inapplicable", StatusNA}, {"not relevant", StatusNA},
	{"sans objet", StatusNA}, {"nicht anwendbar", StatusNA}, {"entfällt", StatusNA},
	{"no aplicable", StatusNA}, {"no aplica", StatusNA}, {"non applicabile", StatusNA},
	{"niet van toepassing", StatusNA}, {"nie dotyczy", StatusNA},
	{"não aplicável", StatusNA},

	// unknown
	{"", StatusUnknown}, {"unknown", StatusUnknown}, {"?", StatusUnknown},
	{"??", StatusUnknown}, {"don't know", StatusUnknown}, {"dont know", StatusUnknown},
	{"do not know", StatusUnknown}, {"not known", StatusUnknown}, {"no data", StatusUnknown},
	{"no information", StatusUnknown}, {"no info", StatusUnknown}, {"unclear", StatusUnknown},
	{"n/k", StatusUnknown}, {"not answered", StatusUnknown}, {"no answer", StatusUnknown},
	{"inconnu", StatusUnknown}, {"ne sait pas", StatusUnknown}, {"unbekannt", StatusUnknown},
	{"weiß nicht", StatusUnknown}, {"keine Angabe", StatusUnknown},
	{"desconocido", StatusUnknown}, {"no sabe", StatusUnknown},
	{"sconosciuto", StatusUnknown}, {"non so", StatusUnknown}, {"onbekend", StatusUnknown},
	{"nie wiem", StatusUnknown},
}

func TestParseStatusEverySpelling(t *testing.T) {
	for _, tc := range statusCases {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseStatus(tc.in)
			require.True(t, ok, "%q should be in the vocabulary", tc.in)
			assert.Equal(t, tc.want, got)

			// Case, surrounding spaces and (where there are any) accents are ignored.
			for _, v := range []string{strings.ToUpper(tc.in), "  " + tc.in + " \t", "\u00a0" + tc.in} {
				got, ok := ParseStatus(v)
				require.True(t, ok, "%q should be in the vocabulary", v)
				assert.Equal(t, tc.want, got, "%q", v)
			}
			plain := Fold(tc.in)
			got, ok = ParseStatus(plain)
			require.True(t, ok, "%q (without accents) should be in the vocabulary", plain)
			assert.Equal(t, tc.want, got, "%q", plain)
		})
	}
}

func TestStatusCasesCoverVocabulary(t *testing.T) {
	tested := map[string]bool{}
	for _, tc := range statusCases {
		tested[foldText(tc.in)] = true
	}
	for st, forms := range statusSpellings {
		for _, f := range forms {
			assert.True(t, tested[foldText(f)], "spelling %q (%s) has no test case", f, st)
		}
	}
}

// docTokens returns the `code spans` of docs/input-format.md.
func docTokens(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", "input-format.md"))
	require.NoError(t, err)
	var out []string
	fences := regexp.MustCompile("(?s)```.*?```")
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(fences.ReplaceAllString(string(b), ""), -1) {
		out = append(out, m[1])
	}
	return out
}

func TestDocsListEverySpellingAndCountryForm(t *testing.T) {
	spellings, forms := map[string]bool{}, map[string]bool{}
	for _, tok := range docTokens(t) {
		spellings[foldText(tok)] = true
		forms[foldCountry(tok)] = true
	}
	for st, list := range statusSpellings {
		for _, sp := range list {
			if sp != "" {
				assert.True(t, spellings[foldText(sp)], "docs/input-format.md does not list %q (%s)", sp, st)
			}
		}
	}
	for form, code := range countryIndex {
		assert.True(t, forms[form], "docs/input-format.md does not list the country form %q (%s)", form, code)
	}
}

func TestParseStatusVariants(t *testing.T) {
	cases := []struct {
		in     string
		want   Status
		wantOK bool
	}{
		// numbers, as typed or as a spreadsheet stores them
		{"1", StatusFull, true}, {"1.0", StatusFull, true}, {"1,0", StatusFull, true},
		{"1.000", StatusFull, true}, {"100%", StatusFull, true}, {"100 %", StatusFull, true},
		{"100\u00a0%", StatusFull, true},
		{"0.5", StatusPartial, true}, {"0,5", StatusPartial, true}, {".5", StatusPartial, true},
		{"0.50", StatusPartial, true}, {"50%", StatusPartial, true}, {"50 %", StatusPartial, true},
		{"0", StatusNone, true}, {"0.0", StatusNone, true}, {"0,00", StatusNone, true},
		{"0%", StatusNone, true}, {"0 %", StatusNone, true},
		// spacing, hyphens, apostrophes, a trailing full stop
		{"fully   compliant", StatusFull, true}, {"Fully_Compliant", StatusFull, true},
		{"non compliant", StatusNone, true}, {"non–compliant", StatusNone, true},
		{"don’t know", StatusUnknown, true}, {"Yes.", StatusFull, true},
		{"ΝΑΙ", StatusFull, true}, {"ΜΕΡΙΚΩΣ", StatusPartial, true},
		{"OXI", StatusUnknown, false}, {"ΌΧΙ", StatusNone, true},
		{"czesciowo", StatusPartial, true}, {"KYLLA", StatusFull, true},
		{"parţial", StatusPartial, true}, // cedilla instead of comma below
		{"   ", StatusUnknown, true}, {"\t\n", StatusUnknown, true},
		// not in the vocabulary
		{"maybe", StatusUnknown, false}, {"yes!", StatusUnknown, false},
		{"-", StatusUnknown, false}, {"—", StatusUnknown, false}, {"x", StatusUnknown, false},
		{"2", StatusUnknown, false}, {"0.75", StatusUnknown, false}, {"75%", StatusUnknown, false},
		{"100", StatusUnknown, false}, {"-1", StatusUnknown, false}, {"1e0", StatusUnknown, false},
		{"0x1p-1", StatusUnknown, false}, {"NaN", StatusUnknown, false},
		{"Inf", StatusUnknown, false}, {"1.0.0", StatusUnknown, false}, {"%", StatusUnknown, false},
		{".", StatusUnknown, false}, {"yes no", StatusUnknown, false}, {"#N/A", StatusUnknown, false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseStatus(tc.in)
			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestNewVocabulary(t *testing.T) {
	v, err := NewVocabulary(map[string][]string{
		"full":    {"si, pienamente", "Yes"}, // "Yes" repeats the built-in: accepted
		"Partial": {"in progress"},
		"na ":     {"ne s'applique pas"},
		"unknown": {"TBD"},
		"none":    {"nada"},
	})
	require.NoError(t, err)
	cases := []struct {
		in   string
		want Status
	}{
		{"Si, Pienamente", StatusFull}, {"yes", StatusFull}, {"In progress", StatusPartial},
		{"ne s’applique pas", StatusNA}, {"tbd", StatusUnknown}, {"NADA", StatusNone},
		{"no", StatusNone}, {"0.5", StatusPartial},
	}
	for _, tc := range cases {
		got, ok := v.Parse(tc.in)
		assert.True(t, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	// The built-in vocabulary is not changed.
	_, ok := ParseStatus("in progress")
	assert.False(t, ok)
	assert.Contains(t, v.Spellings(StatusPartial), "in progress")
	assert.NotContains(t, builtin.Spellings(StatusPartial), "in progress")

	var nilVocab *Vocabulary
	got, ok := nilVocab.Parse("oui")
	assert.True(t, ok)
	assert.Equal(t, StatusFull, got)
	assert.Contains(t, nilVocab.Spellings(StatusNA), "n/a")

	empty, err := NewVocabulary(nil)
	require.NoError(t, err)
	assert.Equal(t, builtin.Spellings(StatusFull), empty.Spellings(StatusFull))
}

func TestNewVocabularyErrors(t *testing.T) {
	cases := []struct {
		name  string
		extra map[string][]string
		want  string
	}{
		{"unknown key", map[string][]string{"complete": {"x"}}, `unknown status "complete"`},
		{"clash with built-in", map[string][]string{"full": {"No"}}, `"No" is listed under full but already means none`},
		{"clash with number", map[string][]string{"none": {"1"}}, `already means full`},
		{"clash between keys", map[string][]string{"full": {"maybe"}, "partial": {"Maybe"}}, `listed under both full and partial`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewVocabulary(tc.extra)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// countryCases lists every form LookupCountry knows, as a person would write it.
// TestCountryCasesCoverForms checks that none is missing.
var countryCases = []struct {
	in   string
	want CountryCode
}{
	{"AT", "AT"}, {"AUT", "AT"}, {"Austria", "AT"}, {"Österreich", "AT"},
	{"Republic of Austria", "AT"}, {"Republik Österreich", "AT"},
	{"BE", "BE"}, {"BEL", "BE"}, {"Belgium", "BE"}, {"België", "BE"}, {"Belgique", "BE"},
	{"Belgien", "BE"}, {"Kingdom of Belgium", "BE"},
	{"BG", "BG"}, {"BGR", "BG"}, {"Bulgaria", "BG"}, {"България", "BG"}, {"Bulgariya", "BG"},
	{"Republic of Bulgaria", "BG"},
	{"CY", "CY"}, {"CYP", "CY"}, {"Cyprus", "CY"}, {"Κύπρος", "CY"}, {"Kypros", "CY"},
	{"Kıbrıs", "CY"}, {"Republic of Cyprus", "CY"},
	{"CZ", "CZ"}, {"CZE", "CZ"}, {"Czechia", "CZ"}, {"Czech Republic", "CZ"}, {"Česko", "CZ"},
	{"Česká republika", "CZ"}, {"Czech Rep.", "CZ"},
	{"DE", "DE"}, {"DEU", "DE"}, {"Germany", "DE"}, {"Deutschland", "DE"},
	{"Federal Republic of Germany", "DE"}, {"Bundesrepublik Deutschland", "DE"},
	{"DK", "DK"}, {"DNK", "DK"}, {"Denmark", "DK"}, {"Danmark", "DK"}, {"Kingdom of Denmark", "DK"},
	{"EE", "EE"}, {"EST", "EE"}, {"Estonia", "EE"}, {"Eesti", "EE"},
	{"Republic of Estonia", "EE"}, {"Eesti Vabariik", "EE"},
	{"EL", "EL"}, {"GRC", "EL"}, {"GR", "EL"}, {"Greece", "EL"}, {"Ελλάδα", "EL"}, {"Ελλάς", "EL"},
	{"Hellas", "EL"}, {"Ellada", "EL"}, {"Hellenic Republic", "EL"},
	{"ES", "ES"}, {"ESP", "ES"}, {"Spain", "ES"}, {"España", "ES"}, {"Kingdom of Spain", "ES"},
	{"Reino de España", "ES"}, {"Espanya", "ES"}, {"Espainia", "ES"},
	{"FI", "FI"}, {"FIN", "FI"}, {"Finland", "FI"}, {"Suomi", "FI"},
	{"Republic of Finland", "FI"}, {"Suomen tasavalta", "FI"},
	{"FR", "FR"}, {"FRA", "FR"}, {"France", "FR"}, {"French Republic", "FR"},
	{"République française", "FR"},
	{"HR", "HR"}, {"HRV", "HR"}, {"Croatia", "HR"}, {"Hrvatska", "HR"},
	{"Republic of Croatia", "HR"}, {"Republika Hrvatska", "HR"},
	{"HU", "HU"}, {"HUN", "HU"}, {"Hungary", "HU"}, {"Magyarország", "HU"},
	{"IE", "IE"}, {"IRL", "IE"}, {"Ireland", "IE"}, {"Éire", "IE"}, {"Republic of Ireland", "IE"},
	{"Poblacht na hÉireann", "IE"},
	{"IT", "IT"}, {"ITA", "IT"}, {"Italy", "IT"}, {"Italia", "IT"}, {"Italian Republic", "IT"},
	{"Repubblica Italiana", "IT"},
	{"LT", "LT"}, {"LTU", "LT"}, {"Lithuania", "LT"}, {"Lietuva", "LT"},
	{"Republic of Lithuania", "LT"}, {"Lietuvos Respublika", "LT"},
	{"LU", "LU"}, {"LUX", "LU"}, {"Luxembourg", "LU"}, {"Lëtzebuerg", "LU"}, {"Luxemburg", "LU"},
	{"Grand Duchy of Luxembourg", "LU"}, {"Grand-Duché de Luxembourg", "LU"},
	{"LV", "LV"}, {"LVA", "LV"}, {"Latvia", "LV"}, {"Latvija", "LV"},
	{"Republic of Latvia", "LV"}, {"Latvijas Republika", "LV"},
	{"MT", "MT"}, {"MLT", "MT"}, {"Malta", "MT"}, {"Repubblika ta' Malta", "MT"},
	{"Republic of Malta", "MT"},
	{"NL", "NL"}, {"NLD", "NL"}, {"Netherlands", "NL"}, {"The Netherlands", "NL"},
	{"Nederland", "NL"}, {"Holland", "NL"}, {"Kingdom of the Netherlands", "NL"},
	{"Koninkrijk der Nederlanden", "NL"},
	{"PL", "PL"}, {"POL", "PL"}, {"Poland", "PL"}, {"Polska", "PL"},
	{"Republic of Poland", "PL"}, {"Rzeczpospolita Polska", "PL"},
	{"PT", "PT"}, {"PRT", "PT"}, {"Portugal", "PT"}, {"Portuguese Republic", "PT"},
	{"República Portuguesa", "PT"},
	{"RO", "RO"}, {"ROU", "RO"}, {"Romania", "RO"}, {"România", "RO"}, {"Roumania", "RO"},
	{"Rumania", "RO"},
	{"SE", "SE"}, {"SWE", "SE"}, {"Sweden", "SE"}, {"Sverige", "SE"},
	{"Kingdom of Sweden", "SE"}, {"Konungariket Sverige", "SE"},
	{"SI", "SI"}, {"SVN", "SI"}, {"Slovenia", "SI"}, {"Slovenija", "SI"},
	{"Republic of Slovenia", "SI"}, {"Republika Slovenija", "SI"},
	{"SK", "SK"}, {"SVK", "SK"}, {"Slovakia", "SK"}, {"Slovensko", "SK"},
	{"Slovak Republic", "SK"}, {"Slovenská republika", "SK"},
	{"CH", "CH"}, {"CHE", "CH"}, {"Switzerland", "CH"}, {"Schweiz", "CH"}, {"Suisse", "CH"},
	{"Svizzera", "CH"}, {"Svizra", "CH"}, {"Swiss Confederation", "CH"},
	{"Confoederatio Helvetica", "CH"}, {"Helvetia", "CH"},
	{"IS", "IS"}, {"ISL", "IS"}, {"Iceland", "IS"}, {"Ísland", "IS"}, {"Republic of Iceland", "IS"},
	{"LI", "LI"}, {"LIE", "LI"}, {"Liechtenstein", "LI"},
	{"Principality of Liechtenstein", "LI"}, {"Fürstentum Liechtenstein", "LI"},
	{"NO", "NO"}, {"NOR", "NO"}, {"Norway", "NO"}, {"Norge", "NO"}, {"Noreg", "NO"},
	{"Kingdom of Norway", "NO"},
	{"UK", "UK"}, {"GBR", "UK"}, {"GB", "UK"}, {"United Kingdom", "UK"}, {"Great Britain", "UK"},
	{"Britain", "UK"}, {"United Kingdom of Great Britain and Northern Ireland", "UK"},
	{"U.K.", "UK"},
}

func TestLookupCountryEveryForm(t *testing.T) {
	for _, tc := range countryCases {
		t.Run(tc.in, func(t *testing.T) {
			for _, v := range []string{tc.in, strings.ToLower(tc.in), strings.ToUpper(tc.in),
				"  " + tc.in + " ", Fold(tc.in)} {
				got, ok := LookupCountry(v)
				require.True(t, ok, "%q should be a country", v)
				assert.Equal(t, tc.want, got, "%q", v)
			}
		})
	}
}

func TestCountryCasesCoverForms(t *testing.T) {
	tested := map[string]bool{}
	for _, tc := range countryCases {
		tested[foldCountry(tc.in)] = true
	}
	for form, code := range countryIndex {
		assert.True(t, tested[form], "country form %q (%s) has no test case", form, code)
	}
	// Every known country is reachable by its code, alpha-3 code and name.
	for _, c := range Countries() {
		for _, s := range []string{string(c.Code), c.Alpha3, c.Name} {
			got, ok := LookupCountry(s)
			assert.True(t, ok, s)
			assert.Equal(t, c.Code, got, s)
		}
	}
}

func TestLookupCountryVariants(t *testing.T) {
	cases := []struct {
		in     string
		want   CountryCode
		wantOK bool
	}{
		{"Netherlands (the)", "NL", true}, {"Netherlands, The", "NL", true},
		{"the   netherlands", "NL", true}, {"czech-republic", "CZ", true},
		{"CZECH REP", "CZ", true}, {"u.k", "UK", true}, {"ελλαδα", "EL", true},
		{"ΕΛΛΆΔΑ", "EL", true}, {"Osterreich", "AT", true}, {"oesterreich", "", false},
		{"Kibris", "CY", true}, {"Cote d'Azur", "", false}, {"", "", false}, {"  ", "", false},
		{"USA", "", false}, {"EU", "", false}, {"Europe", "", false}, {"Germany!", "DE", true},
		{"D", "", false}, {"Holland.", "NL", true}, {"CzechRepublic", "CZ", true},
		{"UnitedKingdom", "UK", true}, {"G B", "UK", true},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := LookupCountry(tc.in)
			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSuggest(t *testing.T) {
	items := []string{"D-3.4", "D-3.5", "D-5.2", "BP-HOTLINE"}
	cases := []struct {
		in     string
		cands  []string
		want   string
		wantOK bool
	}{
		{"D-3.44", items, "D-3.4", true}, // one insertion
		{"d-5.3", items, "D-5.2", true},  // case ignored, one substitution
		{"D3.4", items, "D-3.4", true},   // one deletion
		{"D-3.6", items, "D-3.4", true},  // tie at 1: the first candidate wins
		{"BP-HOTLNE", items, "BP-HOTLINE", true},
		{"BP-HTLN", items, "", false}, // distance 3 > 7/3
		{"X-9.9", items, "", false},
		{"", items, "", false},
		{"D-3.4", nil, "", false},
		{"a", []string{"b"}, "b", true},   // max(1, 1/3) = 1
		{"ab", []string{"ba"}, "", false}, // distance 2 > 1
		{"Germny", []string{"germany", "greece"}, "germany", true},
		{"kyprοs", []string{"kypros"}, "kypros", true}, // Greek omicron: one substitution
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := Suggest(tc.in, tc.cands)
			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSuggestCountry(t *testing.T) {
	cases := []struct {
		in     string
		want   CountryCode
		wantOK bool
	}{
		{"Germny", "DE", true}, {"Polnd", "PL", true}, {"Sweeden", "SE", true},
		{"Austrai", "AT", true}, {"Deutchland", "DE", true}, {"Lituania", "LT", true},
		{"Atlantis", "", false}, {"", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := SuggestCountry(tc.in)
			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Österreich", "osterreich"}, {"ΕΛΛΆΔΑ", "ελλαδα"}, {"Łódź", "lodz"},
		{"Straße", "strasse"}, {"Færøerne", "faeroerne"}, {"Œuvre", "oeuvre"},
		{"Đakovo", "dakovo"}, {"Þingvellir", "thingvellir"}, {"ΜΕΡΙΚΏΣ", "μερικωσ"},
		{"plain ASCII", "plain ascii"}, {"bad\xffutf8", "bad\ufffdutf8"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, Fold(tc.in), tc.in)
	}
}

func FuzzParseStatus(f *testing.F) {
	for _, tc := range statusCases {
		f.Add(tc.in)
	}
	f.Add("0,5 %")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		st, ok := ParseStatus(s)
		if !ok && st != StatusUnknown {
			t.Fatalf("ParseStatus(%q) = %v, false; want StatusUnknown with ok false", s, st)
		}
		if int(st) >= len(statusNames) {
			t.Fatalf("ParseStatus(%q) = invalid status %d", s, st)
		}
		// Folding is idempotent, so parsing the folded text gives the same answer.
		if utf8.ValidString(s) {
			st2, ok2 := ParseStatus(Fold(s))
			if ok && (!ok2 || st2 != st) {
				t.Fatalf("ParseStatus(Fold(%q)) = %v, %v; want %v, true", s, st2, ok2, st)
			}
		}
	})
}

func FuzzLookupCountry(f *testing.F) {
	for _, tc := range countryCases {
		f.Add(tc.in)
	}
	f.Add("\xc3")
	f.Fuzz(func(t *testing.T, s string) {
		code, ok := LookupCountry(s)
		if ok {
			if _, known := CountryByCode(code); !known {
				t.Fatalf("LookupCountry(%q) = %q, not a known country", s, code)
			}
		} else if code != "" {
			t.Fatalf("LookupCountry(%q) = %q, false; want empty code", s, code)
		}
		if c, ok := SuggestCountry(s); ok {
			if _, known := CountryByCode(c); !known {
				t.Fatalf("SuggestCountry(%q) = %q, not a known country", s, c)
			}
		}
	})
}

func FuzzVocabulary(f *testing.F) {
	f.Add("si, pienamente", uint8(0))
	f.Add("ja", uint8(2))
	f.Add("  Teilweise. ", uint8(1))
	f.Add("50 %", uint8(1))
	f.Add("\xff", uint8(4))
	names := []string{"full", "partial", "none", "na", "unknown"}
	f.Fuzz(func(t *testing.T, form string, key uint8) {
		name := names[int(key)%len(names)]
		v, err := NewVocabulary(map[string][]string{name: {form}})
		if err != nil {
			// Refused only when the built-in vocabulary gives the form another
			// status.
			if st, ok := ParseStatus(form); !ok || st == statusByName[name] {
				t.Fatalf("NewVocabulary(%s: %q) = %v, but the form does not mean another status", name, form, err)
			}
			return
		}
		if st, ok := v.Parse(form); !ok || st != statusByName[name] {
			t.Fatalf("Parse(%q) = %v, %v with %q added under %s", form, st, ok, form, name)
		}
		// The extra spelling changes nothing the built-in vocabulary knew.
		for _, tc := range statusCases {
			if foldText(tc.in) == foldText(form) {
				continue
			}
			if st, ok := v.Parse(tc.in); !ok || st != tc.want {
				t.Fatalf("with %q added under %s, Parse(%q) = %v, %v; want %v", form, name, tc.in, st, ok, tc.want)
			}
		}
	})
}

func FuzzSuggest(f *testing.F) {
	f.Add("D-3.44", "D-3.4")
	f.Add("Germny", "germany")
	f.Add("", "x")
	f.Add("\xc3", "é")
	f.Fuzz(func(t *testing.T, s, candidate string) {
		candidates := []string{candidate, "D-3.4", "BP-HOTLINE"}
		got, ok := Suggest(s, candidates)
		if !ok {
			if got != "" {
				t.Fatalf("Suggest(%q) = %q, false; want empty", s, got)
			}
			return
		}
		found := false
		for _, c := range candidates {
			found = found || c == got
		}
		if !found {
			t.Fatalf("Suggest(%q) = %q, not a candidate", s, got)
		}
		// A text that is a candidate (ignoring case and surrounding spaces)
		// suggests itself, or an equal one earlier in the list.
		lower := strings.ToLower(strings.TrimSpace(s))
		for _, c := range candidates {
			if lower == strings.ToLower(c) && strings.ToLower(got) != lower {
				t.Fatalf("Suggest(%q) = %q, want %q", s, got, c)
			}
		}
	})
}

func TestLookupCountryCombined(t *testing.T) {
	tests := []struct {
		in   string
		want CountryCode
		ok   bool
	}{
		{"Germany (DE)", "DE", true},
		{"DE - Germany", "DE", true},
		{"AT – Austria", "AT", true},
		{"EL (Greece)", "EL", true},
		{"Ireland [IE]", "IE", true},
		{"Greece/GR", "EL", true},
		{"Germany (AT)", "", false},      // the parts disagree
		{"Austria (federal)", "", false}, // a part that is no country
		{"Czech Republic", "CZ", true},
		{"()", "", false},
		{" - ", "", false},
	}
	for _, tc := range tests {
		got, ok := LookupCountry(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

func TestQuote(t *testing.T) {
	assert.Equal(t, `"yes"`, Quote("yes"))
	assert.Equal(t, `"a\"b"`, Quote(`a"b`))
	s200 := strings.Repeat("x", 200)
	assert.Equal(t, `"`+s200+`"`, Quote(s200))
	assert.Equal(t, `"`+s200+`…" (201 characters)`, Quote(s200+"y"))
	assert.Equal(t, `"`+strings.Repeat("ß", 200)+`…" (1,048,576 characters)`, Quote(strings.Repeat("ß", 1<<20)))
	assert.Equal(t, "1,048,576", GroupThousands(1<<20))
	assert.Equal(t, "-1,000", GroupThousands(-1000))
	assert.Equal(t, "999", GroupThousands(999))
}

func TestVocabularySuggest(t *testing.T) {
	v, err := NewVocabulary(map[string][]string{"partial": {"in progress"}})
	require.NoError(t, err)
	cases := []struct {
		in, want string
		st       Status
		ok       bool
	}{
		{"patially", "partially", StatusPartial, true},
		{"yse", "yes", StatusFull, true},
		{"in progres", "in progress", StatusPartial, true},
		{"x", "", StatusUnknown, false},
		{"maybe", "", StatusUnknown, false},
	}
	for _, tc := range cases {
		sp, st, ok := v.Suggest(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, sp, tc.in)
		assert.Equal(t, tc.st, st, tc.in)
	}
	sp, _, ok := (*Vocabulary)(nil).Suggest("nien")
	assert.True(t, ok)
	assert.Equal(t, "nein", sp)
}
