package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/voting"
)

// errVerifyFailed makes the process exit non-zero after verify has said
// what disagrees.
var errVerifyFailed = errors.New("verification failed")

// verify recomputes a closed poll's chain and tally from its public ballot
// log alone: from a server (--url and --poll) or a saved file (--file).
func verify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("igfplus verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "the installation's public URL, e.g. https://forum.example")
	poll := fs.Int64("poll", 0, "the poll's id")
	file := fs.String("file", "", "a saved ballot log (the JSON of /api/polls/{id}/log), or - for standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	raw, err := readBallotLog(ctx, *base, *poll, *file)
	if err != nil {
		return err
	}
	l, err := voting.ParseLog(raw)
	if err != nil {
		return err
	}
	if err := l.Verify(); err != nil {
		fmt.Fprintf(stdout, "poll %d: NOT VERIFIED: %v\n", l.PollID, err)
		return errVerifyFailed
	}
	fmt.Fprintf(stdout, "poll %d: verified: %d ballots, outcome %s, chain head %s\n", l.PollID, len(l.Entries), l.Result.Outcome, l.ChainHead)
	return nil
}

func readBallotLog(ctx context.Context, base string, poll int64, file string) ([]byte, error) {
	switch {
	case file == "-":
		return io.ReadAll(io.LimitReader(os.Stdin, 1<<30))
	case file != "":
		return os.ReadFile(file)
	case base == "" || poll <= 0:
		return nil, fmt.Errorf("give --url and --poll, or --file")
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/polls/%d/log", strings.TrimRight(base, "/"), poll), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<30))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s: %s", req.URL, resp.Status, strings.TrimSpace(string(body)))
	}
	return body, nil
}
