package main

import (
	"context"
	"fmt"
	"io"
)

// migrate applies the migrations and exits.
func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig("igfplus migrate", args, stderr)
	if err != nil {
		return err
	}
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	st, err := openStorage(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.close()
	fmt.Fprintln(stdout, "migrations: the schema is up to date")
	return nil
}
