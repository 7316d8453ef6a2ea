package demo

import "time"

// The demo's initiatives: a regional one with a sub-regional and a
// national one under it, a youth initiative, and one more national
// initiative whose track is not linked yet (for trying the linking
// workflow). Kwame Mensah, the demo's NRI coordinator, coordinates them.
var demoNRIs = []struct {
	slug, name, level, parent, recognition string
	countries                              []string
}{
	{"african-igf", "African IGF", "regional", "", "recognised", []string{"DZ", "GH", "KE", "NG", "SN", "ZA"}},
	{"west-africa-igf", "West Africa IGF", "sub_regional", "african-igf", "recognised", []string{"GH", "NG", "SN"}},
	{"kenya-igf", "Kenya IGF", "national", "african-igf", "recognised", []string{"KE"}},
	{"youth-igf-lebanon", "Youth IGF Lebanon", "youth", "", "recognised", []string{"LB"}},
	{"ghana-igf", "Ghana IGF", "national", "west-africa-igf", "pending", []string{"GH"}},
}

// demoNRITracks are the initiatives' own tracks, each with a
// recommendation its participants adopted, and the global track it links
// to ("" for none yet; "?" marks a link still waiting for a decision).
var demoNRITracks = []struct {
	nri, slug, title, issue, link, recommendation, body string
}{
	{"african-igf", "african-igf-resilience", "African IGF: resilient networks", "security-resilience", "security",
		"Regional Internet exchange points for resilience", "Every African country should have at least one neutral Internet exchange point by 2030, with regional interconnection so that local traffic stays local when submarine cables fail."},
	{"kenya-igf", "kenya-igf-access", "Kenya IGF: affordable access", "digital-inclusion", "inclusion",
		"Universal service funds for last-mile connectivity", "Universal service funds should be disbursed transparently, with public reporting, to community networks and small operators serving unconnected rural areas."},
	{"youth-igf-lebanon", "youth-igf-lebanon-skills", "Youth IGF Lebanon: digital skills", "digital-inclusion", "youth",
		"Digital skills in every school curriculum", "Digital literacy, including online safety and critical reading of information, should be part of every school curriculum, designed with young people."},
	{"west-africa-igf", "west-africa-igf-ai", "West Africa IGF: AI and languages", "ai-governance", "?ai",
		"AI that speaks West Africa's languages", "Public funding for open datasets in West African languages, so that AI systems serve speakers of Hausa, Yoruba, Wolof, Twi and others."},
	{"ghana-igf", "ghana-igf-data", "Ghana IGF: local data", "data-trust", "",
		"Local hosting of public data", "Public institutions should host citizens' data in the country or region under clear legal safeguards, with open standards for portability."},
}

// seedNRIs verifies the demo's minister as a government delegate and its
// member of parliament, so that the ministerial, high-level and
// parliamentary sessions have people who may speak and vote in them; then
// seeds the initiatives, their tracks and adopted recommendations, links
// to global tracks (three accepted, one waiting), the intake the accepted
// ones bring, and the NRI collaborative session's co-organisers.
func (s *seeder) seedNRIs() error {
	for key, as := range map[string]string{"minister": "government_delegate", "mp": "member_of_parliament"} {
		if err := s.exec(`UPDATE accounts SET verified_as = $2 WHERE id = $1`, s.people[key], as); err != nil {
			return err
		}
	}
	// The connectivity track is led by the demo's moderator.
	if err := s.exec(`UPDATE tracks SET lead_id = $2 WHERE id = $1`, s.tracks["inclusion"], s.people["moderator"]); err != nil {
		return err
	}
	nris := map[string]int64{}
	for _, n := range demoNRIs {
		id, err := s.one(`INSERT INTO nris (slug, name, level, countries, parent_id, recognition)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, n.slug, n.name, n.level, n.countries, nullID(nris[n.parent]), n.recognition)
		if err != nil {
			return err
		}
		nris[n.slug] = id
		if err := s.exec(`INSERT INTO nri_coordinators (nri_id, account_id) VALUES ($1, $2)`, id, s.people["nri"]); err != nil {
			return err
		}
	}
	for i, t := range demoNRITracks {
		if err := s.seedNRITrack(nris[t.nri], i, t.slug, t.title, t.issue, t.link, t.recommendation, t.body); err != nil {
			return err
		}
	}
	if err := s.exec(`SELECT intake_adopted(l.id, r.id) FROM track_links l
		JOIN recommendations r ON r.track_id = l.nri_track_id AND r.state = 'adopted' WHERE l.state = 'accepted'`); err != nil {
		return err
	}
	if err := s.exec(`INSERT INTO session_coorganisers (session_id, nri_id, state)
		SELECT s.id, n.id, 'accepted' FROM sessions s, nris n WHERE s.slug = 'nri-collaborative' AND n.slug = ANY($1)`,
		[]string{"african-igf", "kenya-igf", "west-africa-igf"}); err != nil {
		return err
	}
	return s.seedNRISession(nris["kenya-igf"])
}

// seedNRISession adds a session the Kenya IGF's coordinator runs in its
// own track, with the Forum's tools: they moderate it as its coordinator
// (for as long as they are), with the demo's moderator, who moderates
// every demo session.
func (s *seeder) seedNRISession(kenya int64) error {
	start := s.now.Add(26 * time.Hour)
	id, err := s.one(`INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, starts_at, ends_at, room)
		SELECT t.id, t.policy_issue_id, 'kenya-igf-last-mile', 'Kenya IGF: last-mile connectivity', 'workshop', $2, $3, 'Online'
		FROM tracks t WHERE t.slug = $1 RETURNING id`, "kenya-igf-access", start, start.Add(time.Hour))
	if err != nil {
		return err
	}
	if err := s.exec(`INSERT INTO agenda_items (session_id, position, title, minutes) VALUES ($1, 1, 'Community networks in Kenya', 40), ($1, 2, 'Messages for the global Forum', 20)`, id); err != nil {
		return err
	}
	if err := s.exec(`INSERT INTO session_roles (session_id, account_id, role, via_nri_id) VALUES ($1, $2, 'moderator', $4), ($1, $3, 'moderator', NULL)`,
		id, s.people["nri"], s.people["moderator"], kenya); err != nil {
		return err
	}
	return s.exec(`INSERT INTO session_coorganisers (session_id, nri_id, state) VALUES ($1, $2, 'accepted')`, id, kenya)
}

// seedNRITrack adds one initiative's track with its adopted
// recommendation and, when link names a global track, its link.
func (s *seeder) seedNRITrack(nri int64, i int, slug, title, issue, link, recTitle, body string) error {
	track, err := s.one(`INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title, description, nri_id)
		VALUES ($1, $2, 'nri', $3, $4, '', $5) RETURNING id`, s.edition, s.issues[issue], slug, title, nri)
	if err != nil {
		return err
	}
	adopted := s.now.Add(-time.Duration(48-i) * time.Hour)
	rec, err := s.one(`INSERT INTO recommendations (policy_issue_id, track_id, title, state, created_by, created_at, adopted_at)
		VALUES ($1, $2, $3, 'adopted', $4, $5, $6) RETURNING id`, s.issues[issue], track, recTitle, s.people["nri"], adopted.Add(-2*time.Hour), adopted)
	if err != nil {
		return err
	}
	if err := s.exec(`INSERT INTO recommendation_versions (recommendation_id, version, body, note, created_by, created_at)
		VALUES ($1, 1, $2, '', $3, $4)`, rec, body, s.people["nri"], adopted.Add(-2*time.Hour)); err != nil {
		return err
	}
	if link == "" {
		return nil
	}
	if link[0] == '?' {
		return s.exec(`INSERT INTO track_links (nri_track_id, global_track_id, asked_by, note) VALUES ($1, $2, $3, $4)`,
			track, s.tracks[link[1:]], s.people["nri"], "Our messages on AI, for the global track.")
	}
	return s.exec(`INSERT INTO track_links (nri_track_id, global_track_id, state, asked_by, asked_at, decided_by, decided_at)
		VALUES ($1, $2, 'accepted', $3, $4, $5, $4)`, track, s.tracks[link], s.people["nri"], adopted.Add(time.Hour), s.people["secretariat"])
}

// nullID is NULL for the zero id.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
