package localredis_test

import (
	"context"
	"errors"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/deploy/localredis"
	"github.com/igfplus/igfplus/deploy/testenv"
)

func TestStartKillRestartKeepsAddressAndPassword(t *testing.T) {
	ctx := context.Background()
	s, err := localredis.Start(ctx, t.TempDir(), localredis.Options{})
	if errors.Is(err, localredis.ErrNoBinary) {
		testenv.Missing(t, "%v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	opt, err := redis.ParseURL(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opt)
	defer c.Close()
	if err := c.Set(ctx, "k", "v", 0).Err(); err != nil {
		t.Fatal(err)
	}
	noAuth := redis.NewClient(&redis.Options{Addr: s.Addr})
	defer noAuth.Close()
	if err := noAuth.Ping(ctx).Err(); err == nil {
		t.Fatal("server answered without its password")
	}

	if err := s.Kill(); err != nil {
		t.Fatal(err)
	}
	// No retries: a refused connection is the answer.
	down := redis.NewClient(&redis.Options{Addr: s.Addr, Password: s.Password, MaxRetries: -1})
	defer down.Close()
	if err := down.Ping(ctx).Err(); err == nil {
		t.Fatal("Ping succeeded after Kill")
	}
	if err := s.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatalf("same URL after Restart: %v", err)
	}
	if n, _ := c.Exists(ctx, "k").Result(); n != 0 {
		t.Fatal("data survived a restart without Durable")
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
}
