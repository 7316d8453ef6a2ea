package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"time"
)

// leanConn is one keep-alive HTTP/1.1 connection that sends a request and
// reads its whole answer, one at a time, as a load generator such as wrk
// does. The votes benchmark's client shares the two cores with the server
// and Postgres; net/http's client (a pool, two goroutines a connection,
// header maps) cost about as much CPU a ballot as the server's own request
// handling, which measured the client rather than the server.
type leanConn struct {
	addr, host string
	conn       net.Conn
	r          *bufio.Reader
	req        []byte
}

// requestTimeout bounds one request and its answer.
const requestTimeout = 30 * time.Second

// leanAddr is base's host:port, when base is a plain http:// address, all
// the lean client speaks.
func leanAddr(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return "", fmt.Errorf("bench: the lean client speaks plain http to host:port, not %q", base)
	}
	return u.Host, nil
}

// newLeanConn is a connection to addr (from leanAddr); it dials on the
// first request and again after an error or an answer that closes it.
func newLeanConn(addr string) *leanConn {
	return &leanConn{addr: addr, host: addr}
}

// do sends method path with the bearer token and a JSON body (nil: none)
// and returns the answer's status once its body has been read.
func (c *leanConn) do(ctx context.Context, method, path, token string, body []byte) (int, error) {
	if c.conn == nil {
		d := net.Dialer{Timeout: 10 * time.Second}
		conn, err := d.DialContext(ctx, "tcp", c.addr)
		if err != nil {
			return 0, err
		}
		c.conn, c.r = conn, bufio.NewReaderSize(conn, 4096)
	}
	// As net/http's client did with its Timeout: no answer waits longer
	// than requestTimeout, nor past ctx's deadline.
	deadline := time.Now().Add(requestTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	c.conn.SetDeadline(deadline)
	status, closing, err := c.roundTrip(method, path, token, body)
	if err != nil || closing {
		c.close()
	}
	return status, err
}

func (c *leanConn) roundTrip(method, path, token string, body []byte) (status int, closing bool, err error) {
	c.req = append(c.req[:0], method...)
	c.req = append(c.req, ' ')
	c.req = append(c.req, path...)
	c.req = append(c.req, " HTTP/1.1\r\nHost: "...)
	c.req = append(c.req, c.host...)
	c.req = append(c.req, "\r\nAuthorization: Bearer "...)
	c.req = append(c.req, token...)
	if body != nil {
		c.req = append(c.req, "\r\nContent-Type: application/json\r\nContent-Length: "...)
		c.req = strconv.AppendInt(c.req, int64(len(body)), 10)
	}
	c.req = append(c.req, "\r\n\r\n"...)
	c.req = append(c.req, body...)
	if _, err := c.conn.Write(c.req); err != nil {
		return 0, false, err
	}
	return readAnswer(c.r)
}

func (c *leanConn) close() {
	if c.conn != nil {
		c.conn.Close()
		c.conn, c.r = nil, nil
	}
}

// readAnswer reads one HTTP/1.1 answer from r, its body discarded, and
// returns its status and whether the server closes the connection after
// it. It knows Content-Length and chunked bodies, which is all the server
// sends.
func readAnswer(r *bufio.Reader) (status int, closing bool, err error) {
	line, err := r.ReadSlice('\n')
	if err != nil {
		return 0, false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, false, fmt.Errorf("bench: not an HTTP/1.1 status line: %q", line)
	}
	if status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return 0, false, fmt.Errorf("bench: bad status line %q", line)
	}
	length, chunked := -1, false
	for {
		line, err = r.ReadSlice('\n')
		if err != nil {
			return 0, false, err
		}
		h := bytes.TrimRight(line, "\r\n")
		if len(h) == 0 {
			break
		}
		name, value, _ := bytes.Cut(h, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return 0, false, fmt.Errorf("bench: bad Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			closing = bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case chunked:
		return status, closing, discardChunks(r)
	case length >= 0:
		_, err = r.Discard(length)
		return status, closing, err
	}
	return 0, false, fmt.Errorf("bench: an answer with neither a length nor chunks")
}

// discardChunks reads a chunked body to its end.
func discardChunks(r *bufio.Reader) error {
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		sizeText, _, _ := bytes.Cut(bytes.TrimRight(line, "\r\n"), []byte(";"))
		size, err := strconv.ParseInt(string(sizeText), 16, 64)
		if err != nil || size < 0 {
			return fmt.Errorf("bench: bad chunk size %q", line)
		}
		if size == 0 {
			for { // trailers, to the blank line
				line, err = r.ReadSlice('\n')
				if err != nil || len(bytes.TrimRight(line, "\r\n")) == 0 {
					return err
				}
			}
		}
		if _, err := io.CopyN(io.Discard, r, size+2); err != nil {
			return err
		}
	}
}
