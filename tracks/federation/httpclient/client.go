// Package httpclient is the NRI installation's client of the global
// installation's federation API: every request is signed with the
// upstream's secret by the Standard Webhooks scheme, as the relay signs.
package httpclient

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

var _ federation.Upstreams = (*Client)(nil)

// Client calls the upstream. The upstream's address is set by this
// installation's secretariat, so it is trusted as configured (no private
// address guard, unlike the relay's, whose endpoints come from outside);
// redirects are not followed.
type Client struct{ http *http.Client }

// New returns a client whose requests time out after timeout.
func New(timeout time.Duration) *Client {
	return &Client{http: &http.Client{Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Agenda pulls the global agenda.
func (c *Client) Agenda(ctx context.Context, u federation.Upstream) (federation.Agenda, error) {
	var a federation.Agenda
	return a, c.call(ctx, u, http.MethodGet, "agenda", newID(), nil, &a)
}

// AskLink asks for a link.
func (c *Client) AskLink(ctx context.Context, u federation.Upstream, r federation.LinkRequest) (federation.LinkAnswer, error) {
	var a federation.LinkAnswer
	return a, c.call(ctx, u, http.MethodPost, "links", newID(), r, &a)
}

// Push sends an output with its webhook-id.
func (c *Client) Push(ctx context.Context, u federation.Upstream, eventID string, o federation.Output) error {
	return c.call(ctx, u, http.MethodPost, "outputs", eventID, o, nil)
}

// call sends a signed request to /api/federation/peers/{peer}/{what}.
func (c *Client) call(ctx context.Context, u federation.Upstream, method, what, id string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	url := strings.TrimSuffix(u.URL, "/") + "/api/federation/peers/" + strconv.FormatInt(u.PeerID, 10) + "/" + what
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if err := stdwebhooks.SetHeaders(req.Header, []string{u.Secret}, id, time.Now(), body); err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return &igfplus.Error{Code: igfplus.EUnavailable, Message: "The global installation cannot be reached.", Err: err}
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode >= 300 {
		return upstreamError(resp.StatusCode, raw)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// upstreamError carries the upstream's refusal to this installation's
// caller: its problem's detail, with a matching kind.
func upstreamError(status int, raw []byte) error {
	var p struct {
		Detail string `json:"detail"`
	}
	json.Unmarshal(raw, &p)
	code := igfplus.EUnavailable
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusNotFound:
		code = igfplus.EInvalid
	case http.StatusConflict:
		code = igfplus.EConflict
	case http.StatusUnauthorized, http.StatusForbidden:
		code = igfplus.EForbidden
	}
	return igfplus.Errorf(code, "The global installation answered %d: %s", status, p.Detail)
}

func newID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return fmt.Sprintf("msg_%s", hex.EncodeToString(b))
}
