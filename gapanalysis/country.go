package gapanalysis

import "sort"

// Country is a country the study can assess.
type Country struct {
	Code   CountryCode // EU code (EL for Greece, UK for the United Kingdom)
	Alpha3 string      // ISO 3166-1 alpha-3
	Name   string      // English short name
	EU     bool        // a Member State of the EU
}

// countries lists the EU-27 and the other European countries the study may cover,
// EU Member States first, each group in code order.
var countries = []Country{
	{"AT", "AUT", "Austria", true}, {"BE", "BEL", "Belgium", true},
	{"BG", "BGR", "Bulgaria", true}, {"CY", "CYP", "Cyprus", true},
	{"CZ", "CZE", "Czechia", true}, {"DE", "DEU", "Germany", true},
	{"DK", "DNK", "Denmark", true}, {"EE", "EST", "Estonia", true},
	{"EL", "GRC", "Greece", true}, {"ES", "ESP", "Spain", true},
	{"FI", "FIN", "Finland", true}, {"FR", "FRA", "France", true},
	{"HR", "HRV", "Croatia", true}, {"HU", "HUN", "Hungary", true},
	{"IE", "IRL", "Ireland", true}, {"IT", "ITA", "Italy", true},
	{"LT", "LTU", "Lithuania", true}, {"LU", "LUX", "Luxembourg", true},
	{"LV", "LVA", "Latvia", true}, {"MT", "MLT", "Malta", true},
	{"NL", "NLD", "Netherlands", true}, {"PL", "POL", "Poland", true},
	{"PT", "PRT", "Portugal", true}, {"RO", "ROU", "Romania", true},
	{"SE", "SWE", "Sweden", true}, {"SI", "SVN", "Slovenia", true},
	{"SK", "SVK", "Slovakia", true},
	{"CH", "CHE", "Switzerland", false}, {"IS", "ISL", "Iceland", false},
	{"LI", "LIE", "Liechtenstein", false}, {"NO", "NOR", "Norway", false},
	{"UK", "GBR", "United Kingdom", false},
}

var countryByCode = func() map[CountryCode]Country {
	m := make(map[CountryCode]Country, len(countries))
	for _, c := range countries {
		m[c.Code] = c
	}
	return m
}()

// Countries returns every known country, EU Member States first.
func Countries() []Country { return append([]Country(nil), countries...) }

// EU27 returns the codes of the 27 EU Member States in code order.
func EU27() []CountryCode {
	var out []CountryCode
	for _, c := range countries {
		if c.EU {
			out = append(out, c.Code)
		}
	}
	return out
}

// CountryByCode returns the country with the given EU code.
func CountryByCode(code CountryCode) (Country, bool) {
	c, ok := countryByCode[code]
	return c, ok
}

// CountryName returns the English name of a country, or the code itself when unknown.
func CountryName(code CountryCode) string {
	if c, ok := countryByCode[code]; ok {
		return c.Name
	}
	return string(code)
}

func sortCodes(cs []CountryCode) {
	sort.Slice(cs, func(i, j int) bool { return cs[i] < cs[j] })
}

// countryNames holds, per country, the names LookupCountry accepts besides the
// English short name: native names in every official language, official long
// names and common English variants. Matching folds case, accents and
// punctuation (see LookupCountry), so each form is listed once.
var countryNames = map[CountryCode][]string{
	"AT": {"Österreich", "Republic of Austria", "Republik Österreich"},
	"BE": {"België", "Belgique", "Belgien", "Kingdom of Belgium"},
	"BG": {"България", "Bulgariya", "Republic of Bulgaria"},
	"CY": {"Κύπρος", "Kypros", "Kıbrıs", "Republic of Cyprus"},
	"CZ": {"Czech Republic", "Česko", "Česká republika", "Czech Rep"},
	"DE": {"Deutschland", "Federal Republic of Germany", "Bundesrepublik Deutschland"},
	"DK": {"Danmark", "Kingdom of Denmark"},
	"EE": {"Eesti", "Republic of Estonia", "Eesti Vabariik"},
	"EL": {"Ελλάδα", "Ελλάς", "Hellas", "Ellada", "Hellenic Republic"},
	"ES": {"España", "Kingdom of Spain", "Reino de España", "Espanya", "Espainia"},
	"FI": {"Suomi", "Republic of Finland", "Suomen tasavalta"},
	"FR": {"French Republic", "République française"},
	"HR": {"Hrvatska", "Republic of Croatia", "Republika Hrvatska"},
	"HU": {"Magyarország"},
	"IE": {"Éire", "Republic of Ireland", "Poblacht na hÉireann"},
	"IT": {"Italia", "Italian Republic", "Repubblica Italiana"},
	"LT": {"Lietuva", "Republic of Lithuania", "Lietuvos Respublika"},
	"LU": {"Lëtzebuerg", "Luxemburg", "Grand Duchy of Luxembourg", "Grand-Duché de Luxembourg"},
	"LV": {"Latvija", "Republic of Latvia", "Latvijas Republika"},
	"MT": {"Repubblika ta' Malta", "Republic of Malta"},
	"NL": {"Nederland", "Holland", "Kingdom of the Netherlands", "Koninkrijk der Nederlanden"},
	"PL": {"Polska", "Republic of Poland", "Rzeczpospolita Polska"},
	"PT": {"Portuguese Republic", "República Portuguesa"},
	"RO": {"România", "Roumania", "Rumania"},
	"SE": {"Sverige", "Kingdom of Sweden", "Konungariket Sverige"},
	"SI": {"Slovenija", "Republic of Slovenia", "Republika Slovenija"},
	"SK": {"Slovensko", "Slovak Republic", "Slovenská republika"},
	"CH": {"Schweiz", "Suisse", "Svizzera", "Svizra", "Swiss Confederation", "Confoederatio Helvetica", "Helvetia"},
	"IS": {"Ísland", "Republic of Iceland"},
	"LI": {"Principality of Liechtenstein", "Fürstentum Liechtenstein"},
	"NO": {"Norge", "Noreg", "Kingdom of Norway"},
	"UK": {"Great Britain", "Britain", "United Kingdom of Great Britain and Northern Ireland", "U.K."},
}

// countryCodes holds the codes LookupCountry accepts besides a country's EU code
// and ISO alpha-3 code: the ISO alpha-2 code where it differs from the EU's.
var countryCodes = map[CountryCode][]string{
	"EL": {"GR"},
	"UK": {"GB"},
}
