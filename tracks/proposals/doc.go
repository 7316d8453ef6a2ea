// Package proposals is the call for session proposals and the MAG's
// review of them: the Secretariat opens a call per edition between two
// dates with the rubric the reviewers score against; anyone signed in
// proposes a session (its policy issue, track, format, organisers,
// co-organising NRIs and speakers) and edits it until the deadline; the
// Secretariat assigns proposals to members of the Multistakeholder
// Advisory Group (the mag_member role), who score them or declare a
// conflict of interest; the Secretariat reads the aggregated scores, the
// disagreement between reviewers and the balance of what it accepts, and
// decides: accept (the proposal becomes a session of the programme, not
// yet scheduled), reject, or suggest merging it with another proposal.
//
// Nobody sees a review but its author and the Secretariat, and a reviewer
// sees the others' scores of a proposal only once they have scored it.
//
// It imports nothing of the infrastructure; proposals/pgstore keeps it in
// Postgres.
package proposals
