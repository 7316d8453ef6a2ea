package voting

import (
	"crypto/rand"
	"encoding/hex"
)

// Ballot is one vote on its way into the ballot box, or a working row read
// back. It names no voter: Tag only makes a second ballot by the same voter
// collide, and Sealed holds what it says, readable with the poll's key.
type Ballot struct {
	PollID int64
	ID     [16]byte
	Tag    []byte
	Sealed []byte
	// VoterID is used to check the electorate and standing, and is never
	// stored.
	VoterID int64
}

// Receipt lets voters find their ballot on the poll's public bulletin once
// it closes. AlreadyVoted says that the voter's ballot was in the box
// before this cast: the receipt and choice are that ballot's.
type Receipt struct {
	PollID       int64  `json:"poll_id"`
	Receipt      string `json:"receipt"`
	Choice       Choice `json:"choice"`
	AlreadyVoted bool   `json:"already_voted,omitempty"`
}

// receiptOf is the receipt of a ballot whose content is c.
func receiptOf(poll int64, id [16]byte, c Choice) Receipt {
	return Receipt{PollID: poll, Receipt: hex.EncodeToString(id[:]), Choice: c}
}

// NewBallotID is a random ballot id: ids say nothing about when or by whom.
func NewBallotID() [16]byte {
	var id [16]byte
	_, _ = rand.Read(id[:]) // crypto/rand.Read never fails on supported platforms
	return id
}
