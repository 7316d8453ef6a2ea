// Package compose holds the compose file, the app's Dockerfile and the
// reverse proxy's configuration for running several replicas on one host.
// It has no code; its tests load the compose file with the compose
// specification's own loader (which validates against the schema it
// embeds) and check it against the README's configuration table.
package compose
