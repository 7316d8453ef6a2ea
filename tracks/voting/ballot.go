package voting

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Ballot is one vote on its way into the ballot box. It names no voter:
// Tag only makes a second ballot by the same voter collide.
type Ballot struct {
	PollID    int64
	ID        [16]byte
	Tag       []byte
	Choice    Choice
	Group     igfplus.StakeholderGroup
	Region    igfplus.Region
	VoterName string // named polls only
	// VoterID is used to check the electorate and is never stored.
	VoterID int64
}

// Receipt lets voters find their ballot on the poll's public bulletin once
// it closes.
type Receipt struct {
	PollID  int64  `json:"poll_id"`
	Receipt string `json:"receipt"`
	Choice  Choice `json:"choice"`
}

// ReceiptOf is the receipt for a committed ballot.
func ReceiptOf(b Ballot) Receipt {
	return Receipt{PollID: b.PollID, Receipt: hex.EncodeToString(b.ID[:]), Choice: b.Choice}
}

// Tagger computes voter tags: HMAC-SHA256 under a key kept out of the
// database, so that the database alone cannot tell whose ballot a tag is.
type Tagger struct{ key []byte }

// NewTagger returns a Tagger; the key must have at least 32 bytes.
func NewTagger(key []byte) (*Tagger, error) {
	if len(key) < 32 {
		return nil, errors.New("the ballot key needs at least 32 bytes")
	}
	return &Tagger{key: key}, nil
}

// Tag is the voter tag of account in poll.
func (t *Tagger) Tag(poll, account int64) []byte {
	m := hmac.New(sha256.New, t.key)
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(poll))
	binary.BigEndian.PutUint64(b[8:], uint64(account))
	m.Write(b[:])
	return m.Sum(nil)
}

// NewBallotID is a random ballot id: ids say nothing about when or by whom.
func NewBallotID() [16]byte {
	var id [16]byte
	_, _ = rand.Read(id[:]) // crypto/rand.Read never fails on supported platforms
	return id
}
