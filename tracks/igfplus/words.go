package igfplus

// Vocabulary lists the words the domain's errors pass as Text arguments
// from values rather than constants: the states of sessions, polls,
// amendments, requests, links and intake items (igfplus.Text(p.State)).
// The source test of the error catalogue (frontend/i18n) reads this list
// from the source, so that each word has its translations; a state added
// to a domain belongs here too.
func Vocabulary() []Text {
	return []Text{
		"unscheduled", "scheduled", "live", "ended", "reported",
		"draft", "open", "closed",
		"proposed", "accepted", "rejected", "under_vote", "withdrawn", "merged",
		"pending", "declined", "adopted", "answered",
	}
}
