package igfplus

import "slices"

// Languages are the six official languages of the United Nations, in
// which the platform speaks and its content is written and translated.
var Languages = []string{"ar", "zh", "en", "fr", "ru", "es"}

// IsLanguage reports whether tag is one of Languages.
func IsLanguage(tag string) bool { return slices.Contains(Languages, tag) }
