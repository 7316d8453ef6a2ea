package i18n

import (
	"testing"
	"time"
)

func TestUTCOffsetNamesTheZonesDistance(t *testing.T) {
	at := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	for zone, want := range map[string]string{"UTC": "UTC", "Africa/Nairobi": "UTC+3", "Asia/Kolkata": "UTC+5:30", "America/St_Johns": "UTC-3:30", "America/Bogota": "UTC-5"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := UTCOffset(at.In(loc)); got != want {
			t.Errorf("%s: %q, want %q", zone, got, want)
		}
	}
}
