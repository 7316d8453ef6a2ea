package demo

import (
	"encoding/json"
	"time"
)

// demoProposals are sessions proposed to the demo's open call: the first
// by the youth participant (the demo's proposer) and assigned to both MAG
// members, the second to the first of them; nothing is scored yet.
var demoProposals = []struct {
	proposer, issue, track, format, title, description string
	organisers                                         []string
	speakers                                           []map[string]string
}{
	{"youth", "digital-inclusion", "inclusion", "workshop", "Community networks for the last mile",
		"How community-run networks connect villages that operators do not reach, and what regulators can do to help.",
		[]string{"Youth IGF Kenya", "Rural Connect Africa"},
		[]map[string]string{
			{"name": "Amina Yusuf", "stakeholder_group": "civil_society", "region": "african", "gender": "woman"},
			{"name": "Carlos Rivera", "stakeholder_group": "technical_community", "region": "latin_american_caribbean", "gender": "man"},
			{"name": "Mei Lin", "stakeholder_group": "government", "region": "asia_pacific", "gender": "woman"},
		}},
	{"academic", "ai-governance", "ai", "open_forum", "Auditing AI systems in the public sector",
		"Methods and institutions for independent audits of algorithms that decide on public services.",
		[]string{"Institute for Technology and Society"},
		[]map[string]string{
			{"name": "Rajesh Iyer", "stakeholder_group": "academia", "region": "asia_pacific", "gender": "man"},
			{"name": "Sophie Martin", "stakeholder_group": "private_sector", "region": "western_european_others", "gender": "woman"},
		}},
	{"business", "data-trust", "data", "lightning_talk", "Trusted data spaces for small businesses",
		"A ten-minute case for shared data infrastructure that small firms can trust.",
		[]string{"Digital SMEs Alliance"},
		[]map[string]string{
			{"name": "Sophie Martin", "stakeholder_group": "private_sector", "region": "western_european_others", "gender": "woman"},
		}},
}

// seedProposals opens the edition's call (from a week ago until two weeks
// ahead) with a three-criterion rubric, and seeds demoProposals with their
// assignments and one review.
func (s *seeder) seedProposals() error {
	call, err := s.one(`INSERT INTO proposal_calls (edition_id, opens_at, closes_at, intro) VALUES ($1, $2, $3, $4) RETURNING id`,
		s.edition, s.now.AddDate(0, 0, -7), s.now.AddDate(0, 0, 14),
		"Propose a workshop, open forum, town hall or lightning talk on one of this year's policy issues.")
	if err != nil {
		return err
	}
	for i, c := range []struct {
		name   string
		weight int
	}{{"Relevance to the policy issue", 3}, {"Diversity of speakers", 2}, {"Interactivity", 1}} {
		if err := s.exec(`INSERT INTO proposal_criteria (call_id, position, name, weight) VALUES ($1, $2, $3, $4)`, call, i+1, c.name, c.weight); err != nil {
			return err
		}
	}
	for i, p := range demoProposals {
		speakers, err := json.Marshal(p.speakers)
		if err != nil {
			return err
		}
		id, err := s.one(`INSERT INTO proposals (call_id, proposer_id, policy_issue_id, track_id, format, title, description, organisers, speakers, submitted_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
			call, s.people[p.proposer], s.issues[p.issue], s.tracks[p.track], p.format, p.title, p.description, p.organisers, speakers,
			s.now.Add(-time.Duration(72-i)*time.Hour))
		if err != nil {
			return err
		}
		reviewers := map[int][]string{0: {"mag1", "mag2"}, 1: {"mag1"}}[i]
		for _, m := range reviewers {
			if err := s.exec(`INSERT INTO proposal_assignments (proposal_id, reviewer_id) VALUES ($1, $2)`, id, s.people[m]); err != nil {
				return err
			}
		}
	}
	return nil
}
