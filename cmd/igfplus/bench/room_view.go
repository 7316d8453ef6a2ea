package bench

import (
	"bytes"
	"encoding/json"
	"sync"
)

// floorView is what the moderator's client knows of the room: the speaking
// queue as of the last floor.changed, and the questions asked so far. Only
// the moderator decodes events fully; everyone else reads them cheaply.
type floorView struct {
	mu        sync.Mutex
	speaker   *floorEntry
	queue     []floorEntry
	questions []int64
}

// floorEntry is a floor request as the benchmark needs it.
type floorEntry struct {
	ID        int64 `json:"id"`
	AccountID int64 `json:"account_id"`
}

func newFloorView() *floorView { return &floorView{} }

var (
	floorKind    = []byte(`"kind":"floor.changed"`)
	questionKind = []byte(`"kind":"question.changed"`)
)

// observe updates the view from one event frame.
func (v *floorView) observe(line []byte) {
	switch {
	case bytes.Contains(line, floorKind):
		var ev struct {
			Data struct {
				Speaker *floorEntry  `json:"speaker"`
				Queue   []floorEntry `json:"queue"`
			} `json:"data"`
		}
		if json.Unmarshal(line, &ev) == nil {
			v.mu.Lock()
			v.speaker, v.queue = ev.Data.Speaker, ev.Data.Queue
			v.mu.Unlock()
		}
	case bytes.Contains(line, questionKind):
		var ev struct {
			Data struct {
				ID    int64 `json:"id"`
				Votes int   `json:"votes"`
			} `json:"data"`
		}
		// A new question has no votes yet; later changes are the same one.
		if json.Unmarshal(line, &ev) == nil && ev.Data.Votes == 0 {
			v.mu.Lock()
			v.questions = append(v.questions, ev.Data.ID)
			v.mu.Unlock()
		}
	}
}

// state returns the current speaker (nil when none) and the queue's head.
func (v *floorView) state() (speaker, next *floorEntry) {
	v.mu.Lock()
	defer v.mu.Unlock()
	speaker = v.speaker
	if len(v.queue) > 0 {
		head := v.queue[0]
		next = &head
	}
	return speaker, next
}

// question returns the id of the i-th question asked, modulo how many.
func (v *floorView) question(i int) (int64, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.questions) == 0 {
		return 0, false
	}
	return v.questions[i%len(v.questions)], true
}
