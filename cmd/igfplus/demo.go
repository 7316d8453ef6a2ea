package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/igfplus/igfplus/deploy/demo"
	"github.com/igfplus/igfplus/tracks/accounts/argon2id"
)

// seedDemo seeds the demo forum into an empty database and exits.
func seedDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return withStorage(ctx, "igfplus demo", args, stderr, func(log *slog.Logger, st *storage) error {
		logins, err := seedIfEmpty(ctx, st, log)
		if err != nil {
			return err
		}
		if logins == nil {
			fmt.Fprintln(stdout, "demo: the database already holds a forum; nothing seeded")
			return nil
		}
		printLogins(stdout, logins)
		return nil
	})
}

// seedIfEmpty seeds the demo forum unless an edition exists; it returns the
// demo sign-ins, or nil when nothing was seeded.
func seedIfEmpty(ctx context.Context, st *storage, log *slog.Logger) ([]demo.Login, error) {
	seeded, err := demo.Seeded(ctx, st.db)
	if err != nil || seeded {
		return nil, err
	}
	logins, err := demo.Seed(ctx, st.db, time.Now(), argon2id.Default().Hash)
	if err != nil {
		return nil, err
	}
	log.Info("demo forum seeded", "accounts", len(logins))
	return logins, nil
}

func printLogins(w io.Writer, logins []demo.Login) {
	fmt.Fprintf(w, "Demo sign-ins (password %q):\n", demo.Password)
	for _, l := range logins {
		fmt.Fprintf(w, "  %-36s %s\n", l.Email, l.Role)
	}
}
