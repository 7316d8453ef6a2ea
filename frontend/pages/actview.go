package pages

import "fmt"

// actView is one action form of a live page (template "act"): a button that
// posts the action to /sessions/:id/act, or that the client sends over the
// WebSocket as the message Type with Fields.
type actView struct {
	Path, Back, Type, Label string
	Fields                  []actField
	// Pressed is "true" or "false" for a toggle button (aria-pressed), or
	// empty for a plain one.
	Pressed string
	// Hidden renders the form hidden, for the client to show when the
	// room changes (a draft poll's "Close", shown once it opens).
	Hidden bool
	// DescribedBy is the id of what the button acts on, when many alike
	// stand in a list ("Support" on every question): aria-describedby.
	DescribedBy string
}

type actField struct{ Name, Value string }

// actTarget is where a page's action forms post, and the page to come back
// to ("moderate" for the moderator's page, else the room).
type actTarget struct{ path, back string }

// Act builds an action form: label is the button's catalogue key, typ the
// message type, kv the message's fields in pairs. Three names are not
// sent: "pressed" makes the button a toggle in that state, "hidden" (true)
// hides the form, "describedby" names the element the button is about.
func (v *view) Act(label, typ string, kv ...any) (actView, error) {
	text, err := v.T(label)
	if err != nil {
		return actView{}, err
	}
	a := actView{Path: v.act.path, Back: v.act.back, Type: typ, Label: text}
	if len(kv)%2 != 0 {
		return a, fmt.Errorf("pages: Act %s: odd number of field arguments", typ)
	}
	for i := 0; i < len(kv); i += 2 {
		name, val := fmt.Sprint(kv[i]), fmt.Sprint(kv[i+1])
		switch name {
		case "pressed":
			a.Pressed = val
			continue
		case "hidden":
			a.Hidden = val == "true"
			continue
		case "describedby":
			a.DescribedBy = val
			continue
		}
		a.Fields = append(a.Fields, actField{Name: name, Value: val})
	}
	return a, nil
}

// personView gives a template both the view and the id it acts on (a
// question's hide form, "qa-hide").
type personView struct {
	V  *view
	ID int64
}

// Person is the argument of the template "qa-hide".
func (v *view) Person(accountID int64) personView { return personView{V: v, ID: accountID} }

// menuView is a person's actions menu on the moderator's page (template
// "mod-menu"): Name labels it for screen readers, ID is the person's
// account, Message the chat message it may remove (0: none).
type menuView struct {
	V       *view
	Name    string
	ID      int64
	Message int64
}

// Menu is the argument of the template "mod-menu".
func (v *view) Menu(name string, accountID, messageID int64) menuView {
	return menuView{V: v, Name: name, ID: accountID, Message: messageID}
}
