// Package igfplus is the vocabulary every part of the platform shares: the
// signed-in Identity, stakeholder groups, regions, platform roles, and the
// domain's error kinds (Error with a Code), which one place per transport maps
// to its own form (problem+json over HTTP, error frames over the WebSocket).
//
// It imports nothing but the standard library. It sits under tracks only
// because the project's top level is fixed; it is not part of the programme.
package igfplus
