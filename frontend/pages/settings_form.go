package pages

import (
	"net/url"
	"strconv"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// lastValue is the last value posted for name: a checkbox follows a hidden
// "false" of the same name, so that unticking it is sent too (and the
// client's FormData keeps the last value likewise).
func lastValue(f actForm, name string) (string, bool) {
	if m, ok := f.(interface{ FormParams() (url.Values, error) }); ok {
		if all, err := m.FormParams(); err == nil {
			if vs := all[name]; len(vs) > 0 {
				return vs[len(vs)-1], true
			}
			return "", false
		}
	}
	v := f.FormValue(name)
	return v, v != ""
}

// settingsChange reads the settings form: fields left out stay as they are.
func settingsChange(f actForm) (sessions.SettingsChange, error) {
	var c sessions.SettingsChange
	for name, dst := range map[string]**bool{
		"requires_registration": &c.RequiresRegistration, "waiting_room": &c.WaitingRoom, "balanced_queue": &c.BalancedQueue,
	} {
		if v, ok := lastValue(f, name); ok {
			b := v == "true"
			*dst = &b
		}
	}
	for name, dst := range map[string]**int{
		"speaking_limit_s": &c.SpeakingLimitS, "warn_at_s": &c.WarnAtS, "slow_mode_s": &c.SlowModeS,
	} {
		if v, ok := lastValue(f, name); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				return c, igfplus.Errorf(igfplus.EInvalid, "%s is a whole number of seconds.", name)
			}
			*dst = &n
		}
	}
	return c, nil
}
