package pages

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/voting"
)

// recPolls is what the recommendation page uses of the voting service,
// when it has it: the polls held on a recommendation and its amendments, as
// the reader may see them (drafts only for those who may run them).
type recPolls interface {
	PollsOfRecommendationFor(ctx context.Context, who igfplus.Identity, id int64) ([]voting.Poll, error)
}

// recClientPrefixes are the messages recommendation.js needs.
var recClientPrefixes = []string{"client.rec."}

// recData is the page of one recommendation.
type recData struct {
	Rec                     recommendations.Recommendation
	Issue, Track, Session   string
	SessionHref, StateLabel string
	Current                 recommendations.Version
	Paragraphs              []recParagraph
	Versions                []recVersion
	Diff                    *recDiff
	CompareFrom, CompareTo  int
	Earlier                 []*recComment
	Amendments              int
	// Appended are the amendments adding a paragraph at the end of the
	// current text; EarlierAmendments those proposed on earlier versions.
	Appended, EarlierAmendments []recAmendment
	Record                      recommendations.Record
	Dissent                     []dissentLine
	RecordForm                  []recDissentRow
	Polls                       []recPoll
	Next                        []stepLine
	Publication, UnderReview    string
	Drafters                    string
	// Address is the page's full address, on the printed copy.
	Address                      string
	Created, Updated             string
	Open, Participant, IsDrafter bool
	MayKeepRecord, MayVote       bool
	Groups                       []filterOption
	// Posted is the form that came back refused, with what was typed.
	Posted *recPosted
	// Position is where the page's client resumes the room from.
	Position recommendations.Position
	Strings  map[string]string
	Me       int64
	// Content says in which language the texts are shown (the translation
	// note); Translated is the current version's body in the reader's
	// language, when it is translated.
	Content    *contentView
	Translated *recTranslation
}

// recParagraph is one paragraph of the current text with its comments and
// the amendments proposed to it.
type recParagraph struct {
	recommendations.Paragraph
	Comments   []*recComment
	Amendments []recAmendment
	// CommentsOpen and AmendmentsOpen open the paragraph's threads: they
	// have something to show, or a form in them came back refused.
	CommentsOpen, AmendmentsOpen bool
}

type recComment struct {
	recommendations.Comment
	Group, When, ISO string
	Replies          []*recComment
}

type recAmendment struct {
	recommendations.Amendment
	Group, When, StateLabel string
	// SupportersText names the supporters with their groups.
	SupportersText string
	Diff           []recommendations.DiffPart
	// MaySupport, MayDecide and MayVote are the viewer's buttons.
	MaySupport, Supporting, MayDecide, MayVote bool
}

type recVersion struct {
	recommendations.Version
	When, By, ChangesHref string
}

type recDiff struct {
	From, To int
	Parts    []recommendations.DiffPart
}

type recPoll struct {
	ID                          int64
	Href, Question, State, Note string
}

type recDissentRow struct {
	Group, Who, Reason string
	N                  int
}

// recPosted is a refused form: which (Form, and the paragraph, comment or
// amendment it is about), what was typed, and why it was refused.
type recPosted struct {
	Form                  string
	Target                int64
	Body, Text, Rationale string
	// Rows are the record's dissent rows as posted (and a blank one).
	Rows            []recDissentRow
	Message, Detail string
}

// Problem returns the refusal of form about target (a paragraph number, a
// comment's or an amendment's id; nil for any), if that form came back.
func (d *recData) Problem(form string, target any) *recPosted {
	if d.Posted == nil || d.Posted.Form != form {
		return nil
	}
	var n int64
	switch t := target.(type) {
	case nil:
		return d.Posted
	case int:
		n = int64(t)
	case int64:
		n = t
	}
	if d.Posted.Target != n {
		return nil
	}
	return d.Posted
}

// RowProblem reports whether row n of the record's dissent came back
// refused.
func (d *recData) RowProblem(n int) bool { return d.Problem("record", n) != nil }

// DissentRows are the record form's rows: as posted when it came back,
// else the dissent recorded and a blank row.
func (d *recData) DissentRows() []recDissentRow {
	if p := d.Problem("record", nil); p != nil && len(p.Rows) > 0 {
		return p.Rows
	}
	return d.RecordForm
}

// NewParagraph is the paragraph an amendment adds at the end of the text.
func (d *recData) NewParagraph() recommendations.Paragraph {
	return recommendations.Paragraph{Number: len(d.Paragraphs) + 1}
}

// recArg hands a part of the page (X) to a template with the view and the
// page's data.
type recArg struct {
	V *view
	D *recData
	X any
}

// RecArg is the argument of the recommendation page's parts.
func (v *view) RecArg(x any) recArg {
	d, _ := v.Data.(*recData)
	return recArg{V: v, D: d, X: x}
}

// recProblemArg is the argument of "rec-problem": the id of the control
// and its refusal, if any.
type recProblemArg struct {
	ID string
	P  *recPosted
}

// RecProblem is the argument of "rec-problem".
func (v *view) RecProblem(id string, p *recPosted) recProblemArg { return recProblemArg{ID: id, P: p} }

// diffArg is the argument of "rec-diff".
type diffArg struct {
	V     *view
	Parts []recommendations.DiffPart
}

// DiffOf is the argument of "rec-diff".
func (v *view) DiffOf(parts []recommendations.DiffPart) diffArg { return diffArg{V: v, Parts: parts} }

// recommendation: GET /recommendations/:id[?from=&to=] — the
// recommendation, for anyone; from and to show the changes between two
// versions.
func (p *Pages) recommendation(c echo.Context) error {
	id, err := pathInt(c, "recommendation")
	if err != nil {
		return err
	}
	return p.renderRecommendation(c, id, http.StatusOK, nil)
}

// renderRecommendation renders the page of recommendation id with status,
// and with the refused form posted, if any.
func (p *Pages) renderRecommendation(c echo.Context, id int64, status int, posted *recPosted) error {
	ctx := c.Request().Context()
	v := p.view(c, recommendationPath(id))
	d := &recData{Posted: posted, Me: v.Me.AccountID}
	v.Data = d
	var err error
	// The room's position first: whatever changes after it reaches the
	// page's client, even what the reads below see already.
	if d.Position, err = p.deps.Drafting.Position(ctx, id); err != nil {
		return err
	}
	if err := p.readRecommendation(ctx, v, d, id); err != nil {
		return err
	}
	if err := d.diffOf(c); err != nil {
		return err
	}
	if d.Strings, err = v.loc.Strings(recClientPrefixes...); err != nil {
		return err
	}
	return p.render(c, status, "recommendation", v)
}

// readRecommendation reads everything the page shows into d.
func (p *Pages) readRecommendation(ctx context.Context, v *view, d *recData, id int64) error {
	s := p.deps.Drafting
	r, err := s.Recommendation(ctx, id)
	if err != nil {
		return err
	}
	d.Rec = r
	if d.Current, err = s.Version(ctx, id, 0); err != nil {
		return err
	}
	if err := p.placeOf(ctx, v, d); err != nil {
		return err
	}
	me := v.Me
	d.Open = r.State == recommendations.Draft && !r.PastEdition
	d.Participant = me.Has(igfplus.RoleParticipant)
	d.IsDrafter = r.IsDrafter(me.AccountID)
	d.MayKeepRecord = recommendations.RecordChangeable(r.State) == nil && !me.Anonymous() &&
		(d.IsDrafter || me.HasAny(igfplus.RoleSecretariat, igfplus.RoleModerator) || p.moderates(ctx, me, r.SessionID))
	d.MayVote = d.Open && p.deps.Voting != nil && !me.Anonymous() && p.moderates(ctx, me, r.SessionID)
	if err := p.textOf(ctx, v, d); err != nil {
		return err
	}
	p.recContent(ctx, v, d)
	if d.Record, err = s.Record(ctx, id); err != nil {
		return err
	}
	if err := d.recordOf(v); err != nil {
		return err
	}
	if err := p.recPollList(ctx, v, d); err != nil {
		return err
	}
	return p.nextOf(ctx, v, d)
}

// moderates reports whether who moderates session id (zero: none).
func (p *Pages) moderates(ctx context.Context, who igfplus.Identity, session int64) bool {
	return session != 0 && !who.Anonymous() && p.deps.Sessions.MayModerate(ctx, who, session) == nil
}

// placeOf names the recommendation's policy issue, track and session, and
// says who drafted it and when.
func (p *Pages) placeOf(ctx context.Context, v *view, d *recData) error {
	r := d.Rec
	issues, err := p.deps.Programme.PolicyIssues(ctx, r.EditionID)
	if err != nil {
		return err
	}
	for _, is := range issues {
		if is.ID == r.PolicyIssueID {
			d.Issue = is.Title
		}
	}
	trs, err := p.deps.Programme.Tracks(ctx, r.EditionID)
	if err != nil {
		return err
	}
	for _, t := range trs {
		if t.ID == r.TrackID {
			d.Track = t.Title
		}
	}
	if r.SessionID != 0 {
		s, err := p.deps.Sessions.Session(ctx, r.SessionID)
		if err != nil {
			return err
		}
		d.Session, d.SessionHref = s.Title, sessionPath(s.ID)
	}
	if d.StateLabel, err = v.TK("recommendation.state", r.State); err != nil {
		return err
	}
	if d.Drafters, err = personList(v, r.Drafters); err != nil {
		return err
	}
	if d.Created, err = v.Date(r.CreatedAt); err != nil {
		return err
	}
	d.Updated, err = v.Date(d.Current.CreatedAt)
	return err
}

// personList names people with their stakeholder groups: "Amina Yusuf
// (Civil society), …".
func personList(v *view, people []recommendations.Person) (string, error) {
	out := ""
	for i, person := range people {
		s, err := personWithGroup(v, person)
		if err != nil {
			return "", err
		}
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out, nil
}

func personWithGroup(v *view, person recommendations.Person) (string, error) {
	g, err := v.TK("group", person.StakeholderGroup)
	if err != nil {
		return "", err
	}
	return v.T("recommendation.person", "Name", v.Isolate(person.Name), "Group", g)
}

// textOf reads the versions, the comments and the amendments, and puts
// them with the paragraphs of the current text.
func (p *Pages) textOf(ctx context.Context, v *view, d *recData) error {
	s := p.deps.Drafting
	id := d.Rec.ID
	versions, err := s.Versions(ctx, id)
	if err != nil {
		return err
	}
	base := make(map[int]recommendations.Version, len(versions))
	for _, ver := range versions {
		base[ver.Version] = ver
		rv := recVersion{Version: ver}
		if rv.When, err = v.Date(ver.CreatedAt); err != nil {
			return err
		}
		if rv.By, err = personWithGroup(v, ver.CreatedBy); err != nil {
			return err
		}
		if ver.Version > 1 {
			rv.ChangesHref = diffHref(id, ver.Version-1, ver.Version)
		}
		d.Versions = append(d.Versions, rv)
	}
	for _, para := range d.Current.Paragraphs() {
		d.Paragraphs = append(d.Paragraphs, recParagraph{Paragraph: para})
	}
	comments, err := s.Comments(ctx, id, recommendations.CommentFilter{})
	if err != nil {
		return err
	}
	if err := d.placeComments(v, comments); err != nil {
		return err
	}
	amendments, err := s.Amendments(ctx, id)
	if err != nil {
		return err
	}
	for _, a := range amendments {
		ra, err := d.amendmentOf(v, a, base[a.Version])
		if err != nil {
			return err
		}
		d.Amendments++
		switch {
		case a.Version != d.Current.Version:
			d.EarlierAmendments = append(d.EarlierAmendments, ra)
		case a.Paragraph > len(d.Paragraphs):
			d.Appended = append(d.Appended, ra)
		default:
			d.Paragraphs[a.Paragraph-1].Amendments = append(d.Paragraphs[a.Paragraph-1].Amendments, ra)
		}
	}
	for i := range d.Paragraphs {
		para := &d.Paragraphs[i]
		para.CommentsOpen = len(para.Comments) > 0 || d.Problem("comment", para.Number) != nil
		para.AmendmentsOpen = d.Problem("amend", para.Number) != nil || slices.ContainsFunc(para.Amendments, func(a recAmendment) bool {
			return a.State == recommendations.Proposed || a.State == recommendations.AmendmentUnderVote || d.Problem("amendment", a.ID) != nil
		})
		for _, c := range para.Comments {
			para.CommentsOpen = para.CommentsOpen || d.Problem("reply", c.ID) != nil
		}
	}
	return nil
}

func diffHref(id int64, from, to int) string {
	return recommendationPath(id) + "?from=" + strconv.Itoa(from) + "&to=" + strconv.Itoa(to) + "#changes"
}

// placeComments puts the comments on the current version under their
// paragraphs and the others in Earlier, each reply under its comment.
func (d *recData) placeComments(v *view, comments []recommendations.Comment) error {
	byID := make(map[int64]*recComment, len(comments))
	for _, c := range comments {
		rc := &recComment{Comment: c, ISO: v.ISO(c.CreatedAt)}
		var err error
		if rc.Group, err = v.TK("group", c.Author.StakeholderGroup); err != nil {
			return err
		}
		if rc.When, err = v.Date(c.CreatedAt); err != nil {
			return err
		}
		rc.When += " " + clock(c.CreatedAt)
		byID[c.ID] = rc
		switch parent := byID[c.ReplyTo]; {
		case parent != nil:
			parent.Replies = append(parent.Replies, rc)
		case c.Version == d.Current.Version && c.Paragraph <= len(d.Paragraphs):
			d.Paragraphs[c.Paragraph-1].Comments = append(d.Paragraphs[c.Paragraph-1].Comments, rc)
		default:
			d.Earlier = append(d.Earlier, rc)
		}
	}
	return nil
}

// amendmentOf puts a in words with its diff against base, the version it
// was proposed on, and the viewer's buttons.
func (d *recData) amendmentOf(v *view, a recommendations.Amendment, base recommendations.Version) (recAmendment, error) {
	ra := recAmendment{Amendment: a, Diff: recommendations.AmendmentDiff(a, base)}
	var err error
	if ra.Group, err = v.TK("group", a.ProposedBy.StakeholderGroup); err != nil {
		return ra, err
	}
	if ra.When, err = v.Date(a.CreatedAt); err != nil {
		return ra, err
	}
	if ra.StateLabel, err = v.TK("recommendation.amendment_state", a.State); err != nil {
		return ra, err
	}
	if ra.SupportersText, err = personList(v, a.Supporters); err != nil {
		return ra, err
	}
	ra.Supporting = slices.ContainsFunc(a.Supporters, func(s recommendations.Person) bool { return s.AccountID == v.Me.AccountID })
	proposed := a.State == recommendations.Proposed && d.Open
	ra.MaySupport = proposed && d.Participant && !ra.Supporting && a.ProposedBy.AccountID != v.Me.AccountID
	ra.MayDecide = proposed && d.IsDrafter
	ra.MayVote = proposed && d.MayVote
	return ra, nil
}

// recordOf translates the dissent and prepares the record's form: the
// dissents recorded and one blank row to add another.
func (d *recData) recordOf(v *view) error {
	for i, ds := range d.Record.Dissent {
		g, err := v.TK("group", ds.StakeholderGroup)
		if err != nil {
			return err
		}
		d.Dissent = append(d.Dissent, dissentLine{Group: g, Who: ds.Who, Reason: ds.Reason})
		d.RecordForm = append(d.RecordForm, recDissentRow{Group: string(ds.StakeholderGroup), Who: ds.Who, Reason: ds.Reason, N: i + 1})
	}
	d.RecordForm = append(d.RecordForm, recDissentRow{N: len(d.Record.Dissent) + 1})
	for i, g := range igfplus.StakeholderGroups {
		name, err := v.TK("group", g)
		if err != nil {
			return err
		}
		d.Groups = append(d.Groups, filterOption{ID: int64(i), Name: name})
	}
	return nil
}

// GroupValue is the value of stakeholder group option i.
func (d *recData) GroupValue(i int64) string { return string(igfplus.StakeholderGroups[i]) }

// recPollList lists the polls on the recommendation and its amendments.
func (p *Pages) recPollList(ctx context.Context, v *view, d *recData) error {
	polls, ok := p.deps.Voting.(recPolls)
	if !ok {
		return nil
	}
	list, err := polls.PollsOfRecommendationFor(ctx, v.Me, d.Rec.ID)
	if err != nil {
		return err
	}
	for _, poll := range list {
		rp := recPoll{ID: poll.ID, Href: pollPath(poll.ID), Question: poll.Question}
		if rp.State, err = v.TK("poll.state", poll.State); err != nil {
			return err
		}
		if poll.Result != nil {
			if rp.Note, err = v.TK("poll.outcome", poll.Result.Outcome); err != nil {
				return err
			}
		}
		d.Polls = append(d.Polls, rp)
	}
	return nil
}

// nextOf says where an adopted recommendation went next: under review by
// the high-level body, or published, relayed and answered.
func (p *Pages) nextOf(ctx context.Context, v *view, d *recData) error {
	if p.deps.Publishing == nil || d.Rec.State != recommendations.Adopted {
		return nil
	}
	it, steps, err := p.deps.Publishing.Publication(ctx, d.Rec.ID)
	if igfplus.ErrorCode(err) == igfplus.ENotFound {
		d.UnderReview, err = v.T("recommendation.next.under_review")
		return err
	}
	if err != nil {
		return err
	}
	d.Publication = publicationPath(it.RecommendationID)
	d.Next, err = stepLines(v, steps)
	return err
}

// diffOf reads ?from=&to= and diffs those versions.
func (d *recData) diffOf(c echo.Context) error {
	d.CompareFrom, d.CompareTo = max(1, d.Current.Version-1), d.Current.Version
	from, err1 := strconv.Atoi(c.QueryParam("from"))
	to, err2 := strconv.Atoi(c.QueryParam("to"))
	if err1 != nil || err2 != nil {
		return nil
	}
	d.CompareFrom, d.CompareTo = from, to
	var a, b *recommendations.Version
	for i := range d.Versions {
		switch d.Versions[i].Version.Version {
		case from:
			a = &d.Versions[i].Version
		case to:
			b = &d.Versions[i].Version
		}
	}
	if a == nil || b == nil {
		return igfplus.Errorf(igfplus.ENotFound, "There is no version %d or %d to compare.", from, to)
	}
	d.Diff = &recDiff{From: from, To: to, Parts: recommendations.WordDiff(a.Body, b.Body)}
	return nil
}

// printRecommendation: GET /recommendations/:id/print — the text with its
// provenance, for paper (the print stylesheet leaves out the controls).
func (p *Pages) printRecommendation(c echo.Context) error {
	id, err := pathInt(c, "recommendation")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := p.view(c, recommendationPath(id)+"/print")
	d := &recData{Me: v.Me.AccountID, Address: c.Scheme() + "://" + c.Request().Host + recommendationPath(id)}
	v.Data = d
	if err := p.readRecommendation(ctx, v, d, id); err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "recommendation_print", v)
}

// stepLines puts a publication's timeline in words.
func stepLines(v *view, steps []publishing.Step) ([]stepLine, error) {
	var out []stepLine
	for _, s := range steps {
		line := stepLine{Kind: s.Kind, ISO: v.ISO(s.At), Text: s.Text, Link: s.Link}
		var err error
		if line.When, err = v.Date(s.At); err != nil {
			return nil, err
		}
		line.When += " " + clock(s.At)
		state, err := v.TK("answer_state", s.State)
		if err != nil {
			return nil, err
		}
		if line.What, err = v.T("publication.step."+s.Kind, "Body", v.Isolate(s.Body), "State", state); err != nil {
			return nil, err
		}
		out = append(out, line)
	}
	return out, nil
}
