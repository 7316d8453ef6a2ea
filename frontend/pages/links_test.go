package pages

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestLinksSplitsOnlyHTTPURLs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []textPart
	}{
		{"no link", []textPart{{Text: "no link"}}},
		{"see https://example.org/a?b=1.", []textPart{{Text: "see "}, {Text: "https://example.org/a?b=1", Href: "https://example.org/a?b=1"}, {Text: "."}}},
		{"(http://x.org)", []textPart{{Text: "("}, {Text: "http://x.org", Href: "http://x.org"}, {Text: ")"}}},
		{"javascript:alert(1)", []textPart{{Text: "javascript:alert(1)"}}},
		{`http://x.org/"onmouseover="alert(1)`, []textPart{{Text: "http://x.org/", Href: "http://x.org/"}, {Text: `"onmouseover="alert(1)`}}},
		{"http:// nothing", []textPart{{Text: "http:// nothing"}}},
		{"", nil},
	} {
		if got := Links(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Links(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// The chat body template keeps script injection inert: only http(s)
// anchors with rel="nofollow noopener ugc" come out, everything else is
// escaped text.
func TestChatBodyRendersInjectionAsText(t *testing.T) {
	body := `<script>alert(1)</script> javascript:alert(2) <img src=x onerror=alert(3)> http://ok.example/"onmouseover="alert(4) https://fine.example/p?q=1&r=2`
	var buf bytes.Buffer
	room, err := parsePage("room")
	if err != nil {
		t.Fatal(err)
	}
	if err := room.ExecuteTemplate(&buf, "linked", Links(body)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "<img", `href="javascript`, `onmouseover="`, "target="} {
		if strings.Contains(out, bad) {
			t.Errorf("rendered %q contains %q", out, bad)
		}
	}
	for _, good := range []string{
		`<a href="http://ok.example/" rel="nofollow noopener ugc">http://ok.example/</a>`,
		`<a href="https://fine.example/p?q=1&amp;r=2" rel="nofollow noopener ugc">https://fine.example/p?q=1&amp;r=2</a>`,
		"&lt;script&gt;",
	} {
		if !strings.Contains(out, good) {
			t.Errorf("rendered %q lacks %q", out, good)
		}
	}
}
