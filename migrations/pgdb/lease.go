package pgdb

// ClaimDue returns the start of the statement that leases up to $1 due rows
// of a work queue table to worker $2 for $3 seconds, aliased o for what the
// caller appends (more FROM items after ", ", then WHERE o.id = due.id and
// RETURNING). Due are the rows pending whose next_attempt_at has come and
// the rows in state busy whose lease (claimed_until) ran out, their worker
// having crashed; SKIP LOCKED lets concurrent workers take disjoint rows
// without waiting. Each claim counts an attempt, on which the outcome's
// update is fenced with claimed_by, so that a worker whose lease was taken
// over cannot overwrite the newer attempt's outcome. The table has the
// columns id, state, next_attempt_at, claimed_by, claimed_until and
// attempts; table and busy are the caller's constants, never user input.
func ClaimDue(table, busy string) string {
	return `WITH due AS (
			SELECT id FROM ` + table + `
			WHERE (state = 'pending' AND next_attempt_at <= now())
			   OR (state = '` + busy + `' AND claimed_until < now())
			ORDER BY next_attempt_at, id
			LIMIT $1 FOR UPDATE SKIP LOCKED)
		UPDATE ` + table + ` o SET state = '` + busy + `', claimed_by = $2,
			claimed_until = now() + make_interval(secs => $3), attempts = o.attempts + 1
		FROM due`
}
