package k8s

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/igfplus/igfplus/deploy/configtable"
)

func TestTheDeploymentProbesDrainsAndTakesItsSecrets(t *testing.T) {
	r := renderOverlay(t, "overlays/production", nil)
	for _, p := range checkDeployment(r) {
		t.Error(p)
	}
}

// problems collects what is wrong, so that a test can also show that a
// broken manifest yields some.
type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

// checkDeployment returns what is wrong in the rendered Deployment.
func checkDeployment(r rendered) problems {
	var ps problems
	pod := r.deployment.Spec.Template.Spec
	if len(pod.Containers) != 1 {
		ps.add("%d containers, want 1", len(pod.Containers))
		return ps
	}
	c := pod.Containers[0]
	if !strings.HasPrefix(c.Image, "registry.example.org/igfplus/igfplus:") {
		ps.add("image %q is not the overlay's pinned one", c.Image)
	}
	port := containerPort(&ps, c, "http")
	probe(&ps, "readiness", c.ReadinessProbe, "/readyz", c, port)
	probe(&ps, "liveness", c.LivenessProbe, "/healthz", c, port)
	if c.Lifecycle == nil || c.Lifecycle.PreStop == nil || c.Lifecycle.PreStop.Sleep == nil {
		ps.add("no preStop sleep: new connections would still arrive while the server drains")
		return ps
	}
	grace := int64(30)
	if pod.TerminationGracePeriodSeconds != nil {
		grace = *pod.TerminationGracePeriodSeconds
	}
	// The server drains for at most 20 s after SIGTERM.
	if need := c.Lifecycle.PreStop.Sleep.Seconds + 20; grace < need {
		ps.add("terminationGracePeriodSeconds %d < preStop %d s + 20 s of drain", grace, c.Lifecycle.PreStop.Sleep.Seconds)
	}
	checkEnv(&ps, r, c)
	if !selects(r.deployment.Spec.Selector, labelSet(r.deployment.Spec.Template.Labels)) {
		ps.add("the Deployment's selector does not select its own pods")
	}
	return ps
}

func containerPort(ps *problems, c corev1.Container, name string) int32 {
	for _, p := range c.Ports {
		if p.Name == name {
			return p.ContainerPort
		}
	}
	ps.add("container has no port named %q", name)
	return 0
}

// probe checks an HTTP probe's path and that its port is the container's.
func probe(ps *problems, what string, p *corev1.Probe, path string, c corev1.Container, port int32) {
	if p == nil || p.HTTPGet == nil {
		ps.add("%s probe: none over HTTP", what)
		return
	}
	if p.HTTPGet.Path != path {
		ps.add("%s probe path %q, want %q", what, p.HTTPGet.Path, path)
	}
	if !portMatches(p.HTTPGet.Port, c, port) {
		ps.add("%s probe port %v is not the container's port %d", what, p.HTTPGet.Port.String(), port)
	}
}

func portMatches(p intstr.IntOrString, c corev1.Container, port int32) bool {
	if p.Type == intstr.String {
		return slices.ContainsFunc(c.Ports, func(cp corev1.ContainerPort) bool { return cp.Name == p.StrVal && cp.ContainerPort == port })
	}
	return p.IntVal == port
}

// checkEnv checks that every variable the container reads is one the
// platform knows (README's table), that every secret or config map it
// names exists in the rendered output with the key asked for, and that
// the keys shared by every node come from a Secret.
func checkEnv(ps *problems, r rendered, c corev1.Container) {
	known, err := configtable.FromFile("../../README.md")
	if err != nil {
		ps.add("%v", err)
		return
	}
	fromSecret := map[string]bool{}
	for _, e := range c.Env {
		if configtable.Platform(e.Name) && !known[e.Name] {
			ps.add("env %s is not in README's configuration table", e.Name)
		}
		if e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
			continue
		}
		ref := e.ValueFrom.SecretKeyRef
		s, ok := r.secrets[ref.Name]
		if !ok {
			ps.add("env %s: secret %q is not in the output", e.Name, ref.Name)
			continue
		}
		if _, ok := s.Data[ref.Key]; !ok {
			ps.add("env %s: secret %q has no key %q", e.Name, ref.Name, ref.Key)
		}
		fromSecret[e.Name] = true
	}
	for _, from := range c.EnvFrom {
		if from.ConfigMapRef == nil {
			continue
		}
		cm, ok := r.configMaps[from.ConfigMapRef.Name]
		if !ok {
			ps.add("config map %q is not in the output", from.ConfigMapRef.Name)
			continue
		}
		for k := range cm.Data {
			if configtable.Platform(k) && !known[k] {
				ps.add("config map key %s is not in README's configuration table", k)
			}
		}
	}
	for _, k := range []string{"DATABASE_URL", "REDIS_URL", "IGFPLUS_TOKEN_KEY", "IGFPLUS_BALLOT_KEY"} {
		if !fromSecret[k] {
			ps.add("%s does not come from a Secret", k)
		}
	}
}

type labelSet map[string]string

// selects reports whether a selector's matchLabels (the only form the
// manifests use) are all on the pods.
func selects(s *metav1.LabelSelector, pods labelSet) bool {
	if s == nil || len(s.MatchLabels) == 0 || len(s.MatchExpressions) > 0 {
		return false
	}
	for k, v := range s.MatchLabels {
		if pods[k] != v {
			return false
		}
	}
	return true
}

func TestTheServiceIngressAutoscalerAndBudgetPointAtTheDeployment(t *testing.T) {
	r := renderOverlay(t, "overlays/production", nil)
	pods := labelSet(r.deployment.Spec.Template.Labels)
	c := r.deployment.Spec.Template.Spec.Containers[0]
	for k, v := range r.service.Spec.Selector {
		if pods[k] != v {
			t.Errorf("the Service selects %s=%s, which the pods do not carry", k, v)
		}
	}
	if len(r.service.Spec.Selector) == 0 {
		t.Error("the Service selects nothing")
	}
	var svcPort string
	var ps problems
	for _, p := range r.service.Spec.Ports {
		if !portMatches(p.TargetPort, c, containerPort(&ps, c, "http")) {
			t.Errorf("Service port %s targets %v, not the container's http port", p.Name, p.TargetPort.String())
		}
		svcPort = p.Name
	}
	for _, rule := range r.ingress.Spec.Rules {
		for _, p := range rule.HTTP.Paths {
			b := p.Backend.Service
			if b == nil || b.Name != r.service.Name || b.Port.Name != svcPort {
				t.Errorf("Ingress path %s goes to %+v, not Service %s port %s", p.Path, b, r.service.Name, svcPort)
			}
		}
	}
	for _, a := range []string{"nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout"} {
		if v := r.ingress.Annotations[a]; v == "" || v == "60" {
			t.Errorf("Ingress %s = %q: WebSockets would be cut at the default", a, v)
		}
	}
	if len(r.ingress.Spec.TLS) == 0 {
		t.Error("the production Ingress has no TLS")
	}
	ref := r.hpa.Spec.ScaleTargetRef
	if ref.Kind != "Deployment" || ref.Name != r.deployment.Name || ref.APIVersion != "apps/v1" {
		t.Errorf("the HPA scales %+v, not Deployment %s", ref, r.deployment.Name)
	}
	if r.hpa.Spec.MinReplicas == nil || *r.hpa.Spec.MinReplicas < 2 {
		t.Error("the HPA may scale below two replicas: nowhere to resume during a restart")
	}
	if !selects(r.pdb.Spec.Selector, pods) {
		t.Error("the PodDisruptionBudget does not select the pods")
	}
	for _, p := range ps {
		t.Error(p)
	}
}

// TestMetricsAreServedApartAndNotRouted: the pods serve /metrics on a port
// of their own (IGFPLUS_METRICS_ADDR, announced to Prometheus), which no
// Service port targets and so no Ingress path reaches; the public port is
// another.
func TestMetricsAreServedApartAndNotRouted(t *testing.T) {
	r := renderOverlay(t, "overlays/production", nil)
	c := r.deployment.Spec.Template.Spec.Containers[0]
	var ps problems
	metrics, public := containerPort(&ps, c, "metrics"), containerPort(&ps, c, "http")
	for _, p := range ps {
		t.Error(p)
	}
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	if !strings.HasSuffix(env["IGFPLUS_METRICS_ADDR"], fmt.Sprintf(":%d", metrics)) || metrics == public {
		t.Errorf("IGFPLUS_METRICS_ADDR %q is not the metrics port %d apart from the public port %d", env["IGFPLUS_METRICS_ADDR"], metrics, public)
	}
	if a := r.deployment.Spec.Template.Annotations; a["prometheus.io/port"] != fmt.Sprint(metrics) || a["prometheus.io/path"] != "/metrics" {
		t.Errorf("the pods announce metrics at %q %q, want port %d, /metrics", a["prometheus.io/port"], a["prometheus.io/path"], metrics)
	}
	for _, p := range r.service.Spec.Ports {
		if portMatches(p.TargetPort, c, metrics) || p.TargetPort.StrVal == "metrics" {
			t.Errorf("Service port %s leads to the metrics port", p.Name)
		}
	}
	for _, rule := range r.ingress.Spec.Rules {
		for _, p := range rule.HTTP.Paths {
			if b := p.Backend.Service; b != nil && (b.Port.Name == "metrics" || b.Port.Number == metrics) {
				t.Errorf("Ingress path %s leads to the metrics port", p.Path)
			}
		}
	}
}
