// Package pgstore keeps the programme (editions, policy issues, tracks) in
// Postgres.
package pgstore
