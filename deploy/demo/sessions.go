package demo

import "time"

// demoSessions start relative to now (in minutes), so that a fresh demo
// always has sessions live, about to start and ended.
var demoSessions = []struct {
	slug, track, issue, format, state, title, venue string
	startIn, length                                 int
	agenda                                          []agendaItem
}{
	{"opening-connectivity", "inclusion", "digital-inclusion", "main_session", "live", "Main session: connecting the next billions", "Plenary hall", -20, 90,
		[]agendaItem{{"Opening and objectives", 10}, {"Panel: affordable access", 30}, {"Open floor", 35}, {"Key takeaways", 15}}},
	{"ai-accountability", "ai", "ai-governance", "workshop", "live", "Workshop: accountability for AI systems", "Room 2", -10, 60,
		[]agendaItem{{"Framing", 10}, {"Break-out discussion", 30}, {"Report back", 20}}},
	{"data-flows", "data", "data-trust", "open_forum", "scheduled", "Open forum: trusted cross-border data flows", "Room 3", 60, 60,
		[]agendaItem{{"Introductions", 10}, {"Discussion", 40}, {"Recommendations", 10}}},
	{"cyber-norms", "security", "security-resilience", "town_hall", "scheduled", "Town hall: norms for a resilient Internet", "Room 4", 120, 75,
		[]agendaItem{{"Welcome", 5}, {"Perspectives from each stakeholder group", 40}, {"Open floor", 30}}},
	{"leaders-dialogue", "high-level", "ai-governance", "high_level_leaders", "scheduled", "High-level leaders session: AI for the public good", "Plenary hall", 180, 60,
		[]agendaItem{{"Opening remarks", 10}, {"Leaders' dialogue", 40}, {"Closing", 10}}},
	{"ministerial-roundtable", "ministerial", "digital-inclusion", "ministerial_roundtable", "scheduled", "Ministerial round table: financing connectivity", "Room 1", 240, 90,
		[]agendaItem{{"Opening", 10}, {"Statements by ministers", 50}, {"Adoption of the chair's summary", 30}}},
	{"parliamentary-roundtable", "parliamentary", "data-trust", "parliamentary_roundtable", "scheduled", "Parliamentary round table: privacy laws that travel", "Room 1", 24 * 60, 90,
		[]agendaItem{{"Opening", 10}, {"Exchange of legislative practice", 60}, {"Conclusions", 20}}},
	{"youth-summit", "youth", "digital-inclusion", "youth_session", "live", "Youth summit: skills for a connected generation", "Youth corner", -5, 60,
		[]agendaItem{{"Icebreaker", 5}, {"Youth voices", 35}, {"Messages to the Forum", 20}}},
	{"nri-collaborative", "nri", "security-resilience", "nri_collaborative", "ended", "NRI collaborative session: resilience from the regions", "Room 5", -180, 90,
		[]agendaItem{{"Regional perspectives", 45}, {"Common messages", 45}}},
	{"pn-meaningful-access", "intersessional", "digital-inclusion", "lightning_talk", "ended", "Policy network on meaningful access: findings", "Lightning stage", -24 * 60, 20,
		[]agendaItem{{"Findings", 15}, {"Questions", 5}}},
}

type agendaItem struct {
	title   string
	minutes int
}

func (s *seeder) seedSessions() error {
	for _, d := range demoSessions {
		start := s.now.Add(time.Duration(d.startIn) * time.Minute)
		id, err := s.one(`
			INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, state, starts_at, ends_at, room)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			s.tracks[d.track], s.issues[d.issue], d.slug, d.title, d.format, d.state, start, start.Add(time.Duration(d.length)*time.Minute), d.venue)
		if err != nil {
			return err
		}
		for i, a := range d.agenda {
			if err := s.exec(`INSERT INTO agenda_items (session_id, position, title, minutes) VALUES ($1, $2, $3, $4)`, id, i+1, a.title, a.minutes); err != nil {
				return err
			}
		}
		if err := s.exec(`INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'moderator')`, id, s.people["moderator"]); err != nil {
			return err
		}
		for _, r := range sessionRoles[d.slug] {
			if err := s.exec(`INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, $3)`, id, s.people[r.person], r.role); err != nil {
				return err
			}
		}
	}
	return nil
}

// sessionRoles are the demo's roles beyond the moderator: the opening main
// session (live) has a rapporteur, who writes its report once it ends, and
// a captioner streaming captions.
var sessionRoles = map[string][]struct{ person, role string }{
	"opening-connectivity": {{"hlb2", "rapporteur"}, {"igo", "captioner"}},
}
