package gapanalysis

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// statusSpellings is the built-in status vocabulary of SPEC 4. Entries are compared
// after folding (see foldText), so "Kyllä", "KYLLA" and " kyllä " all match
// "kyllä". Numbers (1, 0.5, 0 and 100 %, 50 %, 0 %) are recognised by
// parseNumericStatus, not listed here.
var statusSpellings = map[Status][]string{
	StatusFull: {
		// English
		"full", "fully", "yes", "y", "compliant", "fully compliant", "conform",
		"conforming", "in conformity", "transposed", "fully transposed", "in place",
		"fully in place", "implemented", "fully implemented",
		// check marks
		"✓", "✔", "☑", "✅",
		// "yes" in the languages of the EU and its neighbours
		"ja",    // de, nl, sv, da, nb
		"jā",    // lv
		"já",    // is
		"oui",   // fr
		"sí",    // es
		"sì",    // it
		"sim",   // pt
		"tak",   // pl
		"ano",   // cs
		"áno",   // sk
		"igen",  // hu
		"kyllä", // fi
		"jah",   // et
		"taip",  // lt
		"da",    // ro, hr, sl
		"iva",   // mt
		"ναι",   // el
		"да",    // bg
		"tá",    // ga
		// "fully" in other languages
		"vollständig", "entièrement", "totalement", "completo", "completamente",
		"pienamente", "integralmente", "volledig", "całkowicie", "teljesen",
		"täysin",
		// "compliant" / "transposed" in other languages
		"conforme", "konform", "umgesetzt", "transposé",
	},
	StatusPartial: {
		// English
		"partial", "partly", "partially", "partially compliant", "partly compliant",
		"partially transposed", "partly transposed", "partially implemented",
		"partly implemented", "partially in place", "partly in place", "in part",
		"½",
		// other languages
		"partiel", "partielle", "partiellement", "en partie", // fr
		"teilweise", "teils", "zum teil", // de
		"parcial", "parcialmente", "en parte", "em parte", // es, pt
		"parziale", "parzialmente", "in parte", // it
		"gedeeltelijk", "deels", // nl
		"delvis", "delvist", // sv, nb, da
		"partiellement conforme", "parcialmente conforme", "parzialmente conforme", // fr, es/pt, it
		"teilweise konform", "teilweise umgesetzt", "partiellement transposé", // de, fr
		"częściowo",  // pl
		"částečně",   // cs
		"čiastočne",  // sk
		"részben",    // hu
		"osittain",   // fi
		"osaliselt",  // et
		"iš dalies",  // lt
		"daļēji",     // lv
		"parțial",    // ro
		"djelomično", // hr
		"delno",      // sl
		"parzjali",   // mt
		"μερικώς",    // el
		"частично",   // bg
	},
	StatusNone: {
		// English
		"none", "no", "n", "non-compliant", "noncompliant", "not compliant",
		"not conform", "non-conform", "not in conformity", "not transposed",
		"absent", "not in place", "not implemented",
		// crosses
		"✗", "✘", "✕", "❌",
		// "no" in the languages of the EU and its neighbours
		"nein",  // de
		"non",   // fr, it
		"nie",   // pl, sk
		"ne",    // cs, hr, sl, lt
		"nē",    // lv
		"nej",   // sv, da
		"nei",   // nb, is
		"ei",    // fi, et
		"nem",   // hu
		"nee",   // nl
		"não",   // pt
		"nu",    // ro
		"le",    // mt
		"όχι",   // el
		"не",    // bg
		"níl",   // ga
		"aucun", // fr ("none")
		"keine", // de ("none")
		"ninguno", "nessuno", "geen", "brak",
		// "not compliant" / "not transposed" in other languages
		"non conforme", "no conforme", "não conforme", "nicht konform", "nicht umgesetzt", "non transposé",
	},
	StatusNA: {
		"n/a", "na", "n.a.", "not applicable", "non applicable", "inapplicable",
		"not relevant",
		"sans objet",                  // fr
		"nicht anwendbar", "entfällt", // de
		"no aplicable", "no aplica", // es
		"non applicabile",     // it
		"niet van toepassing", // nl
		"nie dotyczy",         // pl
		"não aplicável",       // pt
	},
	StatusUnknown: {
		"", "unknown", "?", "??", "don't know", "dont know", "do not know",
		"not known", "no data", "no information", "no info", "unclear",
		"n/k", "not answered", "no answer",
		"inconnu", "ne sait pas", // fr
		"unbekannt", "weiß nicht", "keine angabe", // de
		"desconocido", "no sabe", // es
		"sconosciuto", "non so", // it
		"onbekend", // nl
		"nie wiem", // pl
	},
}

// Vocabulary maps the spellings found in survey cells to statuses: the built-in
// vocabulary of SPEC 4 plus any extra spellings of a study (Config.Vocabulary).
// Matching ignores case, accents and surrounding spaces. A *Vocabulary is
// read-only after NewVocabulary and safe for concurrent use; the nil *Vocabulary
// behaves as the built-in one.
type Vocabulary struct {
	spell map[string]Status // folded spelling → status
	form  map[string]string // folded spelling → the spelling as listed, for suggestions
	keys  []string          // the folded spellings, sorted, for suggestions
}

// builtin is the built-in vocabulary, used by ParseStatus and a nil *Vocabulary.
var builtin = func() *Vocabulary {
	v := &Vocabulary{spell: map[string]Status{}, form: map[string]string{}}
	for st, forms := range statusSpellings {
		for _, f := range forms {
			k := foldText(f)
			if prev, dup := v.spell[k]; dup && prev != st {
				panic(fmt.Sprintf("gapanalysis: spelling %q is both %s and %s", f, prev, st))
			}
			v.spell[k] = st
			if _, ok := v.form[k]; !ok || f < v.form[k] {
				v.form[k] = f
			}
		}
	}
	v.sortKeys()
	return v
}()

// sortKeys lists the folded spellings in order, for Suggest.
func (v *Vocabulary) sortKeys() {
	v.keys = make([]string, 0, len(v.spell))
	for k := range v.spell {
		v.keys = append(v.keys, k)
	}
	sort.Strings(v.keys)
}

// Suggest returns the spelling of the vocabulary closest to a text that it
// does not hold, and the status it stands for, as Suggest does for names:
// within an edit distance of max(1, n/3) for a text of n letters (a swap of two
// neighbouring letters counts as one edit). Texts and spellings shorter than
// three letters get no suggestion ("x" is not taken for "n"). ok is false when
// no spelling is close enough. A nil *Vocabulary is the built-in vocabulary.
func (v *Vocabulary) Suggest(s string) (spelling string, st Status, ok bool) {
	if v == nil {
		v = builtin
	}
	f := foldText(s)
	if len([]rune(f)) < 3 {
		return "", StatusUnknown, false
	}
	cands := make([]string, 0, len(v.keys))
	for _, k := range v.keys {
		if len([]rune(k)) >= 3 {
			cands = append(cands, k)
		}
	}
	k, ok := suggest(f, cands, true)
	if !ok {
		return "", StatusUnknown, false
	}
	return v.form[k], v.spell[k], true
}

// statusByName maps the keys of Config.Vocabulary to statuses.
var statusByName = map[string]Status{
	"full": StatusFull, "partial": StatusPartial, "none": StatusNone,
	"na": StatusNA, "unknown": StatusUnknown,
}

// NewVocabulary returns the built-in vocabulary extended with extra spellings.
// The keys of extra are status names — "full", "partial", "none", "na",
// "unknown" (case and surrounding spaces ignored) — and the values spellings
// for that status. A nil or empty extra gives the built-in vocabulary. It is an
// error when a key is not a status name, or when a spelling already means a
// different status (in the built-in vocabulary or under another key); a spelling
// that repeats what the built-in vocabulary says is accepted.
func NewVocabulary(extra map[string][]string) (*Vocabulary, error) {
	v := &Vocabulary{spell: make(map[string]Status, len(builtin.spell)), form: make(map[string]string, len(builtin.form))}
	for k, st := range builtin.spell {
		v.spell[k] = st
		v.form[k] = builtin.form[k]
	}
	defer v.sortKeys()
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic error messages
	added := map[string]string{}
	for _, key := range keys {
		st, ok := statusByName[strings.ToLower(strings.TrimSpace(key))]
		if !ok {
			return nil, fmt.Errorf("vocabulary: unknown status %q (want full, partial, none, na or unknown)", key)
		}
		for _, form := range extra[key] {
			if prev, ok := builtin.Parse(form); ok {
				if prev != st {
					return nil, fmt.Errorf("vocabulary: %q is listed under %s but already means %s", form, key, prev)
				}
				continue
			}
			f := foldText(form)
			if prev, dup := v.spell[f]; dup && prev != st {
				return nil, fmt.Errorf("vocabulary: %q is listed under both %s and %s", form, added[f], key)
			}
			v.spell[f] = st
			v.form[f] = strings.TrimSpace(form)
			added[f] = key
		}
	}
	return v, nil
}

// Parse returns the status a cell's text stands for. Case, accents, surrounding
// spaces, runs of inner spaces and a trailing full stop are ignored; hyphens and
// underscores count as spaces. Numbers are statuses too: 1 (or 1.0, 100 %) is
// full, 0.5 (0,5, 50 %) partial, 0 (0 %) none. Empty text and the "don't know"
// forms give StatusUnknown with ok true; text the vocabulary does not hold gives
// StatusUnknown with ok false. A nil *Vocabulary is the built-in vocabulary.
func (v *Vocabulary) Parse(s string) (Status, bool) {
	if v == nil {
		v = builtin
	}
	f := foldText(s)
	if st, ok := v.spell[f]; ok {
		return st, true
	}
	if st, ok := parseNumericStatus(f); ok {
		return st, true
	}
	return StatusUnknown, false
}

// Spellings returns the spellings the vocabulary accepts for a status, folded
// (lower case, without accents) and sorted; numbers are not included. A nil
// *Vocabulary is the built-in vocabulary.
func (v *Vocabulary) Spellings(st Status) []string {
	if v == nil {
		v = builtin
	}
	var out []string
	for k, s := range v.spell {
		if s == st {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// ParseStatus parses a cell's text with the built-in vocabulary (see
// Vocabulary.Parse): ok is false only when the text is not in the vocabulary.
func ParseStatus(s string) (Status, bool) { return builtin.Parse(s) }

// parseNumericStatus recognises 1, 0.5 and 0 (with "." or "," as decimal mark and
// any number of trailing zeros) and 100 %, 50 %, 0 %. f is already folded.
func parseNumericStatus(f string) (Status, bool) {
	f = strings.ReplaceAll(f, " ", "")
	percent := strings.HasSuffix(f, "%")
	if percent {
		f = strings.TrimSuffix(f, "%")
	}
	if !isPlainDecimal(f) {
		return StatusUnknown, false
	}
	x, err := strconv.ParseFloat(strings.Replace(f, ",", ".", 1), 64)
	if err != nil {
		return StatusUnknown, false
	}
	if percent {
		x /= 100
	}
	switch x {
	case 1:
		return StatusFull, true
	case 0.5:
		return StatusPartial, true
	case 0:
		return StatusNone, true
	}
	return StatusUnknown, false
}

// isPlainDecimal reports whether s is digits with at most one decimal mark
// ("." or ","), optionally starting with the mark: "1", "0.5", ",5", "100".
func isPlainDecimal(s string) bool {
	digits, marks := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == ',':
			marks++
		default:
			return false
		}
	}
	return digits > 0 && marks <= 1
}

// foldText normalises a cell's text for vocabulary matching: lower case, accents
// removed (also ø, ł, đ, ß, æ, œ), Greek final sigma as sigma, curly apostrophes
// as ', hyphens and underscores between words as spaces, runs of spaces as one,
// surrounding spaces and a trailing full stop removed ("n.a." becomes "n.a").
func foldText(s string) string {
	s = Fold(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
		case (r == '-' || r == '_' || r == '‐' || r == '–' || r == '—') && b.Len() > 0:
			// A dash between words is a space; a leading one is kept ("-1", "-").
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			switch r {
			case '’', '‘', '`', '´':
				r = '\''
			}
			b.WriteRune(r)
		}
	}
	out := b.String()
	if len(out) > 1 && strings.HasSuffix(out, ".") && !strings.HasSuffix(out, "..") {
		out = out[:len(out)-1]
	}
	return out
}

// Fold returns s in lower case without accents or other diacritics: "Österreich"
// becomes "osterreich", "ΕΛΛΆΔΑ" "ελλαδα", "Łódź" "lodz". Letters that Unicode
// does not decompose are mapped by hand (ø→o, ł→l, đ→d, ß→ss, æ→ae, œ→oe,
// ı→i, þ→th, ð→d, ς→σ). Spaces and punctuation are kept. Importers use it to
// match headers and names.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	d, _, err := transform.String(t, s)
	if err != nil {
		d = s
	}
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		r = unicode.ToLower(r)
		switch r {
		case 'ø':
			r = 'o'
		case 'ł':
			r = 'l'
		case 'đ', 'ð':
			r = 'd'
		case 'ı':
			r = 'i'
		case 'ς':
			r = 'σ'
		case 'ß':
			b.WriteString("ss")
			continue
		case 'æ':
			b.WriteString("ae")
			continue
		case 'œ':
			b.WriteString("oe")
			continue
		case 'þ':
			b.WriteString("th")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// LookupCountry returns the EU code of a country given by any accepted form: ISO
// 3166-1 alpha-2 or alpha-3 code, the EU's own codes (EL for Greece, UK), the
// English name, a native name or a common variant ("Czech Republic", "The
// Netherlands", "Holland"). Case, accents, punctuation and spacing are ignored.
// The countries are the EU-27 plus CH, IS, LI, NO and UK (see Countries).
// Combined forms such as "Germany (DE)" or "AT – Austria" are read when every
// part names the same country.
func LookupCountry(s string) (CountryCode, bool) {
	if code, ok := countryIndex[foldCountry(s)]; ok {
		return code, true
	}
	return lookupCombined(s)
}

// lookupCombined reads the combined forms that sheets often use — "Germany (DE)",
// "DE - Germany", "AT – Austria", "Greece/EL": every part separated by brackets, a
// dash between spaces or a slash must name the same country.
func lookupCombined(s string) (CountryCode, bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '(' || r == ')' || r == '/' || r == '[' || r == ']' })
	var split []string
	for _, p := range parts {
		for _, dash := range []string{" - ", " – ", " — "} {
			p = strings.ReplaceAll(p, dash, "\x00")
		}
		split = append(split, strings.Split(p, "\x00")...)
	}
	var code CountryCode
	n := 0
	for _, p := range split {
		if strings.TrimSpace(p) == "" {
			continue
		}
		c, ok := countryIndex[foldCountry(p)]
		if !ok || (code != "" && c != code) {
			return "", false
		}
		code = c
		n++
	}
	return code, n > 1
}

// SuggestCountry returns the country whose name or code is closest to s (see
// Suggest), for "did you mean" messages.
func SuggestCountry(s string) (CountryCode, bool) {
	best, ok := Suggest(foldCountry(s), countryCandidates)
	if !ok {
		return "", false
	}
	return countryIndex[best], true
}

// foldCountry normalises a country name for lookup: folded (see Fold), full
// stops dropped ("U.K." → "uk"), other punctuation as spaces, runs of spaces as
// one, a leading or trailing "the" removed ("Netherlands (the)"), and then all
// spaces removed ("CzechRepublic" is "Czech Republic").
func foldCountry(s string) string {
	s = Fold(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '.':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	out := b.String()
	out = strings.TrimPrefix(out, "the ")
	out = strings.TrimSuffix(out, " the")
	return strings.ReplaceAll(out, " ", "")
}

// countryIndex maps every folded country form to its EU code; countryCandidates
// lists the folded forms in a stable order (names first, then codes) for
// suggestions.
var countryIndex, countryCandidates = func() (map[string]CountryCode, []string) {
	idx := map[string]CountryCode{}
	var names, codes []string
	add := func(form string, code CountryCode, isCode bool) {
		k := foldCountry(form)
		if prev, dup := idx[k]; dup {
			if prev != code {
				panic(fmt.Sprintf("gapanalysis: country form %q is both %s and %s", form, prev, code))
			}
			return
		}
		idx[k] = code
		if isCode {
			codes = append(codes, k)
		} else {
			names = append(names, k)
		}
	}
	for _, c := range countries {
		add(c.Name, c.Code, false)
		for _, n := range countryNames[c.Code] {
			add(n, c.Code, false)
		}
	}
	for _, c := range countries {
		add(string(c.Code), c.Code, true)
		add(c.Alpha3, c.Code, true)
		for _, n := range countryCodes[c.Code] {
			add(n, c.Code, true)
		}
	}
	return idx, append(names, codes...)
}()

// Suggest returns the candidate closest to s by edit distance (Levenshtein, on
// letters, case-insensitive), provided the distance is at most max(1, n/3)
// where n is the number of letters of s. Among equally close candidates the
// first in the slice wins. ok is false when no candidate is close enough or s is
// empty.
func Suggest(s string, candidates []string) (string, bool) {
	return suggest(s, candidates, false)
}

// suggest is Suggest; with swaps, a swap of two neighbouring letters counts as
// one edit.
func suggest(s string, candidates []string, swaps bool) (string, bool) {
	a := []rune(strings.ToLower(strings.TrimSpace(s)))
	if len(a) == 0 {
		return "", false
	}
	limit := max(1, len(a)/3)
	best, bestD := "", limit+1
	for _, c := range candidates {
		b := []rune(strings.ToLower(c))
		if d := len(a) - len(b); d > limit || -d > limit {
			continue
		}
		if d := levenshtein(a, b, bestD, swaps); d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD <= limit
}

// levenshtein returns the edit distance between a and b, or any value ≥ bound
// when it is at least bound. With swaps, a swap of two neighbouring letters
// counts as one edit (the optimal string alignment distance).
func levenshtein(a, b []rune, bound int, swaps bool) int {
	prev2 := make([]int, len(b)+1) // the row before prev, for swaps
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if swaps && i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= bound {
			return bound
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
