package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
)

// migrate applies the migrations and exits.
func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return withStorage(ctx, "igfplus migrate", args, stderr, func(*slog.Logger, *storage) error {
		fmt.Fprintln(stdout, "migrations: the schema is up to date")
		return nil
	})
}
