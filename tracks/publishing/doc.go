// Package publishing is what the high-level body does with adopted
// recommendations: it reviews them with their provenance, edits a summary
// and translations, approves one exact content (two different members'
// approvals of the same ContentHash publish; any edit clears them), and relays
// the published recommendation to decision-making bodies, whose answers
// join the recommendation's public timeline.
//
// The package is the domain only: types, rules, the retry policy of the
// relay and the Service that authorises every action. Postgres lives in
// publishing/pgstore, HTTP delivery in publishing/relay, and the Standard
// Webhooks signatures in publishing/stdwebhooks.
package publishing
