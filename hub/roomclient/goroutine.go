package roomclient

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// dialer reads into 16 KiB (a batch of events) and writes small messages.
var dialer = &websocket.Dialer{ReadBufferSize: 16 << 10, WriteBufferSize: 1024, HandshakeTimeout: 30 * time.Second}

// wsTransport is a gorilla connection read by a goroutine of its own.
type wsTransport struct{ ws *websocket.Conn }

func (t wsTransport) write(msg []byte, deadline time.Time) error {
	t.ws.SetWriteDeadline(deadline)
	return t.ws.WriteMessage(websocket.TextMessage, msg)
}

func (t wsTransport) close() { t.ws.Close() }

func dialGoroutine(ctx context.Context, url string, header http.Header, c *Conn) error {
	ws, resp, err := dialer.DialContext(ctx, url, header)
	if err != nil {
		if errors.Is(err, websocket.ErrBadHandshake) && resp != nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
			return &DialError{Status: resp.StatusCode, Body: strings.TrimSpace(string(body))}
		}
		return err
	}
	c.transport = wsTransport{ws}
	if d := c.opts.ReadTimeout; d > 0 {
		ws.SetReadDeadline(time.Now().Add(d))
		ws.SetPingHandler(func(data string) error {
			ws.SetReadDeadline(time.Now().Add(d))
			err := ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
			if errors.Is(err, websocket.ErrCloseSent) {
				return nil
			}
			return err
		})
	}
	go c.read(ws)
	return nil
}

// read handles every message until the connection ends. One buffer a
// connection, reused for every message.
func (c *Conn) read(ws *websocket.Conn) {
	buf := make([]byte, 0, 16<<10)
	code := 0
	for {
		if d := c.opts.ReadTimeout; d > 0 {
			ws.SetReadDeadline(time.Now().Add(d))
		}
		_, r, err := ws.NextReader()
		if err == nil {
			buf, err = readAll(r, buf[:0])
		}
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				code = ce.Code
			}
			break
		}
		c.handleMessage(buf, time.Now().UnixNano())
	}
	ws.Close()
	c.end(code)
}

// readAll appends what r has to buf, growing it only when a message is
// bigger than any before.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, len(buf)) // doubling: few copies
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		}
	}
}
