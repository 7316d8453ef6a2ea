package live

import (
	"context"
	"encoding/json"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// dispatchRoom carries out the room's admission, settings and reaction
// messages; anything else is unknown.
func (a *Adapter) dispatchRoom(ctx context.Context, who igfplus.Identity, id int64, msg hub.Inbound) error {
	switch msg.Type {
	case "reaction.send":
		var m struct {
			Kind sessions.ReactionKind `json:"kind"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil {
			return igfplus.Errorf(igfplus.EInvalid, "reaction.send needs a kind.")
		}
		if err := a.svc.MayReact(ctx, who, id, m.Kind); err != nil {
			return err
		}
		return a.reactions.Add(id, who.AccountID, m.Kind)
	case "admission.admit":
		var m struct {
			AccountID int64 `json:"account_id"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil || m.AccountID <= 0 {
			return igfplus.Errorf(igfplus.EInvalid, "admission.admit needs an account_id.")
		}
		return a.svc.Admit(ctx, who, id, m.AccountID)
	case "session.settings":
		var m sessions.SettingsChange
		if err := json.Unmarshal(msg.Raw, &m); err != nil {
			return igfplus.Errorf(igfplus.EInvalid, "session.settings takes the settings to change.")
		}
		_, err := a.svc.ChangeSettings(ctx, who, id, m)
		return err
	}
	return igfplus.Errorf(igfplus.EInvalid, "Unknown message type %q.", truncate(msg.Type, 40))
}
