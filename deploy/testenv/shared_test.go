package testenv

import (
	"context"
	"errors"
	"os"
	"testing"
)

// fakeServer records whether it was stopped.
type fakeServer struct{ stopped bool }

func (f *fakeServer) Stop() error { f.stopped = true; return nil }

// TestASharedServerStartsOnceAndStopsWithItsFolder: however many tests ask,
// the server starts once, in a folder of its own that Stop removes with
// the server stopped.
func TestASharedServerStartsOnceAndStopsWithItsFolder(t *testing.T) {
	starts := 0
	var dir string
	s := Shared[*fakeServer]{Name: "sharedtest", Start: func(_ context.Context, d string) (*fakeServer, error) {
		starts++
		dir = d
		return &fakeServer{}, nil
	}}
	first, err := s.Get()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Get(); again != first || starts != 1 {
		t.Fatalf("%d starts, the same server: %v", starts, again == first)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the server's folder: %v", err)
	}
	s.Stop()
	if _, err := os.Stat(dir); !os.IsNotExist(err) || !first.stopped {
		t.Fatalf("after Stop: folder %v, stopped %v", err, first.stopped)
	}
}

// TestASharedServerThatFailedToStartIsNotTriedAgain: every test gets the
// first start's error, and Stop still removes the folder.
func TestASharedServerThatFailedToStartIsNotTriedAgain(t *testing.T) {
	broken := errors.New("no binaries")
	starts := 0
	var dir string
	s := Shared[*fakeServer]{Name: "sharedtest", Start: func(_ context.Context, d string) (*fakeServer, error) {
		starts++
		dir = d
		return nil, broken
	}}
	for range 2 {
		if _, err := s.Get(); !errors.Is(err, broken) {
			t.Fatalf("Get: %v, want the start's error", err)
		}
	}
	s.Stop()
	if _, err := os.Stat(dir); starts != 1 || !os.IsNotExist(err) {
		t.Fatalf("%d starts; the folder after Stop: %v", starts, err)
	}
}

// TestStoppingASharedServerNeverStartedDoesNothing: a binary whose tests
// never asked for it starts nothing, and stopping it is harmless.
func TestStoppingASharedServerNeverStartedDoesNothing(t *testing.T) {
	s := Shared[*fakeServer]{Name: "sharedtest", Start: func(context.Context, string) (*fakeServer, error) {
		t.Fatal("started")
		return nil, nil
	}}
	s.Stop()
}
