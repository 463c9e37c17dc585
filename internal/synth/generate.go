package synth

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Name is the file name of the synthetic survey and the Label of the datasets
// Generate returns.
const Name = "synthetic-eu27-survey.xlsx"

// SheetName is the name of the one sheet WriteXLSX writes.
const SheetName = "Survey"

// DefaultSeed is the seed of the survey committed in testdata and embedded in the
// binary.
const DefaultSeed uint64 = 2026

// Layout of the sheet WriteXLSX writes: the title in row 1, row 2 blank, the
// header in row 3, the first answer in row 4.
const (
	titleRow     = 1
	headerRow    = 3
	firstDataRow = 4
)

// Parameters of the latent model (logit-like units).
const (
	baseLevel      = 1.0  // the mean latent level of a mandatory item of an average theme
	countrySD      = 0.5  // spread of the countries' overall levels
	themeNoiseSD   = 0.15 // spread of a theme around the difficulty of its kind
	itemSD         = 0.35 // spread of the items inside a theme
	answerSD       = 0.6  // noise of one answer
	fullCut        = 0.5  // latent level above which an answer is full
	partialCut     = -0.4 // latent level above which an answer is partial
	optionalShift  = -0.8 // optional provisions are used less often
	practiceShift  = -0.5 // best practice lags behind legal duties
	secondAgree    = 0.9  // probability that a further respondent gives the same status as the first
	secondAnswered = 0.9  // share of the items a further respondent answers
	secondCount    = 5    // countries with a second respondent
	thirdCount     = 2    // of which with a third respondent too
	splitCount     = 2    // (country, item) pairs where a second respondent says none and the first full
)

// kind is what a theme is about, guessed from its ID and title.
type kind int

const (
	kindOther kind = iota
	kindOffences
	kindJurisdiction
	kindInvestigation
	kindOnline
	kindVictims
	kindPrevention
)

// kindKeywords are tried in order on the lower-cased theme ID and title; the first
// kind with a matching keyword wins (prevention before offences, so that
// "prevention of offending" is prevention).
var kindKeywords = []struct {
	kind     kind
	keywords []string
}{
	{kindPrevention, []string{"prevent", "awareness", "intervention"}},
	{kindVictims, []string{"victim", "assistance", "support"}},
	{kindOnline, []string{"online", "website", "internet", "removal", "blocking"}},
	{kindJurisdiction, []string{"jurisdiction", "cooperation"}},
	{kindInvestigation, []string{"investigat", "prosecut", "procedur", "justice"}},
	{kindOffences, []string{"offence", "offense", "substantive", "criminal law", "penalt", "sanction", "definition"}},
}

// kindDifficulty is the latent shift of each kind of theme: positive is easier.
var kindDifficulty = map[kind]float64{
	kindOffences:      0.6,
	kindJurisdiction:  0.3,
	kindInvestigation: 0.1,
	kindOnline:        0,
	kindOther:         0,
	kindVictims:       -0.45,
	kindPrevention:    -0.7,
}

func themeKind(t *gapanalysis.Theme) kind {
	s := strings.ToLower(string(t.ID) + " " + t.Title)
	for _, kk := range kindKeywords {
		for _, k := range kk.keywords {
			if strings.Contains(s, k) {
				return kk.kind
			}
		}
	}
	return kindOther
}

// answerTexts gives, per known status, the probability that an answer cites
// evidence and the probability that it has a comment.
var answerTexts = map[gapanalysis.Status][2]float64{
	gapanalysis.StatusFull:    {0.8, 0.1},
	gapanalysis.StatusPartial: {0.7, 0.6},
	gapanalysis.StatusNone:    {0.15, 0.45},
}

// country is the latent profile of one country.
type country struct {
	code    gapanalysis.CountryCode
	level   float64 // overall level, added to every answer
	missing float64 // probability that an answer has no row, 0.01–0.06
	unknown float64 // probability that an answer is "unknown", 0.01–0.05
	lawName string  // the name its law codes go by ("Criminal Code" or "Penal Code")
	style   int     // 0–2: how its rapporteur cites provisions
	second  bool    // a second respondent answered too
	third   bool    // and a third one
}

// theme is the latent profile of one theme.
type theme struct {
	kind       kind
	difficulty float64
}

// stream derives an independent random stream for one named part of the survey,
// so that one country's or item's answers do not change when others are added.
func stream(seed uint64, parts ...string) *rand.Rand {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// Generate returns a synthetic survey of the EU-27 on the checklist cl: one
// long-layout response per (Member State, item), except that some pairs have no
// response at all, plus the answers of a second respondent for five countries
// and of a third for two of them. Further respondents mostly agree with the
// first; where they do not, they give a neighbouring status, except in two
// (country, mandatory item) pairs where the second says none and the first full
// (a split that the mean hides as partial). The result is deterministic for a seed and independent of the order
// in which countries are processed; each (country, item) answer comes from its own
// random stream derived from the seed, so adding an item to the checklist leaves
// the other answers unchanged.
//
// Responses are ordered by country code, then checklist item, then respondent.
// Each carries as Source the status cell of the row WriteXLSX writes for it (file
// Name, sheet SheetName). Status items get a status; numeric items that were
// answered get a Value (HasValue) and StatusUnknown, those not answered "unknown"
// or "na" without a value. The dataset is marked Synthetic, with Label Name and
// Seed seed; it has no diagnostics and no sheet accounts.
//
// cl must have been loaded or validated (its item index built); nil gives a
// dataset without responses.
func Generate(cl *gapanalysis.Checklist, seed uint64) *gapanalysis.Dataset {
	ds := &gapanalysis.Dataset{Synthetic: true, Label: Name, Seed: seed}
	if cl == nil {
		return ds
	}
	m := newModel(cl, seed)
	var rs []gapanalysis.Response
	for _, c := range m.countries {
		for _, it := range cl.Items() {
			r := stream(seed, "answer", string(c.code), string(it.ID))
			resp, _, ok := answer(cl, c, m.themeOf(it), it, m.effects[it.ID], r)
			if !ok {
				continue
			}
			rs = append(rs, resp)
			if c.second && r.Float64() < secondAnswered {
				rs = append(rs, secondAnswer(resp, respondent(c.code, true), r))
			}
			if c.third && r.Float64() < secondAnswered {
				rs = append(rs, secondAnswer(resp, thirdRespondent(c.code), r))
			}
		}
	}
	split(cl, rs, seed)
	setSources(rs, Name)
	ds.Responses = gapanalysis.NewResponses(rs...)
	return ds
}

// split turns splitCount agreeing answers of second respondents into a
// disagreement between full and none: among the (country, mandatory status
// item) pairs where the first and the second respondent both say full and no
// third respondent answered, it picks one in each of splitCount countries at
// random, and the second respondent there says none.
func split(cl *gapanalysis.Checklist, rs []gapanalysis.Response, seed uint64) {
	byCountry := map[gapanalysis.CountryCode][]int{}
	var countries []gapanalysis.CountryCode
	for i := 1; i < len(rs); i++ {
		r, prev := rs[i], rs[i-1]
		it := cl.Item(r.Item)
		if r.Respondent != respondent(r.Country, true) || prev.Respondent != respondent(r.Country, false) ||
			prev.Item != r.Item || it == nil || it.Obligation != gapanalysis.Mandatory || it.Type == gapanalysis.NumericItem ||
			r.Status != gapanalysis.StatusFull || prev.Status != gapanalysis.StatusFull ||
			i+1 < len(rs) && rs[i+1].Item == r.Item && rs[i+1].Country == r.Country {
			continue
		}
		if byCountry[r.Country] == nil {
			countries = append(countries, r.Country)
		}
		byCountry[r.Country] = append(byCountry[r.Country], i)
	}
	rnd := stream(seed, "splits")
	rnd.Shuffle(len(countries), func(i, j int) { countries[i], countries[j] = countries[j], countries[i] })
	for _, c := range countries[:min(splitCount, len(countries))] {
		cand := byCountry[c]
		r := &rs[cand[rnd.IntN(len(cand))]]
		r.Status = gapanalysis.StatusNone
		r.Evidence = ""
		r.Comment = "No specific provision: the general offence relied on by the other respondent does not cover this; assessment differs from the other respondent"
	}
}

// model holds the latent profiles drawn once per seed: countries, themes and
// item effects.
type model struct {
	cl        *gapanalysis.Checklist
	countries []country
	themes    map[gapanalysis.ThemeID]theme
	effects   map[gapanalysis.ItemID]float64
}

func newModel(cl *gapanalysis.Checklist, seed uint64) *model {
	m := &model{cl: cl, countries: profiles(cl, seed),
		themes: map[gapanalysis.ThemeID]theme{}, effects: map[gapanalysis.ItemID]float64{}}
	for _, t := range cl.Themes() {
		r := stream(seed, "theme", string(t.ID))
		k := themeKind(t)
		m.themes[t.ID] = theme{kind: k, difficulty: kindDifficulty[k] + themeNoiseSD*r.NormFloat64()}
	}
	for _, it := range cl.Items() {
		m.effects[it.ID] = itemSD * stream(seed, "item", string(it.ID)).NormFloat64()
	}
	return m
}

func (m *model) themeOf(it *gapanalysis.Item) theme { return m.themes[m.cl.ThemeOf(it.ID).ID] }

// setSources gives every response the status cell of the row WriteXLSX writes
// for it in the file named file.
func setSources(rs []gapanalysis.Response, file string) {
	for i := range rs {
		rs[i].Source = gapanalysis.Source{
			File: file, Sheet: SheetName, Cell: fmt.Sprintf("C%d", firstDataRow+i),
		}
	}
}

// profiles draws the latent profile of every Member State and picks the countries
// with a second respondent among those bound by the instrument.
func profiles(cl *gapanalysis.Checklist, seed uint64) []country {
	codes := gapanalysis.EU27()
	out := make([]country, len(codes))
	for i, code := range codes {
		r := stream(seed, "country", string(code))
		out[i] = country{
			code:    code,
			level:   countrySD * r.NormFloat64(),
			missing: 0.01 + 0.05*r.Float64(),
			unknown: 0.01 + 0.04*r.Float64(),
			lawName: []string{"Criminal Code", "Penal Code"}[r.IntN(2)],
			style:   r.IntN(3),
		}
	}
	var bound []int
	for i, c := range out {
		if !slices.Contains(cl.Instrument.NotBound, c.code) {
			bound = append(bound, i)
		}
	}
	r := stream(seed, "second respondents")
	r.Shuffle(len(bound), func(i, j int) { bound[i], bound[j] = bound[j], bound[i] })
	n := min(secondCount, len(bound))
	for k, i := range bound[:n] {
		out[i].second = true
		out[i].third = k >= n-thirdCount
	}
	return out
}

// respondent names the first and second respondent of a country.
func respondent(c gapanalysis.CountryCode, second bool) string {
	if second {
		return "Co-rapporteur " + string(c)
	}
	return "Rapporteur " + string(c)
}

// thirdRespondent names the third respondent of a country.
func thirdRespondent(c gapanalysis.CountryCode) string {
	return "Peer reviewer " + string(c)
}

// answer draws the first respondent's answer on one item and returns it with its
// latent level z (0 for an item that does not bind the country); ok is false
// when the pair is left without a row. It always makes the same number of draws
// before deciding, so the later draws (second respondent) do not depend on the
// branch.
func answer(cl *gapanalysis.Checklist, c country, th theme, it *gapanalysis.Item, effect float64, r *rand.Rand) (resp gapanalysis.Response, z float64, ok bool) {
	u, noise, uEv, uCom, uPick := r.Float64(), r.NormFloat64(), r.Float64(), r.Float64(), r.IntN(1<<20)
	resp = gapanalysis.Response{Country: c.code, Item: it.ID, Respondent: respondent(c.code, false)}
	if !cl.Binds(c.code, it) {
		resp.Status = gapanalysis.StatusNA
		resp.Comment = fmt.Sprintf("%s is not bound by the instrument; answered as not applicable", gapanalysis.CountryName(c.code))
		return resp, 0, true
	}
	na := 0.005
	shift := 0.0
	switch it.Obligation {
	case gapanalysis.Optional:
		na, shift = 0.06, optionalShift
	case gapanalysis.Practice:
		na, shift = 0.03, practiceShift
	}
	z = baseLevel + c.level + th.difficulty + effect + shift + answerSD*noise
	switch {
	case u < c.missing:
		return resp, z, false
	case u < c.missing+c.unknown:
		resp.Status = gapanalysis.StatusUnknown
		if uCom < 0.6 {
			resp.Comment = pick(unknownComments, uPick)
		}
		return resp, z, true
	case u < c.missing+c.unknown+na:
		resp.Status = gapanalysis.StatusNA
		resp.Comment = pick(naComments(it), uPick)
		return resp, z, true
	}
	known(&resp, c, th, it, z, uEv, uCom, uPick)
	return resp, z, true
}

// known fills a known answer drawn at latent level z: the value of a numeric
// item, or the status cut from z, with evidence and comment chosen by the
// uniform draws uEv and uCom and the text pick uPick.
func known(resp *gapanalysis.Response, c country, th theme, it *gapanalysis.Item, z, uEv, uCom float64, uPick int) {
	if it.Type == gapanalysis.NumericItem {
		resp.Value, resp.HasValue = numericValue(it, z), true
		if uEv < 0.7 {
			resp.Evidence = statisticsEvidence(c, uPick)
		}
		return
	}
	resp.Status = statusAt(z)
	evidenceP, commentP := answerTexts[resp.Status][0], answerTexts[resp.Status][1]
	if uEv < evidenceP {
		resp.Evidence = evidence(c, th.kind, it, uPick)
	}
	if uCom < commentP {
		resp.Comment = comment(resp.Status, it, uPick)
	}
}

// statusAt cuts a latent level into full, partial or none.
func statusAt(z float64) gapanalysis.Status {
	switch {
	case z > fullCut:
		return gapanalysis.StatusFull
	case z > partialCut:
		return gapanalysis.StatusPartial
	default:
		return gapanalysis.StatusNone
	}
}

// secondAnswer is a further respondent's (who's) answer on the same item as the
// first: usually the same status, otherwise a neighbouring one; no evidence of
// its own.
func secondAnswer(first gapanalysis.Response, who string, r *rand.Rand) gapanalysis.Response {
	out := gapanalysis.Response{
		Country: first.Country, Item: first.Item, Status: first.Status,
		Value: first.Value, HasValue: first.HasValue, Respondent: who,
	}
	if r.Float64() < secondAgree {
		return out
	}
	up := r.IntN(2) == 0
	switch {
	case first.HasValue:
		f := 0.9
		if up {
			f = 1.1
		}
		out.Value = round1(first.Value * f)
	case first.Status == gapanalysis.StatusFull:
		out.Status = gapanalysis.StatusPartial
	case first.Status == gapanalysis.StatusNone:
		out.Status = gapanalysis.StatusPartial
	case first.Status == gapanalysis.StatusPartial && up:
		out.Status = gapanalysis.StatusFull
	case first.Status == gapanalysis.StatusPartial:
		out.Status = gapanalysis.StatusNone
	default:
		return out // unknown and na stay as they are
	}
	out.Comment = "Assessment differs from the other respondent"
	return out
}

// numericValue turns a latent level into a value of a numeric item: around the
// target (a factor e^(±0.25·z) off it) for target items, around 50 ± 15·z for
// min-max items; lower-is-better items move the other way. Values are rounded to
// one decimal and never negative.
func numericValue(it *gapanalysis.Item, z float64) float64 {
	lz := z - fullCut
	if it.Direction.IsCost() {
		lz = -lz
	}
	if it.Normalize == gapanalysis.Target && it.Target > 0 {
		return round1(it.Target * math.Exp(0.25*lz))
	}
	return round1(max(0, 50+15*lz))
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func pick[T any](xs []T, i int) T { return xs[i%len(xs)] }

// evidence makes up a citation that looks like what rapporteurs write, always
// marked "(synthetic)".
func evidence(c country, k kind, it *gapanalysis.Item, n int) string {
	sec := 100 + n%250
	art := 10 + n%190
	var s string
	switch k {
	case kindOffences:
		switch c.style {
		case 0:
			s = fmt.Sprintf("%s, s. %d", c.lawName, sec)
		case 1:
			s = fmt.Sprintf("%s, art. %d", c.lawName, sec)
		default:
			s = fmt.Sprintf("%s, art. %d(%d)", c.lawName, sec, 1+n%4)
		}
	case kindJurisdiction:
		s = fmt.Sprintf("%s, s. %d (territorial and personal jurisdiction)", c.lawName, 5+n%10)
	case kindInvestigation:
		s = pick([]string{
			fmt.Sprintf("Code of Criminal Procedure, art. %d", art),
			fmt.Sprintf("Code of Criminal Procedure, s. %d; prosecution guidelines 2021", art),
			fmt.Sprintf("Police Act, s. %d", art%60+1),
		}, n/7)
	case kindVictims:
		s = pick([]string{
			fmt.Sprintf("Victims' Rights Act, s. %d", art%80+1),
			fmt.Sprintf("Child Protection Act, s. %d", art%80+1),
			fmt.Sprintf("Code of Criminal Procedure, art. %d (child witnesses)", art),
			fmt.Sprintf("Legal Aid Act, s. %d", art%40+1),
		}, n/7)
	case kindPrevention:
		s = pick([]string{
			"National action plan against child sexual abuse 2024–2028, measure " + fmt.Sprint(1+n%30),
			fmt.Sprintf("Ministerial decree no. %d/2023 on prevention programmes", 10+n%90),
			fmt.Sprintf("Employment of Persons Working with Children Act, s. %d", art%30+1),
			"Framework agreement with the national child helpline, 2022",
		}, n/7)
	case kindOnline:
		s = pick([]string{
			fmt.Sprintf("Electronic Communications Act, s. %d", art%120+1),
			"Memorandum of understanding between the police and the national hotline, 2020",
			fmt.Sprintf("Act on Information Society Services, art. %d", art%60+1),
		}, n/7)
	default:
		s = fmt.Sprintf("Act no. %d/%d, s. %d", 10+n%180, 2012+n%12, 1+n%40)
	}
	if it.Obligation == gapanalysis.Practice && k != kindPrevention {
		s = pick([]string{
			"Government strategy on the rights of the child 2022–2027, chapter " + fmt.Sprint(1+n%8),
			fmt.Sprintf("Circular of the Ministry of Justice no. %d/2021", 1+n%60),
			"Annual report of the national coordinator, 2024",
		}, n/11)
	}
	return s + " (synthetic)"
}

// statisticsEvidence is the source of a numeric answer.
func statisticsEvidence(c country, n int) string {
	return pick([]string{
		"Annual police statistics, 2024 (synthetic)",
		"Ministry of Justice, court statistics 2023 (synthetic)",
		"National hotline annual report, 2024 (synthetic)",
	}, n+int(c.code[0]))
}

var unknownComments = []string{
	"Information requested from the ministry; no reply yet",
	"Rapporteur could not verify the current legal situation",
	"Reform under way; situation unclear",
	"No data available",
}

func naComments(it *gapanalysis.Item) []string {
	if it.Obligation == gapanalysis.Optional {
		return []string{
			"Option not relevant under the national legal system",
			"Matter regulated outside criminal law; option not applicable",
		}
	}
	return []string{
		"Not applicable under the national legal system",
		"Competence of the regions; not assessed at national level",
	}
}

// comment makes up a rapporteur's comment on a known status.
func comment(st gapanalysis.Status, it *gapanalysis.Item, n int) string {
	switch st {
	case gapanalysis.StatusFull:
		return pick([]string{
			"Covered by the general provisions on sexual offences",
			"Amended in 2019 to align with the Directive",
			"Case law confirms this interpretation",
		}, n)
	case gapanalysis.StatusPartial:
		if it.Obligation == gapanalysis.Optional {
			return pick([]string{
				"Option used; the exemption goes wider than the Directive allows",
				"Option used; not all of its conditions are met",
			}, n)
		}
		if it.MinMaxPenalty > 1 && n%3 == 0 {
			return fmt.Sprintf("Maximum penalty %g years, below the %g years required",
				math.Max(1, it.MinMaxPenalty-1-float64(n%2)), it.MinMaxPenalty)
		}
		return pick([]string{
			"Only partly covered by general provisions",
			"Applies only to children below the age of sexual consent",
			"Amendment pending in parliament",
			"In place in practice but without a legal basis",
			"Available in some regions only",
			"Limited by lack of funding",
		}, n)
	default:
		if it.Obligation == gapanalysis.Optional {
			return pick([]string{"Option not used", "Option considered and rejected in 2016"}, n)
		}
		return pick([]string{
			"No specific provision",
			"Draft bill under discussion",
			"Not covered by national law",
			"Planned in the next national strategy",
		}, n)
	}
}
