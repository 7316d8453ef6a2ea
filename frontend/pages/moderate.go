package pages

import (
	"maps"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
)

// balanceView is the moderator's live balance of attendance, translated.
type balanceView struct {
	Total  string
	Blocks []balanceBlock
}

// balanceBlock is one breakdown: by stakeholder group, region or gender.
type balanceBlock struct {
	// Key names the block for the client (moderate.ts), which refreshes it.
	Key    string
	Title  string
	Counts []presenceCount
}

// moderate: GET /sessions/:id/moderate — the moderator's page: move the
// session along, start agenda items, run the speaking queue, pin, answer
// and merge questions, remove messages and restrict people, and see the
// balance of attendance, admit people from the waiting room and set the
// room's rules. Only the session's moderators may (MayModerate, the
// service's own check, so that the page and the API agree on who may).
func (p *Pages) moderate(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	return p.renderModerate(c, id, http.StatusOK, nil)
}

// renderModerate renders the moderator's page of session id; poll is the
// new-poll or new-election form as posted, when it came back with problems.
func (p *Pages) renderModerate(c echo.Context, id int64, status int, poll *pollForm) error {
	here := moderatePath(id)
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, here)
	}
	ctx := c.Request().Context()
	if err := p.deps.Sessions.MayModerate(ctx, who, id); err != nil {
		return err // EForbidden: the translated 403 page, with the reason
	}
	bal, err := p.deps.Sessions.Attendance(ctx, who, id)
	if err != nil {
		return err
	}
	v, data, err := p.liveData(c, id, here, true)
	if err != nil || v == nil {
		return err
	}
	for _, to := range []sessions.State{sessions.Live, sessions.Ended, sessions.Reported} {
		if data.Session.State.CanMoveTo(to) {
			data.Moves = append(data.Moves, to)
		}
	}
	if data.Balance, err = balanceOf(v, bal); err != nil {
		return err
	}
	data.Settings = &data.Session.Settings
	waiting, err := p.deps.Sessions.WaitingList(ctx, who, id)
	if err != nil {
		return err
	}
	if data.Waiting, err = waitersOf(v, waiting); err != nil {
		return err
	}
	if data.Reports, err = p.deps.Sessions.ChatReports(ctx, who, id); err != nil {
		return err
	}
	if data.modConsole, err = p.console(ctx, v, who, id, data.Session.State); err != nil {
		return err
	}
	switch {
	case poll == nil || data.Polls == nil:
	case poll.Election:
		data.Polls.Election = poll
	default:
		data.Polls.Form = poll
	}
	return p.render(c, status, "moderate", v)
}

// balanceOf translates the balance statistics. Genders are self-described
// words, shown as written unless the catalogue knows the word (genderName).
func balanceOf(v *view, b sessions.Balance) (*balanceView, error) {
	total, err := v.N("client.mod.balance_total", b.Total)
	if err != nil {
		return nil, err
	}
	out := &balanceView{Total: total}
	blocks := []struct {
		key, title, prefix string
		counts             map[string]string
	}{
		{"group", "room.presence.by_group", "group", b.ByGroup},
		{"region", "room.presence.by_region", "region", b.ByRegion},
		{"gender", "moderate.by_gender", "", b.ByGender},
	}
	for _, bl := range blocks {
		block := balanceBlock{Key: bl.key}
		if block.Title, err = v.T(bl.title); err != nil {
			return nil, err
		}
		if bl.prefix != "" {
			if block.Counts, err = presenceCounts(v, bl.prefix, bl.counts); err != nil {
				return nil, err
			}
		} else if block.Counts, err = genderCounts(v, bl.counts); err != nil {
			return nil, err
		}
		out.Blocks = append(out.Blocks, block)
	}
	return out, nil
}

// genderCounts lists the self-described genders, small groups in words.
func genderCounts(v *view, counts map[string]string) ([]presenceCount, error) {
	var out []presenceCount
	for _, g := range slices.Sorted(maps.Keys(counts)) {
		count := counts[g]
		name, err := genderName(v, g)
		if err != nil {
			return nil, err
		}
		if hidden(count) {
			if count, err = v.T("presence.few"); err != nil {
				return nil, err
			}
		}
		out = append(out, presenceCount{Name: name, Count: count})
	}
	return out, nil
}

// waiterView is someone in the waiting room, group and region translated.
type waiterView struct {
	sessions.Waiter
	Group, Region string
}

func waitersOf(v *view, ws []sessions.Waiter) ([]waiterView, error) {
	out := make([]waiterView, 0, len(ws))
	for _, w := range ws {
		g, err := v.TK("group", w.StakeholderGroup)
		if err != nil {
			return nil, err
		}
		r, err := v.TK("region", w.Region)
		if err != nil {
			return nil, err
		}
		out = append(out, waiterView{Waiter: w, Group: g, Region: r})
	}
	return out, nil
}
