package pages

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Countries are shown by their names in the reader's language, from CLDR
// (golang.org/x/text/language/display), never as codes: "Kenya", "Kenia",
// "肯尼亚" for KE. The platform stores ISO 3166-1 alpha-2 codes.

// notCountries are the regions CLDR names that are not ISO 3166-1
// countries or territories: groupings and exceptionally reserved codes.
var notCountries = []string{"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "TA", "UN"}

// countryCodes lists the ISO 3166-1 alpha-2 codes a person may give, from
// CLDR's regions: current (not deprecated), not private use, named.
var countryCodes = sync.OnceValue(func() []string {
	en := display.Regions(language.English)
	var codes []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.IsPrivateUse() || r.Canonicalize() != r ||
				en.Name(r) == "" || slices.Contains(notCountries, code) {
				continue
			}
			codes = append(codes, code)
		}
	}
	return codes
})

// isCountry reports whether code (upper case) is one of countryCodes.
func isCountry(code string) bool {
	_, found := slices.BinarySearch(countryCodes(), code)
	return found
}

// countryName names country code in lang, or gives the code back when
// CLDR has no name for it.
func countryName(lang, code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.Regions(language.Make(lang)); n != nil {
		if name := n.Name(r); name != "" {
			return name
		}
	}
	return code
}

// countryOptions lists every country for a select, named in lang and in
// the order lang sorts names, with chosen marked.
func countryOptions(lang, chosen string) []option {
	out := make([]option, 0, len(countryCodes()))
	for _, code := range countryCodes() {
		out = append(out, option{Value: code, Label: countryName(lang, code), Selected: code == chosen})
	}
	c := collate.New(language.Make(lang))
	slices.SortFunc(out, func(a, b option) int { return c.CompareString(a.Label, b.Label) })
	return out
}
