package main

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"time"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/voting"
	votingstore "github.com/igfplus/igfplus/tracks/voting/pgstore"
)

// newVoting wires the voting service and its store.
// The token key no longer enters the ballot key (ballotkey.go): the
// parameter stays for the caller's sake.
func newVoting(cfg Config, _ ed25519.PrivateKey, db *pgdb.DB, pub votingstore.Publisher, sessions voting.Authority, amender votingstore.Amender) (*voting.Service, *votingstore.Store, error) {
	key, err := ballotKey(cfg)
	if err != nil {
		return nil, nil, err
	}
	keys, err := voting.NewKeys(key)
	if err != nil {
		return nil, nil, err
	}
	store := votingstore.New(db, pub, amender, keys)
	return voting.NewService(store, sessions, keys), store, nil
}

// runPollSchedule opens and closes scheduled polls until ctx ends.
func runPollSchedule(ctx context.Context, svc *voting.Service, log *slog.Logger) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if err := svc.RunSchedule(ctx, now); err != nil && ctx.Err() == nil {
				log.Warn("poll schedule", "err", err)
			}
		}
	}
}

// reportPolls feeds the session report with the polls held in a session.
type reportPolls struct{ voting *voting.Service }

// PollsOfSession lists a session's polls with their outcomes and, once
// closed, their votes per answer or option.
func (r reportPolls) PollsOfSession(ctx context.Context, sessionID int64) ([]sessions.PollOutcome, error) {
	polls, err := r.voting.PollsOfSession(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	out := make([]sessions.PollOutcome, 0, len(polls))
	for _, p := range polls {
		o := sessions.PollOutcome{ID: p.ID, Question: p.Question, State: string(p.State), Options: []sessions.PollOption{}}
		if p.Result != nil {
			o.Outcome = string(p.Result.Outcome)
			o.Options = pollOptions(p, p.Result.Overall)
		}
		out = append(out, o)
	}
	return out, nil
}

func pollOptions(p voting.Poll, c voting.Counts) []sessions.PollOption {
	if p.Kind == voting.YesNoAbstain {
		return []sessions.PollOption{{Label: voting.Yes, Votes: c.Yes}, {Label: voting.No, Votes: c.No}, {Label: voting.Abstain, Votes: c.Abstain}}
	}
	opts := make([]sessions.PollOption, len(p.Options))
	for i, label := range p.Options {
		opts[i] = sessions.PollOption{Label: label, Votes: c.Options[i]}
	}
	return opts
}
