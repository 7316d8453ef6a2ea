package pages

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/voting"
)

// The recommendation page's forms. Each posts, then goes back to the page
// at what it changed (POST-redirect-GET); a refused one renders the page
// again with its status, what was typed, and the reason beside the control
// and in an alert at the top.

// recForm runs a form of recommendation :id for who is signed in (anyone
// else signs in and comes back to the page). do returns where to go on
// the page after success ("#…", or another page's path), or the refusal.
func (p *Pages) recForm(c echo.Context, do func(who igfplus.Identity, id int64, v *view) (string, *recPosted, error)) error {
	return p.signedIn(c, "recommendation", recommendationPath, func(who igfplus.Identity, id int64) error {
		v := p.view(c, recommendationPath(id))
		to, refused, err := do(who, id, v)
		if refused == nil {
			if err != nil {
				return err
			}
			if strings.HasPrefix(to, "#") {
				to = recommendationPath(id) + to
			}
			return seeOther(c, to)
		}
		status := http.StatusUnprocessableEntity
		if err != nil {
			msg, detail, ok, terr := refusal(v, err)
			if !ok {
				return err
			}
			if terr != nil {
				return terr
			}
			refused.Message, refused.Detail, status = msg, detail, statusOf(igfplus.ErrorCode(err))
		}
		return p.renderRecommendation(c, id, status, refused)
	})
}

// formInt reads a whole number field; anything else is zero.
func formInt(c echo.Context, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(c.FormValue(name)), 10, 64)
	return n
}

// pageCheck is a refusal the page makes itself, in the reader's language.
func pageCheck(v *view, r *recPosted, key string, kv ...any) (*recPosted, error) {
	var err error
	r.Message, err = v.T(key, kv...)
	return r, err
}

// paragraphCheck refuses paragraph n of the version the form was written
// on (its "version"; the current one when none), which has count
// paragraphs (an amendment may add count+1): a comment on a paragraph that
// a later version dropped still stands on the version it was written on.
func (p *Pages) paragraphCheck(c echo.Context, v *view, id int64, r *recPosted, n int, amendment bool) (*recPosted, error) {
	cur, err := p.deps.Drafting.Version(c.Request().Context(), id, int(formInt(c, "version")))
	if err != nil {
		return nil, err
	}
	count := len(cur.Paragraphs())
	last := count
	if amendment {
		last++
	}
	if n >= 1 && n <= last {
		return nil, nil
	}
	return pageCheck(v, r, "recommendation.error.no_paragraph", "Paragraph", n, "Count", count)
}

// postComment: POST /recommendations/:id/comments {version, paragraph,
// body} or {reply_to, body} — a comment on a paragraph, or a reply.
func (p *Pages) postComment(c echo.Context) error {
	return p.recForm(c, func(who igfplus.Identity, id int64, v *view) (string, *recPosted, error) {
		ctx := c.Request().Context()
		body := c.FormValue("body")
		if replyTo := formInt(c, "reply_to"); replyTo != 0 {
			r := &recPosted{Form: "reply", Target: replyTo, Body: body}
			if strings.TrimSpace(body) == "" {
				rp, err := pageCheck(v, r, "recommendation.error.empty_comment")
				return "", rp, err
			}
			cm, err := p.deps.Drafting.Reply(ctx, who, id, replyTo, body)
			if err != nil {
				return "", r, err
			}
			return "#comment-" + strconv.FormatInt(cm.ID, 10), nil, nil
		}
		n := formInt(c, "paragraph")
		r := &recPosted{Form: "comment", Target: n, Body: body}
		if strings.TrimSpace(body) == "" {
			rp, err := pageCheck(v, r, "recommendation.error.empty_comment")
			return "", rp, err
		}
		if rp, err := p.paragraphCheck(c, v, id, r, int(n), false); rp != nil || err != nil {
			return "", rp, err
		}
		cm, err := p.deps.Drafting.Comment(ctx, who, id, int(formInt(c, "version")), int(n), body)
		if err != nil {
			return "", r, err
		}
		return "#comment-" + strconv.FormatInt(cm.ID, 10), nil, nil
	})
}

// postAmendment: POST /recommendations/:id/amendments {version, paragraph,
// text, rationale} — new text proposed for a paragraph (one past the last
// adds a paragraph).
func (p *Pages) postAmendment(c echo.Context) error {
	return p.recForm(c, func(who igfplus.Identity, id int64, v *view) (string, *recPosted, error) {
		n := formInt(c, "paragraph")
		r := &recPosted{Form: "amend", Target: n, Text: c.FormValue("text"), Rationale: c.FormValue("rationale")}
		if len(recommendations.Paragraphs(r.Text)) == 0 {
			rp, err := pageCheck(v, r, "recommendation.error.empty_amendment")
			return "", rp, err
		}
		if rp, err := p.paragraphCheck(c, v, id, r, int(n), true); rp != nil || err != nil {
			return "", rp, err
		}
		a, err := p.deps.Drafting.ProposeAmendment(c.Request().Context(), who, id, recommendations.Proposal{
			Version: int(formInt(c, "version")), Paragraph: int(n), Text: r.Text, Rationale: r.Rationale})
		if err != nil {
			return "", r, err
		}
		return amendmentAnchor(a.ID), nil, nil
	})
}

func amendmentAnchor(id int64) string { return "#amendment-" + strconv.FormatInt(id, 10) }

// amendmentForm runs a form about amendment :amendment of recommendation
// :id (an unknown one is a 404); do returns where to go, "" for the
// amendment on the page.
func (p *Pages) amendmentForm(c echo.Context, do func(who igfplus.Identity, id, amendment int64) (string, error)) error {
	return p.recForm(c, func(who igfplus.Identity, id int64, v *view) (string, *recPosted, error) {
		a, err := strconv.ParseInt(c.Param("amendment"), 10, 64)
		if err != nil || a <= 0 {
			return "", nil, igfplus.Errorf(igfplus.ENotFound, "There is no such amendment.")
		}
		to, err := do(who, id, a)
		if err != nil {
			return "", &recPosted{Form: "amendment", Target: a}, err
		}
		if to == "" {
			to = amendmentAnchor(a)
		}
		return to, nil, nil
	})
}

// supportAmendment: POST /recommendations/:id/amendments/:amendment/support.
func (p *Pages) supportAmendment(c echo.Context) error {
	return p.amendmentForm(c, func(who igfplus.Identity, id, a int64) (string, error) {
		_, err := p.deps.Drafting.Support(c.Request().Context(), who, id, a)
		return "", err
	})
}

// decideAmendment: POST .../accept and .../reject — the drafters decide.
func (p *Pages) decideAmendment(accept bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		return p.amendmentForm(c, func(who igfplus.Identity, id, a int64) (string, error) {
			_, err := p.deps.Drafting.DecideAmendment(c.Request().Context(), who, id, a, accept)
			return "", err
		})
	}
}

// amendmentToVote: POST /recommendations/:id/amendments/:amendment/vote —
// a moderator of the recommendation's session sets up a yes/no/abstain
// poll on the amendment (simple majority), then opens it from the
// moderator's page, where it is listed.
func (p *Pages) amendmentToVote(c echo.Context) error {
	if p.deps.Voting == nil {
		return echo.ErrNotFound
	}
	return p.amendmentForm(c, func(who igfplus.Identity, id, a int64) (string, error) {
		ctx := c.Request().Context()
		r, err := p.deps.Drafting.Recommendation(ctx, id)
		if err != nil {
			return "", err
		}
		if r.SessionID == 0 {
			return "", igfplus.Errorf(igfplus.EConflict, "The recommendation belongs to no session: its polls are the Secretariat's.")
		}
		list, err := p.deps.Drafting.Amendments(ctx, id)
		if err != nil {
			return "", err
		}
		i := slices.IndexFunc(list, func(am recommendations.Amendment) bool { return am.ID == a })
		if i < 0 {
			return "", igfplus.Errorf(igfplus.ENotFound, "The amendment was not found.")
		}
		v := p.view(c, recommendationPath(id))
		q, err := v.T("recommendation.vote.question", "Number", a, "Paragraph", list[i].Paragraph, "Title", r.Title)
		if err != nil {
			return "", err
		}
		_, err = p.deps.Voting.CreatePoll(ctx, who, voting.Settings{RecommendationID: id, AmendmentID: a,
			SessionID: r.SessionID, TrackID: r.TrackID, Question: q, Kind: voting.YesNoAbstain, Rule: voting.Majority})
		return moderatePath(r.SessionID) + "#polls", err
	})
}

// postRecord: POST /recommendations/:id/record {consensus,
// dissent_group_N, dissent_who_N, dissent_reason_N} — the record of
// consensus and dissent; rows left blank are dropped.
func (p *Pages) postRecord(c echo.Context) error {
	return p.recForm(c, func(who igfplus.Identity, id int64, v *view) (string, *recPosted, error) {
		rec := recommendations.Record{Consensus: c.FormValue("consensus")}
		r := &recPosted{Form: "record", Body: rec.Consensus}
		var check *recPosted
		for i := 1; i <= recommendations.MaxDissentEntries+1; i++ {
			n := strconv.Itoa(i)
			group, whoText, reason := c.FormValue("dissent_group_"+n), c.FormValue("dissent_who_"+n), c.FormValue("dissent_reason_"+n)
			if group == "" && strings.TrimSpace(whoText) == "" && strings.TrimSpace(reason) == "" {
				continue
			}
			r.Rows = append(r.Rows, recDissentRow{Group: group, Who: whoText, Reason: reason, N: len(r.Rows) + 1})
			if check == nil && (group == "" || strings.TrimSpace(reason) == "") {
				r.Target = int64(len(r.Rows))
				var err error
				if check, err = pageCheck(v, r, "recommendation.error.dissent_incomplete", "Number", len(r.Rows)); err != nil {
					return "", nil, err
				}
			}
			rec.Dissent = append(rec.Dissent, recommendations.Dissent{StakeholderGroup: igfplus.StakeholderGroup(group), Who: whoText, Reason: reason})
		}
		r.Rows = append(r.Rows, recDissentRow{N: len(r.Rows) + 1})
		if check != nil {
			return "", check, nil
		}
		if _, err := p.deps.Drafting.SetRecord(c.Request().Context(), who, id, rec); err != nil {
			return "", r, err
		}
		return "#record", nil, nil
	})
}
