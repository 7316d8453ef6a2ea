package i18n

import "testing"

// TestEveryErrorMessageIsTranslated walks the source: every message an
// error can show is in the error catalogue of every language, with the
// same verbs, and no error's format is built at run time.
func TestEveryErrorMessageIsTranslated(t *testing.T) {
	c := MustNew()
	found, unresolved := sourceMessages(t)
	if len(found) < 100 {
		t.Fatalf("the walk found only %d messages: is the walker broken?", len(found))
	}
	for _, at := range unresolved {
		t.Errorf("%s: an error's message is not a constant, so it cannot be translated", at)
	}
	missing := 0
	for _, msg := range sortedKeys(found) {
		for _, l := range c.Languages()[1:] {
			text, ok := c.Localizer(l.Tag).ErrorText(msg)
			switch {
			case !ok:
				missing++
				t.Errorf("%s: %q has no %s translation (errors/%s.json)", found[msg], msg, l.Tag, l.Tag)
			case verbsOf(text) != verbsOf(msg):
				t.Errorf("%s: %q in %s has verbs %s, not %s", found[msg], msg, l.Tag, verbsOf(text), verbsOf(msg))
			}
		}
	}
	if missing > 0 {
		t.Logf("%d translations missing", missing)
	}
}

// TestErrorCatalogueHasNoStaleEntries fails on a catalogue entry that no
// code shows any more.
func TestErrorCatalogueHasNoStaleEntries(t *testing.T) {
	c := MustNew()
	found, _ := sourceMessages(t)
	for _, msg := range c.ErrorFormats() {
		if _, ok := found[msg]; !ok {
			t.Errorf("errors catalogue: %q is used by no code", msg)
		}
	}
}
