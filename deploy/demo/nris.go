package demo

// seedNRIs verifies the demo's minister as a government delegate and its
// member of parliament, so that the ministerial, high-level and
// parliamentary sessions have people who may speak and vote in them.
func (s *seeder) seedNRIs() error {
	for key, as := range map[string]string{"minister": "government_delegate", "mp": "member_of_parliament"} {
		if err := s.exec(`UPDATE accounts SET verified_as = $2 WHERE id = $1`, s.people[key], as); err != nil {
			return err
		}
	}
	return nil
}
