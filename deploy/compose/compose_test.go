package compose

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/igfplus/igfplus/deploy/configtable"
)

// exampleEnv is what an operator exports before `docker compose up`.
var exampleEnv = []string{
	"POSTGRES_PASSWORD=pg-secret", "REDIS_PASSWORD=redis-secret",
	"IGFPLUS_TOKEN_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "IGFPLUS_BALLOT_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
}

func load(t *testing.T, file string, env []string) (*types.Project, error) {
	t.Helper()
	opts, err := cli.NewProjectOptions([]string{file}, cli.WithEnv(env), cli.WithWorkingDirectory("."), cli.WithName("igfplus"))
	if err != nil {
		t.Fatal(err)
	}
	return opts.LoadProject(context.Background())
}

func TestTheComposeFileValidatesAndRunsReplicasBehindAProxy(t *testing.T) {
	p, err := load(t, "compose.yaml", exampleEnv)
	if err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	for _, name := range []string{"postgres", "redis", "app", "proxy"} {
		s, ok := p.Services[name]
		if !ok {
			t.Fatalf("no %s service", name)
		}
		if s.HealthCheck == nil || len(s.HealthCheck.Test) == 0 {
			t.Errorf("%s has no healthcheck", name)
		}
	}
	app := p.Services["app"]
	if app.Deploy == nil || app.Deploy.Replicas == nil || *app.Deploy.Replicas < 2 {
		t.Error("the app runs fewer than two replicas")
	}
	if !strings.Contains(strings.Join(app.HealthCheck.Test, " "), "/readyz") {
		t.Errorf("the app's healthcheck %v does not ask /readyz", app.HealthCheck.Test)
	}
	for _, dep := range []string{"postgres", "redis"} {
		if app.DependsOn[dep].Condition != types.ServiceConditionHealthy {
			t.Errorf("the app does not wait for %s to be healthy", dep)
		}
	}
	if app.Build == nil || app.Build.Dockerfile != "deploy/compose/Dockerfile" {
		t.Errorf("the app is not built from deploy/compose/Dockerfile: %+v", app.Build)
	}
	for _, port := range p.Services["proxy"].Ports {
		if port.HostIP != "127.0.0.1" {
			t.Errorf("the proxy publishes %s on %q: keep it on 127.0.0.1 (put TLS in front)", port.Published, port.HostIP)
		}
	}
}

func TestTheComposeFileRefusesToStartWithoutItsSecrets(t *testing.T) {
	if _, err := load(t, "compose.yaml", exampleEnv[1:]); err == nil || !strings.Contains(err.Error(), "POSTGRES_PASSWORD") {
		t.Fatalf("loaded without POSTGRES_PASSWORD: %v", err)
	}
}

func TestTheComposeSchemaRejectsAnUnknownKey(t *testing.T) {
	bad := t.TempDir() + "/compose.yaml"
	os.WriteFile(bad, []byte("services:\n  app:\n    image: x\n    replicaz: 2\n"), 0o644)
	if _, err := load(t, bad, nil); err == nil {
		t.Fatal("the loader accepted an unknown service key")
	}
}

// TestEveryVariableTheServicesSetIsInTheREADME: the platform's variables
// that the compose file sets must be the ones README's configuration
// table documents (and so the ones the binary reads).
func TestEveryVariableTheServicesSetIsInTheREADME(t *testing.T) {
	known, err := configtable.FromFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	p, err := load(t, "compose.yaml", exampleEnv)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for name, s := range p.Services {
		for k := range s.Environment {
			if !configtable.Platform(k) {
				continue
			}
			seen++
			if !known[k] {
				t.Errorf("service %s sets %s, which is not in README's configuration table", name, k)
			}
		}
	}
	if seen < 5 {
		t.Fatalf("only %d platform variables found in the compose file", seen)
	}
	for _, k := range []string{"DATABASE_URL", "REDIS_URL", "IGFPLUS_TOKEN_KEY", "IGFPLUS_BALLOT_KEY"} {
		if _, ok := p.Services["app"].Environment[k]; !ok {
			t.Errorf("the app replicas do not share %s", k)
		}
	}
}

// TestTheProxySpreadsWebSocketsAndKeepsThemOpen reads nginx.conf: the
// upgrade headers go through on /ws/, HTTP/1.1, and the timeouts outlast
// nginx's 60 s default.
func TestTheProxySpreadsWebSocketsAndKeepsThemOpen(t *testing.T) {
	b, err := os.ReadFile("nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	conf := string(b)
	ws := conf[strings.Index(conf, "location /ws/"):]
	ws = ws[:strings.Index(ws, "}")]
	for _, want := range []string{"proxy_http_version 1.1", "proxy_set_header Upgrade $http_upgrade", "proxy_set_header Connection $connection_upgrade"} {
		if !strings.Contains(ws, want) {
			t.Errorf("location /ws/ lacks %q", want)
		}
	}
	timeout := regexp.MustCompile(`proxy_read_timeout (\d+)s`).FindStringSubmatch(ws)
	if timeout == nil || len(timeout[1]) < 3 {
		t.Errorf("location /ws/ read timeout %v: WebSockets would be cut within minutes", timeout)
	}
	if !strings.Contains(conf, "server app:8080") {
		t.Error("the upstream is not the compose app service")
	}
}

// TestMetricsAreServedApartAndNotRouted: the replicas serve /metrics on a
// port of their own (IGFPLUS_METRICS_ADDR), which nginx never proxies to
// and the host does not publish; nginx proxies to the public port, where
// the server has no /metrics.
func TestMetricsAreServedApartAndNotRouted(t *testing.T) {
	p, err := load(t, "compose.yaml", exampleEnv)
	if err != nil {
		t.Fatal(err)
	}
	app := p.Services["app"]
	addr, public := app.Environment["IGFPLUS_METRICS_ADDR"], app.Environment["IGFPLUS_ADDR"]
	if addr == nil || public == nil {
		t.Fatal("the app sets no IGFPLUS_METRICS_ADDR or IGFPLUS_ADDR")
	}
	_, port, _ := strings.Cut(*addr, ":")
	_, publicPort, _ := strings.Cut(*public, ":")
	if port == "" || port == publicPort {
		t.Fatalf("IGFPLUS_METRICS_ADDR %q is not a port apart from IGFPLUS_ADDR %q", *addr, *public)
	}
	if len(app.Ports) != 0 {
		t.Errorf("the app publishes %v on the host", app.Ports)
	}
	b, err := os.ReadFile("nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	for _, server := range regexp.MustCompile(`(?m)^\s*server\s+([^\s;{]+)[^;{]*;`).FindAllStringSubmatch(string(b), -1) {
		if server[1] != "app:"+publicPort {
			t.Errorf("nginx proxies to %s, not only the app's public port %s", server[1], publicPort)
		}
	}
	if strings.Contains(string(b), ":"+port) {
		t.Errorf("nginx.conf names the metrics port %s", port)
	}
}
