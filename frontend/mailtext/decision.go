package mailtext

import (
	"context"
	"fmt"
	"strconv"

	"github.com/igfplus/igfplus/tracks/mail"
	"github.com/igfplus/igfplus/tracks/proposals"
)

var _ proposals.Mailer = (*Queue)(nil)

// RenderDecision writes the mail that tells a proposer the Secretariat's
// decision on their proposal, linking to the proposal's page.
func (r *Renderer) RenderDecision(l proposals.Letter) (mail.Message, error) {
	loc := r.cat.Localizer(l.To.Locale)
	t, err := translator(loc)
	title := map[string]any{"Title": l.Proposal.Title}
	k := "mail.decision." + string(l.Proposal.State) + "."
	d := letterData{Lang: loc.Lang(), Dir: loc.Dir(), Link: r.base + "/proposals/" + strconv.FormatInt(l.Proposal.ID, 10),
		Greeting: t("mail.greeting", map[string]any{"Name": l.To.Name}),
		Intro:    t(k+"intro", title), Action: t("mail.decision.action", nil),
		LinkHint: t("mail.link_hint", nil), Signature: t("mail.signature", nil)}
	if l.MergeTitle != "" {
		d.Expires = t("mail.decision.merge_with", map[string]any{"Title": l.MergeTitle})
	}
	if l.Proposal.Note != "" {
		d.Ignore = t("mail.decision.note", map[string]any{"Note": l.Proposal.Note})
	}
	subject := t("mail.decision.subject", title)
	if *err != nil {
		return mail.Message{}, fmt.Errorf("mailtext: decision %s in %s: %w", l.Proposal.State, l.To.Locale, *err)
	}
	return r.write(mail.Message{Kind: "proposal_decision", To: l.To.Email, Subject: subject}, d)
}

// MailDecision implements proposals.Mailer.
func (q *Queue) MailDecision(ctx context.Context, l proposals.Letter) error {
	m, err := q.Renderer.RenderDecision(l)
	if err != nil {
		return err
	}
	return q.Outbox.Enqueue(ctx, m)
}
