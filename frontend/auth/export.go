package auth

import (
	"encoding/json"
	"time"
)

// exportFormat names the export's layout, for whoever reads it later.
const exportFormat = "igfplus-account-export/1"

// exportJSON is the document GET /me/export answers.
type exportJSON struct {
	Format   string                     `json:"format"`
	Exported time.Time                  `json:"exported_at"`
	Data     map[string]json.RawMessage `json:"data"`
	// NotIncluded says what the platform holds that the export leaves
	// out, and why.
	NotIncluded map[string]string `json:"not_included"`
}

// notExported is the export's own account of what it leaves out.
var notExported = map[string]string{
	"password":           "Only a one-way hash of the password is kept; it is no use to anyone and is left out.",
	"sessions_and_links": "Refresh tokens, mailed links and the calendar feed's secret are kept only as hashes, and would open the account: left out.",
	"ballots":            "Ballots are not linked to accounts: a ballot holds a tag under the poll's key (dropped when the poll closes) and a random receipt that only the voter was shown. The platform cannot tell which ballot is yours, so none is exported; the polls you could vote in are listed under electorates.",
	"presence":           "Who is in a room right now is kept only while it lasts.",
	"mail_bodies":        "The mails sent to you are listed (kind, subject, when); their bodies held single-use links and are left out.",
	"work_in_a_role":     "What you did as a moderator, rapporteur or for the Secretariat (reports, publications, decisions on others' requests) is part of the Forum's record about others and is not exported; polls you created are listed.",
}
