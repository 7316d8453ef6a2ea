package sessions

import (
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestACaptionersLineGoesToTheChannelThatTakesThem(t *testing.T) {
	const layla, jp, kofi = 1, 2, 3
	channels := []CaptionChannel{
		{ID: 10, Language: "en", Captioners: []ChannelCaptioner{{AccountID: layla}}},
		{ID: 11, Language: "fr", Captioners: []ChannelCaptioner{{AccountID: jp}}},
		{ID: 12, Language: "es"}, // any captioner
	}
	for _, tt := range []struct {
		name             string
		channels         []CaptionChannel
		captioner, asked int64
		want             int64
		code             igfplus.Code
	}{
		{"asked, their own", channels, jp, 11, 11, ""},
		{"asked, open to all", channels, kofi, 12, 12, ""},
		{"asked, another's own", channels, layla, 11, 0, igfplus.EForbidden},
		{"asked, not the session's", channels, layla, 99, 0, igfplus.ENotFound},
		{"none asked: their own", channels, jp, 0, 11, ""},
		{"none asked, none their own: the first open to them", channels, kofi, 0, 12, ""},
		{"none asked, every channel another's", channels[:2], kofi, 0, 0, igfplus.EForbidden},
		{"no channel yet: the default", nil, kofi, 0, 0, ""},
	} {
		got, err := channelFor(tt.channels, tt.captioner, tt.asked)
		if got != tt.want || igfplus.ErrorCode(err) != tt.code {
			t.Errorf("%s: %d, %v; want %d, %q", tt.name, got, err, tt.want, tt.code)
		}
	}
}

func TestTheReadersChannelIsTheChosenThenThePagesLanguageThenTheFirst(t *testing.T) {
	channels := []CaptionChannel{{ID: 10, Language: "en"}, {ID: 11, Language: "fr"}, {ID: 12, Language: "ar"}}
	for _, tt := range []struct {
		wanted, page string
		want         int64
	}{
		{"ar", "fr", 12},
		{"", "fr", 11},
		{"ru", "fr", 11},
		{"ru", "zh", 10},
		{"", "", 10},
	} {
		if got := ReaderChannel(channels, tt.wanted, tt.page); got.ID != tt.want {
			t.Errorf("chosen %q, page %q: channel %d, want %d", tt.wanted, tt.page, got.ID, tt.want)
		}
	}
	if got := ReaderChannel(nil, "fr", "fr"); got.ID != 0 {
		t.Errorf("no channel: %+v", got)
	}
}
