// Package k8s holds the platform's Kubernetes manifests: a kustomize base
// and the production overlay. It has no code; its tests render the overlay
// with kustomize's Go API and decode every object strictly into the
// Kubernetes API's own types (nothing is downloaded, no cluster is needed).
package k8s
