package migrations_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestApplyIsIdempotent(t *testing.T) {
	db := pgtest.DB(t) // already migrated from the template
	sqlDB := stdlib.OpenDBFromPool(db.Pool)
	defer sqlDB.Close()
	applied, err := migrations.Apply(context.Background(), sqlDB)
	if err != nil || len(applied) != 0 {
		t.Fatalf("second Apply: %v, applied %v; want nothing to do", err, applied)
	}
}

func TestAnEditionCannotExceedItsStrategicPolicyIssues(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	var edition int64
	if err := db.Pool.QueryRow(ctx, `
		INSERT INTO editions (year, title, starts_on, ends_on, max_policy_issues)
		VALUES (2030, 'IGF 2030', '2030-06-01', '2030-06-05', 3) RETURNING id`).Scan(&edition); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 4; i++ {
		_, err := db.Pool.Exec(ctx, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, $2, $3, 'Issue')`,
			edition, i, "issue-"+string(rune('0'+i)))
		if i <= 3 && err != nil {
			t.Fatalf("issue %d refused under the cap: %v", i, err)
		}
		if i == 4 && err == nil {
			t.Fatal("a fourth strategic policy issue was accepted over a cap of 3")
		}
	}
}
