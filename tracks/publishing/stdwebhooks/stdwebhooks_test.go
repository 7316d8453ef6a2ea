package stdwebhooks

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

// The specification's test vector (used by every reference library).
const (
	vecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vecID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vecTS     = 1614265330
	vecBody   = `{"test": 2432232314}`
	vecSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func TestSignMatchesTheSpecificationVector(t *testing.T) {
	got, err := Sign([]string{vecSecret}, vecID, time.Unix(vecTS, 0), []byte(vecBody))
	if err != nil || got != vecSig {
		t.Fatalf("Sign = %q, %v; want %q", got, err, vecSig)
	}
}

func TestVerifyAcceptsValidAndRotatedAndRejectsTampering(t *testing.T) {
	now := time.Unix(vecTS, 0)
	priv, pub := NewEd25519Key()
	other := NewHMACSecret()
	_, otherPub := NewEd25519Key()
	both, err := Sign([]string{other, vecSecret, priv}, vecID, now, []byte(vecBody))
	if err != nil {
		t.Fatal(err)
	}
	edOnly, _ := Sign([]string{priv}, vecID, now, []byte(vecBody))
	cases := []struct {
		name    string
		id      string
		ts      int64
		sig     string
		body    string
		secrets []string
		pubs    []string
		now     time.Time
		ok      bool
	}{
		{"v1 vector", vecID, vecTS, vecSig, vecBody, []string{vecSecret}, nil, now, true},
		{"v1a", vecID, vecTS, edOnly, vecBody, nil, []string{pub}, now, true},
		{"rotation: old secret still verifies", vecID, vecTS, both, vecBody, []string{vecSecret}, nil, now, true},
		{"rotation: new secret verifies", vecID, vecTS, both, vecBody, []string{other}, nil, now, true},
		{"rotation: ed25519 verifies", vecID, vecTS, both, vecBody, nil, []string{pub}, now, true},
		{"wrong secret", vecID, vecTS, vecSig, vecBody, []string{NewHMACSecret()}, nil, now, false},
		{"wrong public key", vecID, vecTS, edOnly, vecBody, nil, []string{otherPub}, now, false},
		{"changed body", vecID, vecTS, vecSig, vecBody + " ", []string{vecSecret}, nil, now, false},
		{"changed id", vecID + "x", vecTS, vecSig, vecBody, []string{vecSecret}, nil, now, false},
		{"changed timestamp", vecID, vecTS + 1, vecSig, vecBody, []string{vecSecret}, nil, now, false},
		{"too old", vecID, vecTS, vecSig, vecBody, []string{vecSecret}, nil, now.Add(5*time.Minute + time.Second), false},
		{"too new", vecID, vecTS, vecSig, vecBody, []string{vecSecret}, nil, now.Add(-5*time.Minute - time.Second), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := http.Header{}
			h.Set(HeaderID, c.id)
			h.Set(HeaderTimestamp, strconv.FormatInt(c.ts, 10))
			h.Set(HeaderSignature, c.sig)
			id, err := Verify(c.secrets, c.pubs, h, []byte(c.body), c.now, 5*time.Minute)
			if (err == nil) != c.ok || (c.ok && id != c.id) {
				t.Fatalf("Verify = %q, %v; want ok=%v", id, err, c.ok)
			}
		})
	}
}
