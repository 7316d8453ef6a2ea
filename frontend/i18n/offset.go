package i18n

import (
	"fmt"
	"time"
)

// UTCOffset names the offset of t's zone from UTC: "UTC", "UTC+3",
// "UTC-4:30", the same in every language.
func UTCOffset(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, off%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}
