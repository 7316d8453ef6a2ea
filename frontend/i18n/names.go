package i18n

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// NameIn names the language tag in the language reader, from CLDR: what a
// sentence such as "shown in its original language (English)" needs,
// where the language menu names each language in itself instead.
func NameIn(reader, tag string) string {
	if n := display.Tags(language.Make(reader)).Name(language.Make(tag)); n != "" {
		return n
	}
	return tag
}
