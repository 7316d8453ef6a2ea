package demo

// demoPeople covers every stakeholder group and region, and every platform
// role, with the optional self-described fields filled for some only.
var demoPeople = []struct {
	key, email, name, group, region, country, gender, ageBand string
	roles                                                     []string
}{
	{"secretariat", "secretariat@demo.igf.example", "Chengetai Moyo", "intergovernmental", "intergovernmental", "", "", "", []string{"participant", "secretariat"}},
	{"moderator", "moderator@demo.igf.example", "Lucía Fernández", "civil_society", "latin_american_caribbean", "UY", "woman", "35_plus", []string{"participant", "moderator"}},
	{"hlb1", "panel.chair@demo.igf.example", "Vinton Achebe", "technical_community", "african", "NG", "man", "35_plus", []string{"participant", "hlb_member"}},
	{"hlb2", "panel.member@demo.igf.example", "Maria Ressa-Lind", "private_sector", "western_european_others", "SE", "woman", "35_plus", []string{"participant", "hlb_member"}},
	{"nri", "nri.coordinator@demo.igf.example", "Kwame Mensah", "civil_society", "african", "GH", "", "", []string{"participant", "nri_coordinator"}},
	{"minister", "minister@demo.igf.example", "Aigerim Nurlanovna", "government", "asia_pacific", "KZ", "woman", "35_plus", []string{"participant"}},
	{"mp", "mp@demo.igf.example", "Tomasz Kowalski", "government", "eastern_european", "PL", "man", "35_plus", []string{"participant"}},
	{"youth", "youth@demo.igf.example", "Amina Yusuf", "civil_society", "african", "KE", "woman", "18_24", []string{"participant"}},
	{"academic", "academic@demo.igf.example", "Rajesh Iyer", "academia", "asia_pacific", "IN", "", "25_34", []string{"participant"}},
	{"business", "business@demo.igf.example", "Sophie Martin", "private_sector", "western_european_others", "FR", "", "", []string{"participant"}},
	{"tech", "tech@demo.igf.example", "Layla Haddad", "technical_community", "asia_pacific", "LB", "woman", "25_34", []string{"participant"}},
	{"igo", "igo@demo.igf.example", "Jean-Pierre Ndiaye", "intergovernmental", "intergovernmental", "", "man", "", []string{"participant"}},
	{"mag1", "mag.member@demo.igf.example", "Nanjala Wekesa", "civil_society", "african", "KE", "woman", "35_plus", []string{"participant", "mag_member"}},
	{"mag2", "mag.member2@demo.igf.example", "Diego Alvarez", "technical_community", "latin_american_caribbean", "CL", "man", "35_plus", []string{"participant", "mag_member"}},
}

func (s *seeder) seedPeople(pwHash string) ([]Login, error) {
	s.people = make(map[string]int64)
	var logins []Login
	for _, p := range demoPeople {
		id, err := s.one(`
			INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, country, gender, age_band, first_time, locale,
				email_verified_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now()) RETURNING id`, // verified: only verified accounts vote
			p.email, pwHash, p.name, p.group, p.region, p.country, p.gender, p.ageBand, p.key == "youth", localeOf(p.country))
		if err != nil {
			return nil, err
		}
		s.people[p.key] = id
		for _, r := range p.roles {
			if err := s.exec(`INSERT INTO account_roles (account_id, role) VALUES ($1, $2)`, id, r); err != nil {
				return nil, err
			}
		}
		logins = append(logins, Login{Email: p.email, Role: p.roles[len(p.roles)-1]})
	}
	return logins, nil
}

func localeOf(country string) string {
	switch country {
	case "FR", "PL":
		return "fr"
	case "LB":
		return "ar"
	}
	return "en"
}
