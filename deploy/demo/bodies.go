package demo

// demoBodies are the decision-making bodies of the demo registry. Their
// endpoints are disabled and under .invalid (RFC 6761: never resolves), so
// a demo that publishes a recommendation queues nothing and sends nothing
// anywhere; the Secretariat sees how the registry looks.
var demoBodies = []struct{ name, kind, path string }{
	{"United Nations General Assembly", "un_general_assembly", "unga"},
	{"Commission on Science and Technology for Development (CSTD)", "cstd", "cstd"},
	{"International Telecommunication Union (ITU)", "itu", "itu"},
	{"UNESCO", "unesco", "unesco"},
	{"Parliament of Ghana, Committee on Communications", "parliament", "gh-parliament"},
}

func (s *seeder) seedBodies() error {
	for _, b := range demoBodies {
		id, err := s.one(`INSERT INTO bodies (name, kind) VALUES ($1, $2) RETURNING id`, b.name, b.kind)
		if err != nil {
			return err
		}
		if err := s.exec(`INSERT INTO body_endpoints (body_id, url, enabled, disabled_reason) VALUES ($1, $2, false, 'demo')`,
			id, "https://relay.example.invalid/"+b.path); err != nil {
			return err
		}
	}
	return nil
}
