package demo

import "time"

// The demo recommendation: drafted in the live main session on
// connectivity by its moderator with a co-drafter, revised once after
// comments, with an amendment waiting for the drafters and a record that
// already notes where agreement lies and who dissents.
var demoRecommendation = struct {
	session, title string
	versions       []struct{ by, body, note string }
	comments       []struct {
		by                 string
		version, paragraph int
		body               string
	}
}{
	session: "opening-connectivity",
	title:   "Affordable and meaningful connectivity for the next billions",
	versions: []struct{ by, body, note string }{
		{"moderator", `Governments should treat meaningful connectivity as essential infrastructure and set national targets for affordable access, measured every year.

Operators and regulators should make entry-level mobile data cost no more than 2% of average monthly income.

Community networks should be allowed to use spectrum on fair terms.`, "First draft from the main session's discussion."},
		{"tech", `Governments should treat meaningful connectivity as essential infrastructure and set national targets for affordable access, measured every year and published with open data.

Operators and regulators should make entry-level mobile data cost no more than 2% of average monthly income, with a plan to reach 1% by 2030.

Community networks should be allowed to use spectrum on fair terms, including unused licensed spectrum in rural areas.

Skills programmes should accompany every connectivity project, with particular attention to women, youth and persons with disabilities.`, "Open data on targets, a 2030 step, rural spectrum, and a paragraph on skills, after comments."},
	},
	comments: []struct {
		by                 string
		version, paragraph int
		body               string
	}{
		{"youth", 1, 1, "Targets mean little unless the numbers are public. Can we ask for open data?"},
		{"business", 1, 2, "2% is the Broadband Commission's target; a date for going further would help investment planning."},
		{"minister", 1, 3, "Which spectrum? Licensed spectrum that lies unused in rural areas is where this matters."},
		{"academic", 2, 4, "Welcome. Digital skills research shows the gap is widest for older women in rural areas."},
		{"igo", 2, 2, "The 1% step should say whose average income: national averages hide the poorest."},
	},
}

func (s *seeder) seedRecommendations() error {
	d := demoRecommendation
	session, err := s.one(`SELECT id FROM sessions WHERE slug = $1`, d.session)
	if err != nil {
		return err
	}
	rec, err := s.one(`
		INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, created_by, created_at)
		SELECT policy_issue_id, track_id, id, $2, $3, $4 FROM sessions WHERE id = $1 RETURNING id`,
		session, d.title, s.people["moderator"], s.now.Add(-3*time.Hour))
	if err != nil {
		return err
	}
	for _, drafter := range []string{"moderator", "tech"} {
		if err := s.exec(`INSERT INTO recommendation_drafters (recommendation_id, account_id, added_by) VALUES ($1, $2, $3)`,
			rec, s.people[drafter], s.people["moderator"]); err != nil {
			return err
		}
	}
	for i, v := range d.versions {
		if err := s.exec(`
			INSERT INTO recommendation_versions (recommendation_id, version, body, note, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, rec, i+1, v.body, v.note, s.people[v.by], s.now.Add(time.Duration(i*90-150)*time.Minute)); err != nil {
			return err
		}
	}
	for i, c := range d.comments {
		if err := s.exec(`
			INSERT INTO recommendation_comments (recommendation_id, version, paragraph, author_id, body, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, rec, c.version, c.paragraph, s.people[c.by], c.body, s.now.Add(time.Duration(i*10-140)*time.Minute)); err != nil {
			return err
		}
	}
	if err := s.exec(`
		INSERT INTO amendments (recommendation_id, version, paragraph, proposed_text, rationale, proposed_by)
		VALUES ($1, 2, 2, $2, $3, $4)`, rec,
		"Operators and regulators should make entry-level mobile data cost no more than 2% of monthly income for the poorest fifth of households, with a plan to reach 1% by 2030.",
		"National averages hide those who are offline because of cost.", s.people["igo"]); err != nil {
		return err
	}
	if err := s.exec(`INSERT INTO recommendation_record (recommendation_id, consensus, updated_by) VALUES ($1, $2, $3)`, rec,
		"Broad agreement on paragraphs 1, 3 and 4 across stakeholder groups; paragraph 2 remains under discussion.", s.people["moderator"]); err != nil {
		return err
	}
	return s.exec(`
		INSERT INTO recommendation_dissent (recommendation_id, position, stakeholder_group, who, reason)
		VALUES ($1, 1, 'private_sector', $2, $3)`, rec, "Sophie Martin, for a mobile operators' association",
		"A 1% target by 2030 cannot be met in rural areas without public funding for the networks.")
}
