package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// CreateBody registers a body.
func (s *Store) CreateBody(ctx context.Context, b publishing.Body) (publishing.Body, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO bodies (name, kind) VALUES ($1, $2) RETURNING id, created_at`,
			b.Name, b.Kind).Scan(&b.ID, &b.CreatedAt)
		return pgdb.Wrap(err, "publishing: insert body")
	})
	b.Endpoints = []publishing.Endpoint{}
	return b, err
}

// Bodies lists bodies with their endpoints.
func (s *Store) Bodies(ctx context.Context) ([]publishing.Body, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT id, name, kind, created_at FROM bodies ORDER BY name`)
	bodies, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Body, error) {
		b := publishing.Body{Endpoints: []publishing.Endpoint{}}
		return b, r.Scan(&b.ID, &b.Name, &b.Kind, &b.CreatedAt)
	})
	if err != nil {
		return nil, pgdb.Wrap(err, "publishing: list bodies")
	}
	rows, _ = s.db.Pool.Query(ctx, `SELECT id, body_id, url, enabled, allow_private FROM body_endpoints ORDER BY id`)
	eps, err := pgx.CollectRows(rows, scanEndpoint)
	if err != nil {
		return nil, pgdb.Wrap(err, "publishing: list endpoints")
	}
	for _, e := range eps {
		for i := range bodies {
			if bodies[i].ID == e.BodyID {
				bodies[i].Endpoints = append(bodies[i].Endpoints, e)
			}
		}
	}
	return bodies, nil
}

func scanEndpoint(r pgx.CollectableRow) (publishing.Endpoint, error) {
	var e publishing.Endpoint
	return e, r.Scan(&e.ID, &e.BodyID, &e.URL, &e.Enabled, &e.AllowPrivate)
}

// AddEndpoint adds an endpoint.
func (s *Store) AddEndpoint(ctx context.Context, e publishing.Endpoint) (publishing.Endpoint, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO body_endpoints (body_id, url, enabled, allow_private) VALUES ($1, $2, $3, $4)
			RETURNING id`, e.BodyID, e.URL, e.Enabled, e.AllowPrivate).Scan(&e.ID)
		return pgdb.Wrap(err, "publishing: insert endpoint of body %d", e.BodyID)
	})
	return e, err
}

// SetEndpoint changes an endpoint.
func (s *Store) SetEndpoint(ctx context.Context, e publishing.Endpoint) (publishing.Endpoint, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `UPDATE body_endpoints SET url = $2, enabled = $3, allow_private = $4,
			disabled_reason = CASE WHEN $3 THEN '' ELSE disabled_reason END WHERE id = $1 RETURNING body_id`,
			e.ID, e.URL, e.Enabled, e.AllowPrivate).Scan(&e.BodyID)
		if err != nil {
			return pgdb.Wrap(err, "publishing: update endpoint %d", e.ID)
		}
		// A disabled endpoint gets nothing: its waiting deliveries wait as
		// disabled, and go again, due now, once it is enabled.
		from, to := "pending", "disabled"
		if e.Enabled {
			from, to = to, from
		}
		_, err = tx.Exec(ctx, `UPDATE relay_outbox SET state = $3, next_attempt_at = now() WHERE endpoint_id = $1 AND state = $2`, e.ID, from, to)
		return pgdb.Wrap(err, "publishing: move the deliveries to endpoint %d to %s", e.ID, to)
	})
	return e, pgdb.NotFound(err, "The endpoint")
}

// AddSecret stores a new active secret, sealed; the secret it returns
// carries the plain value, for the one time it is shown.
func (s *Store) AddSecret(ctx context.Context, sec publishing.Secret) (publishing.Secret, error) {
	sealed, err := s.sealSecret(sec.Value, endpointSecretPlace(sec.EndpointID))
	if err != nil {
		return publishing.Secret{}, pgdb.Wrap(err, "publishing: seal a secret of endpoint %d", sec.EndpointID)
	}
	err = s.db.InTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO endpoint_secrets (endpoint_id, kind, secret, public_key) VALUES ($1, $2, $3, $4)
			RETURNING id, created_at`, sec.EndpointID, sec.Kind, sealed, sec.PublicKey).Scan(&sec.ID, &sec.CreatedAt)
		return pgdb.Wrap(err, "publishing: insert a secret of endpoint %d", sec.EndpointID)
	})
	return sec, err
}

// Secrets lists the endpoints' secrets in one query. The secret column is
// never read: a value is shown once, when it is made.
func (s *Store) Secrets(ctx context.Context, endpointIDs []int64) ([]publishing.Secret, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT id, endpoint_id, kind, public_key, active, created_at
		FROM endpoint_secrets WHERE endpoint_id = ANY($1) ORDER BY endpoint_id, id`, endpointIDs)
	secrets, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Secret, error) {
		var sec publishing.Secret
		return sec, r.Scan(&sec.ID, &sec.EndpointID, &sec.Kind, &sec.PublicKey, &sec.Active, &sec.CreatedAt)
	})
	return secrets, pgdb.Wrap(err, "publishing: list secrets")
}

// RetireSecret deactivates a secret, unless it is the last active one of
// an enabled endpoint. The endpoint's row lock makes two retirements of
// its secrets (or a retirement and enabling it) take turns, so that two
// Secretariat members cannot each retire one of its last two secrets.
func (s *Store) RetireSecret(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		var endpoint int64
		var enabled, active bool
		err := tx.QueryRow(ctx, `SELECT e.id, e.enabled, s.active FROM endpoint_secrets s
			JOIN body_endpoints e ON e.id = s.endpoint_id WHERE s.id = $1 FOR UPDATE OF e`, id).Scan(&endpoint, &enabled, &active)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The secret"), "publishing: lock the endpoint of secret %d", id)
		}
		if !active {
			return nil
		}
		if enabled {
			// A statement of its own: under READ COMMITTED it sees what
			// was committed while this one waited for the lock.
			var others int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM endpoint_secrets WHERE endpoint_id = $1 AND active AND id <> $2`,
				endpoint, id).Scan(&others); err != nil {
				return pgdb.Wrap(err, "publishing: count the other active secrets of endpoint %d", endpoint)
			}
			if others == 0 {
				return igfplus.Errorf(igfplus.EConflict, "That is the last active secret of an enabled endpoint: without it, deliveries could not be signed. Add a new secret first, or disable the endpoint.")
			}
		}
		_, err = tx.Exec(ctx, `UPDATE endpoint_secrets SET active = false WHERE id = $1`, id)
		return pgdb.Wrap(err, "publishing: retire secret %d", id)
	})
}

// SetInboundSecret makes secret the body's inbound secret; the one it
// replaces stays valid until the next rotation. Both are sealed, each for
// its column: the replaced one is opened and sealed again for
// previous_inbound_secret. The body's row lock makes two rotations take
// turns.
func (s *Store) SetInboundSecret(ctx context.Context, bodyID int64, secret string) error {
	sealed, err := s.sealSecret(secret, inboundPlace(inboundColumn, bodyID))
	if err != nil {
		return pgdb.Wrap(err, "publishing: seal the inbound secret of body %d", bodyID)
	}
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		var current string
		if err := tx.QueryRow(ctx, `SELECT inbound_secret FROM bodies WHERE id = $1 FOR UPDATE`, bodyID).Scan(&current); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The body"), "publishing: lock body %d", bodyID)
		}
		replaced, err := s.openSecret(current, inboundPlace(inboundColumn, bodyID), "body", bodyID, "column", inboundColumn)
		if err != nil {
			return err
		}
		previous, err := s.sealSecret(replaced, inboundPlace(previousColumn, bodyID))
		if err != nil {
			return pgdb.Wrap(err, "publishing: seal the previous inbound secret of body %d", bodyID)
		}
		_, err = tx.Exec(ctx, `UPDATE bodies SET previous_inbound_secret = $2, inbound_secret = $3 WHERE id = $1`,
			bodyID, previous, sealed)
		return pgdb.Wrap(err, "publishing: store the inbound secrets of body %d", bodyID)
	})
}

// InboundSecrets returns the body's inbound secrets, opened: the current
// one and the one it replaced (none when unset).
func (s *Store) InboundSecrets(ctx context.Context, bodyID int64) ([]string, error) {
	var stored [2]string
	if err := s.db.Pool.QueryRow(ctx, `SELECT inbound_secret, previous_inbound_secret FROM bodies WHERE id = $1`,
		bodyID).Scan(&stored[0], &stored[1]); err != nil {
		return nil, pgdb.Wrap(pgdb.NotFound(err, "The body"), "publishing: read the inbound secrets of body %d", bodyID)
	}
	var out []string
	for i, column := range []string{inboundColumn, previousColumn} {
		sec, err := s.openSecret(stored[i], inboundPlace(column, bodyID), "body", bodyID, "column", column)
		if err != nil {
			return nil, err
		}
		if sec != "" {
			out = append(out, sec)
		}
	}
	return out, nil
}

// AddAnswer records an answer; the same message id from the same body is
// recorded once and answered with the first record.
func (s *Store) AddAnswer(ctx context.Context, a publishing.Answer) (publishing.Answer, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO body_answers (body_id, recommendation_id, state, text, link, message_id)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (body_id, message_id) DO NOTHING RETURNING id, at`,
			a.BodyID, a.RecommendationID, a.State, a.Text, a.Link, a.MessageID).Scan(&a.ID, &a.At)
		if err == pgx.ErrNoRows {
			err = tx.QueryRow(ctx, `SELECT id, recommendation_id, state, text, link, at FROM body_answers
				WHERE body_id = $1 AND message_id = $2`, a.BodyID, a.MessageID).Scan(&a.ID, &a.RecommendationID, &a.State, &a.Text, &a.Link, &a.At)
		}
		return pgdb.Wrap(err, "publishing: record answer of body %d", a.BodyID)
	})
	return a, err
}
