package main

import (
	"context"
	"fmt"
	"io"
)

// migrate applies the migrations and exits.
func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	_, _, st, err := setUp(ctx, "igfplus migrate", args, stderr)
	if err != nil {
		return err
	}
	defer st.close()
	fmt.Fprintln(stdout, "migrations: the schema is up to date")
	return nil
}
