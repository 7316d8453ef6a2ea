package bench

import (
	"bufio"
	"strings"
	"testing"
)

// TestReadAnswerReadsEachAnswerToItsEnd reads answers of both body kinds
// back to back from one connection's stream, as keep-alive delivers them:
// each must be read whole, or the next status would be read from its body.
func TestReadAnswerReadsEachAnswerToItsEnd(t *testing.T) {
	stream := "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-length: 11\r\n\r\n{\"id\":\"x\"}\n" +
		"HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nTrailer: z\r\n\r\n" +
		"HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
	r := bufio.NewReader(strings.NewReader(stream))
	for _, want := range []struct {
		status  int
		closing bool
	}{{201, false}, {409, false}, {400, true}} {
		got, closing, err := readAnswer(r)
		if err != nil || got != want.status || closing != want.closing {
			t.Fatalf("readAnswer = %d, %v, %v; want %d, %v", got, closing, err, want.status, want.closing)
		}
	}
	if _, _, err := readAnswer(r); err == nil {
		t.Fatal("read an answer past the end of the stream")
	}
}

// TestReadAnswerRefusesAnAnswerOfUnknownLength: without a length or chunks
// the answer's end cannot be found on a kept-alive connection.
func TestReadAnswerRefusesAnAnswerOfUnknownLength(t *testing.T) {
	r := bufio.NewReader(strings.NewReader("HTTP/1.1 200 OK\r\nX: y\r\n\r\nbody"))
	if _, _, err := readAnswer(r); err == nil {
		t.Fatal("an answer of unknown length was accepted")
	}
}
