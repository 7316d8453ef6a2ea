package roomclient

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	be "encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Poller reads its connections through a few epoll loops instead of a
// goroutine and a WebSocket library each. It is for load generators that
// share a small machine with the server they measure (the fanout
// benchmark): a goroutine wake-up and an empty read for every message would
// cost them more than the server spends on the delivery. It speaks just
// what a client needs of RFC 6455: the opening handshake, unmasked server
// frames (text, continued, ping, close) and masked client frames.
//
// On platforms without epoll NewPoller returns nil, and a nil Poller in
// Options means a goroutine a connection.
type Poller struct {
	loops []*pollLoop
	next  int
	mu    sync.Mutex
}

type pollLoop struct {
	epfd  int
	mu    sync.Mutex
	conns map[int32]*polledConn
}

// polledConn is one connection read by a pollLoop.
type polledConn struct {
	fd     int
	l      *pollLoop
	c      *Conn
	buf    []byte // unparsed bytes
	msg    []byte // a line cut between two frames of a message
	closed bool
}

// NewPoller starts loops epoll loops (GOMAXPROCS is a good number).
func NewPoller(loops int) (*Poller, error) {
	p := &Poller{}
	for range loops {
		epfd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
		if err != nil {
			p.Stop()
			return nil, err
		}
		l := &pollLoop{epfd: epfd, conns: make(map[int32]*polledConn)}
		p.loops = append(p.loops, l)
		go l.run()
	}
	return p, nil
}

// Stop ends the loops (their next wait fails on the closed descriptor);
// close the connections first.
func (p *Poller) Stop() {
	if p == nil {
		return
	}
	for _, l := range p.loops {
		syscall.Close(l.epfd)
	}
}

// dial opens a WebSocket to wsURL and has a loop read it for c.
func (p *Poller) dial(ctx context.Context, wsURL string, header http.Header, c *Conn) error {
	u, err := url.Parse(wsURL)
	if err != nil {
		return err
	}
	if u.Scheme != "ws" {
		return errors.New("roomclient: a Poller speaks ws:// only")
	}
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return err
	}
	rest, err := handshake(nc, u, header)
	if err != nil {
		nc.Close()
		return err
	}
	// A copy of the socket, out of Go's own poller (closing nc takes it
	// out), which would otherwise wake for every message too.
	fd, err := dupSocket(nc)
	nc.Close()
	if err != nil {
		return err
	}
	p.mu.Lock()
	l := p.loops[p.next%len(p.loops)]
	p.next++
	p.mu.Unlock()
	pc := &polledConn{fd: fd, l: l, c: c, buf: append(make([]byte, 0, 16<<10), rest...)}
	c.transport = pc
	l.mu.Lock()
	l.conns[int32(fd)] = pc
	l.mu.Unlock()
	ev := syscall.EpollEvent{Events: syscall.EPOLLIN | syscall.EPOLLRDHUP, Fd: int32(fd)}
	if err := syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_ADD, fd, &ev); err != nil {
		l.mu.Lock()
		delete(l.conns, int32(fd))
		l.mu.Unlock()
		syscall.Close(fd)
		return err
	}
	l.mu.Lock()
	if len(pc.buf) > 0 { // the server's first frames came with its answer
		pc.parse()
	}
	l.mu.Unlock()
	return nil
}

// close has the loop see the end and clean up. Under the loop's lock, and
// only while the descriptor is still this connection's: once the loop has
// closed it, its number may be another socket's.
func (pc *polledConn) close() {
	pc.l.mu.Lock()
	defer pc.l.mu.Unlock()
	if !pc.closed {
		syscall.Shutdown(pc.fd, syscall.SHUT_RD)
	}
}

// write sends one masked text frame, under the loop's lock (the loop
// answers pings on the same socket); a full socket is waited for outside it.
func (pc *polledConn) write(msg []byte, deadline time.Time) error {
	frame := maskedFrame(0x1, msg)
	for len(frame) > 0 {
		pc.l.mu.Lock()
		if pc.closed {
			pc.l.mu.Unlock()
			return ErrClosed
		}
		n, err := syscall.Write(pc.fd, frame)
		pc.l.mu.Unlock()
		switch {
		case errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EINTR):
			if time.Now().After(deadline) {
				return errors.New("roomclient: write timed out")
			}
			time.Sleep(time.Millisecond)
		case err != nil:
			return err
		default:
			frame = frame[n:]
		}
	}
	return nil
}

// handshake sends the opening request and reads the answer; it returns
// whatever came after the answer (the first frames).
func handshake(nc net.Conn, u *url.URL, header http.Header) ([]byte, error) {
	key := make([]byte, 16)
	rand.Read(key)
	nc.SetDeadline(time.Now().Add(30 * time.Second))
	defer nc.SetDeadline(time.Time{})
	req := &http.Request{Method: http.MethodGet, URL: u, Host: u.Host, Header: header.Clone(), ProtoMajor: 1, ProtoMinor: 1}
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Sec-WebSocket-Key", base64.StdEncoding.EncodeToString(key))
	req.Header.Set("Sec-WebSocket-Version", "13")
	if err := req.Write(nc); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(nc, 4096)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		resp.Body.Close()
		return nil, &DialError{Status: resp.StatusCode, Body: strings.TrimSpace(string(body))}
	}
	rest, _ := br.Peek(br.Buffered())
	return bytes.Clone(rest), nil
}

// dupSocket returns a new descriptor for nc's socket (non-blocking, as Go
// left it).
func dupSocket(nc net.Conn) (int, error) {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return 0, errors.New("not a socket")
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, err
	}
	fd, derr := -1, error(nil)
	err = raw.Control(func(f uintptr) { fd, derr = syscall.Dup(int(f)) })
	if err == nil {
		err = derr
	}
	if err == nil {
		syscall.CloseOnExec(fd)
	}
	return fd, err
}

// pollGather is how long a loop lets readiness gather between waits.
const pollGather = time.Millisecond

func (l *pollLoop) run() {
	events := make([]syscall.EpollEvent, 256)
	for {
		n, err := syscall.EpollWait(l.epfd, events, -1)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return // stopped
		}
		l.mu.Lock()
		for _, ev := range events[:n] {
			if pc := l.conns[ev.Fd]; pc != nil {
				pc.readable()
			}
		}
		l.mu.Unlock()
		// Let readiness gather for a moment: the server's write to a
		// client asleep in epoll_wait pays for waking it, and on one
		// machine that is the server's CPU. It delays (and so worsens)
		// the measured latency by at most this much.
		time.Sleep(pollGather)
	}
}

// readable reads what the socket has (level-triggered: once, and again
// only if the buffer filled) and handles the complete frames; called with
// the loop's lock held.
func (pc *polledConn) readable() {
	for {
		if cap(pc.buf)-len(pc.buf) < 4096 {
			pc.buf = growBuf(pc.buf, cap(pc.buf))
		}
		n, err := syscall.Read(pc.fd, pc.buf[len(pc.buf):cap(pc.buf)])
		if errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EINTR) {
			return
		}
		if err != nil || n == 0 {
			pc.end(0)
			return
		}
		full := len(pc.buf)+n == cap(pc.buf)
		pc.buf = pc.buf[:len(pc.buf)+n]
		pc.parse()
		if !full {
			return
		}
	}
}

// growBuf returns b with room for at least more bytes after its content.
func growBuf(b []byte, more int) []byte {
	nb := make([]byte, len(b), len(b)+more+4096)
	copy(nb, b)
	return nb
}

// parse handles every complete frame in pc.buf and keeps the rest at the
// front of the buffer (a copy only of an incomplete frame's bytes, once).
func (pc *polledConn) parse() {
	b := pc.buf
	for !pc.closed {
		op, fin, payload, size, ok := nextFrame(b)
		if !ok {
			if size > cap(pc.buf) { // make room for the whole frame
				pc.buf = growBuf(pc.buf, size)
				b = pc.buf[len(pc.buf)-len(b):]
			}
			break
		}
		b = b[size:]
		switch op {
		case 0x1, 0x0: // text, continuation
			pc.text(payload, fin)
		case 0x9: // ping (a control frame is small: the socket takes it)
			syscall.Write(pc.fd, maskedFrame(0xA, payload))
		case 0x8: // close
			code := 1005 // no status
			if len(payload) >= 2 {
				code = int(be.BigEndian.Uint16(payload))
			}
			syscall.Write(pc.fd, maskedFrame(0x8, payload[:min(len(payload), 2)]))
			pc.end(code)
		}
	}
	if len(b) < len(pc.buf) { // something was consumed
		pc.buf = pc.buf[:copy(pc.buf, b)]
	}
}

// text handles the lines of a text frame as they come: a message in
// several frames (a resume's backlog) is never put back together, only a
// line cut between two frames is.
func (pc *polledConn) text(payload []byte, fin bool) {
	now := time.Now().UnixNano()
	if len(pc.msg) > 0 { // the end of a cut line comes first
		i := bytes.IndexByte(payload, '\n')
		if i < 0 && !fin {
			pc.msg = append(pc.msg, payload...)
			return
		}
		if i < 0 {
			i = len(payload)
		}
		pc.msg = append(pc.msg, payload[:i]...)
		pc.c.handleMessage(pc.msg, now)
		pc.msg = pc.msg[:0]
		if i == len(payload) {
			return
		}
		payload = payload[i+1:]
	}
	if !fin { // keep the last, cut line for the next frame
		j := bytes.LastIndexByte(payload, '\n')
		pc.msg = append(pc.msg, payload[j+1:]...)
		payload = payload[:max(j, 0)]
	}
	pc.c.handleMessage(payload, now)
}

// nextFrame decodes the frame b starts with, if it is all there; if only
// its header is, size still says how big it is.
func nextFrame(b []byte) (op byte, fin bool, payload []byte, size int, ok bool) {
	if len(b) < 2 {
		return 0, false, nil, 0, false
	}
	fin, op = b[0]&0x80 != 0, b[0]&0x0f
	n, head := int(b[1]&0x7f), 2
	switch n {
	case 126:
		if len(b) < 4 {
			return 0, false, nil, 0, false
		}
		n, head = int(be.BigEndian.Uint16(b[2:4])), 4
	case 127:
		if len(b) < 10 {
			return 0, false, nil, 0, false
		}
		n, head = int(be.BigEndian.Uint64(b[2:10])), 10
	}
	if len(b) < head+n {
		return 0, false, nil, head + n, false // size: what the frame needs
	}
	return op, fin, b[head : head+n], head + n, true
}

// maskedFrame is a final client frame; its mask is all zeros, which leaves
// the payload as it is (clients must mask, with any key).
func maskedFrame(op byte, payload []byte) []byte {
	head := []byte{0x80 | op, 0x80 | byte(len(payload))}
	switch {
	case len(payload) > 0xffff:
		head = be.BigEndian.AppendUint64(append(head[:1], 0x80|127), uint64(len(payload)))
	case len(payload) > 125:
		head = be.BigEndian.AppendUint16(append(head[:1], 0x80|126), uint16(len(payload)))
	}
	return append(append(head, 0, 0, 0, 0), payload...)
}

// end closes the connection and tells its Conn; called with the loop's
// lock held.
func (pc *polledConn) end(code int) {
	if pc.closed {
		return
	}
	pc.closed = true
	delete(pc.l.conns, int32(pc.fd))
	syscall.EpollCtl(pc.l.epfd, syscall.EPOLL_CTL_DEL, pc.fd, nil)
	syscall.Close(pc.fd)
	pc.c.end(code)
}
