package sessions

import "testing"

func TestStreamLinksMustBeHTTPS(t *testing.T) {
	for raw, want := range map[string]string{
		"https://www.youtube.com/watch?v=abc":               "",
		"http://www.youtube.com/watch?v=abc":                "https",
		"ftp://example.org/live":                            "https",
		"javascript:alert(1)":                               "url",
		"https://":                                          "url",
		"https://user:pw@example.org/live":                  "url",
		"not a link":                                        "url",
		"https://example.org/" + string(make([]byte, 2000)): "long",
	} {
		if got := StreamURLProblem(raw); got != want {
			t.Errorf("StreamURLProblem(%.40q) = %q, want %q", raw, got, want)
		}
	}
}

func TestPlayerOfTurnsKnownHostsIntoTheirEmbedForm(t *testing.T) {
	public := func(u string) Stream { return Stream{Kind: PublicStream, URL: u} }
	for _, tt := range []struct {
		s         Stream
		kind, src string
	}{
		{public("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), "iframe", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"},
		{public("https://youtu.be/dQw4w9WgXcQ"), "iframe", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"},
		{public("https://www.youtube.com/live/dQw4w9WgXcQ?si=x"), "iframe", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"},
		{public("https://vimeo.com/76979871"), "iframe", "https://player.vimeo.com/video/76979871"},
		{public("https://peertube.example.org/w/kq3TzRf5Xy"), "iframe", "https://peertube.example.org/videos/embed/kq3TzRf5Xy"},
		{public("https://tube.example.org:8443/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d"), "iframe", "https://tube.example.org:8443/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d"},
		{Stream{Kind: Interpretation, Language: "fr", URL: "https://cdn.example.org/igf/fr.m3u8"}, "video", "https://cdn.example.org/igf/fr.m3u8"},
		{public("https://cdn.example.org/igf/floor.MP4"), "video", "https://cdn.example.org/igf/floor.MP4"},
		{public("https://www.youtube.com/watch?v=<script>"), "", ""},
		{public("https://meet.example.org/room/igf"), "", ""},
		{Stream{Kind: SpeakersLink, URL: "https://peertube.example.org/w/kq3TzRf5Xy"}, "", ""},
		{public("http://peertube.example.org/w/kq3TzRf5Xy"), "", ""},
	} {
		p := PlayerOf(tt.s)
		if p.Kind != tt.kind || p.Src != tt.src {
			t.Errorf("PlayerOf(%s %s) = %+v, want %s %s", tt.s.Kind, tt.s.URL, p, tt.kind, tt.src)
		}
	}
}

func TestCheckStreamsOneOfEachKindAndLanguage(t *testing.T) {
	ok := []Stream{{Kind: SpeakersLink, URL: "https://meet.example.org/a"}, {Kind: PublicStream, URL: "https://youtu.be/x"},
		{Kind: Interpretation, Language: "fr", URL: "https://a.example.org/fr"}, {Kind: Interpretation, Language: "pt-BR", URL: "https://a.example.org/pt"}}
	if err := CheckStreams(ok); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]Stream{
		"two public streams":       {{Kind: PublicStream, URL: "https://a.example.org/1"}, {Kind: PublicStream, URL: "https://a.example.org/2"}},
		"one language twice":       {{Kind: Interpretation, Language: "fr", URL: "https://a.example.org/1"}, {Kind: Interpretation, Language: "fr", URL: "https://a.example.org/2"}},
		"interpretation, no tag":   {{Kind: Interpretation, URL: "https://a.example.org/1"}},
		"a language on the public": {{Kind: PublicStream, Language: "fr", URL: "https://a.example.org/1"}},
		"an unknown kind":          {{Kind: "backstage", URL: "https://a.example.org/1"}},
		"http":                     {{Kind: PublicStream, URL: "http://a.example.org/1"}},
	} {
		if err := CheckStreams(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCheckHubNamesTheFieldItRefuses(t *testing.T) {
	good := Hub{Name: " Nairobi hub ", City: "Nairobi", Country: "ke", Expected: 40}
	h, field, err := CheckHub(good)
	if err != nil || h.Name != "Nairobi hub" || h.Country != "KE" {
		t.Fatalf("CheckHub(%+v) = %+v, %q, %v", good, h, field, err)
	}
	for want, h := range map[HubField]Hub{
		"name":     {City: "Nairobi", Country: "KE", Expected: 1},
		"city":     {Name: "Hub", Country: "KE", Expected: 1},
		"country":  {Name: "Hub", City: "Nairobi", Country: "Kenya", Expected: 1},
		"expected": {Name: "Hub", City: "Nairobi", Country: "KE"},
	} {
		if _, field, err := CheckHub(h); err == nil || field != want {
			t.Errorf("CheckHub(%+v): field %q, %v; want %q", h, field, err, want)
		}
	}
}
