package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// The registration form's country is chosen by its name in the reader's
// language (CLDR), typed into the select as a person does, and stored as
// its code.
func TestBrowserACountryIsChosenByNameOnRegistering(t *testing.T) {
	chromiumtest.Path(t)
	c := newCluster(t)
	n := startNode(t, c, "--demo", "never")
	b := chromiumtest.New(t)
	open(t, b, n.URL+"/register?lang=fr")
	step(t, b, 10*time.Second, "type the start of a country's French name into the select",
		chromedp.WaitVisible(chromedp.ID("country")),
		chromedp.Focus(chromedp.ID("country")),
		chromedp.KeyEvent("Algé"))
	if got := eval[string](t, b, 5*time.Second, `document.getElementById("country").value + " " + document.getElementById("country").selectedOptions[0].textContent`); got != "DZ Algérie" {
		t.Fatalf("the country chosen by typing: %q, want DZ Algérie", got)
	}
	registerOnPage(t, b, "samira@example.org", "a long enough passphrase", "Samira")
	var country string
	if err := openDB(t, c).Pool.QueryRow(context.Background(), `SELECT country FROM accounts WHERE email = 'samira@example.org'`).Scan(&country); err != nil {
		t.Fatal(err)
	}
	if country != "DZ" {
		t.Errorf("stored country %q, want DZ", country)
	}
}
