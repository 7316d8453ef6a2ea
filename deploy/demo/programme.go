package demo

import (
	"fmt"
	"time"
)

var policyIssues = []struct{ slug, title, summary string }{
	{"digital-inclusion", "Universal and meaningful connectivity", "Bringing the next billions online on affordable, reliable links, with the skills to use them."},
	{"ai-governance", "Governing artificial intelligence", "Accountable, rights-respecting development and use of AI across borders."},
	{"data-trust", "Data governance and trust", "Cross-border data flows, privacy and the public interest."},
	{"security-resilience", "Cybersecurity and resilience", "A secure, stable and interoperable Internet, and trust in its infrastructure."},
}

var demoTracks = []struct{ slug, kind, issue, title, description string }{
	{"inclusion", "thematic", "digital-inclusion", "Connectivity and inclusion", "Thematic track of the policy issue on connectivity."},
	{"ai", "thematic", "ai-governance", "AI governance", "Thematic track of the policy issue on artificial intelligence."},
	{"data", "thematic", "data-trust", "Data and trust", "Thematic track of the policy issue on data governance."},
	{"security", "thematic", "security-resilience", "Security and resilience", "Thematic track of the policy issue on cybersecurity."},
	{"high-level", "high_level", "", "High-level segment", "Leaders from every stakeholder group on the Forum's priorities."},
	{"ministerial", "ministerial", "", "Ministerial track", "Ministers and intergovernmental delegates on actionable outcomes."},
	{"parliamentary", "parliamentary", "", "Parliamentary track", "Members of parliament on legislation for the digital age."},
	{"youth", "youth", "", "Youth track", "Young people setting their own agenda."},
	{"nri", "nri", "", "NRI track", "National, regional, sub-regional and youth initiatives bring their outcomes."},
	{"intersessional", "intersessional", "", "Intersessional work", "Policy networks, best practice forums and dynamic coalitions."},
}

func (s *seeder) seedProgramme() error {
	year := s.now.Year()
	start := s.now.AddDate(0, 0, -1)
	var err error
	s.edition, err = s.one(`
		INSERT INTO editions (year, title, theme, host_country, starts_on, ends_on, format, max_policy_issues)
		VALUES ($1, $2, $3, 'KE', $4, $5, 'hybrid', 5) RETURNING id`,
		year, fmt.Sprintf("Internet Governance Forum %d", year), "Building our multistakeholder digital future",
		start.Format(time.DateOnly), start.AddDate(0, 0, 4).Format(time.DateOnly))
	if err != nil {
		return err
	}
	s.issues = make(map[string]int64)
	for i, pi := range policyIssues {
		if s.issues[pi.slug], err = s.one(`
			INSERT INTO policy_issues (edition_id, position, slug, title, summary)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, s.edition, i+1, pi.slug, pi.title, pi.summary); err != nil {
			return err
		}
	}
	s.tracks = make(map[string]int64)
	for _, t := range demoTracks {
		var issue any
		if t.issue != "" {
			issue = s.issues[t.issue]
		}
		if s.tracks[t.slug], err = s.one(`
			INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title, description)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, s.edition, issue, t.kind, t.slug, t.title, t.description); err != nil {
			return err
		}
	}
	return nil
}
