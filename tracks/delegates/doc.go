// Package delegates verifies delegates: participants ask the secretariat to
// verify them as government or intergovernmental delegates or members of
// parliament (what opens the high-level, ministerial and parliamentary
// tracks to them, tracks.RuleOf), and the secretariat accepts or declines,
// each decision kept as an audit record.
//
// It imports nothing of the infrastructure; delegates/pgstore keeps it in
// Postgres.
package delegates
