// Package voting decides policy recommendations by poll: yes / no / abstain
// or choose n of m, named or secret ballots, an electorate fixed by the
// track's rules, decision rules computed automatically (simple majority, two
// thirds, consensus, and the multistakeholder rule), and a hash-chained
// public ballot log from which anyone can recompute the result.
//
// The package holds the rules and the arithmetic only; storage is in
// voting/pgstore. Secrecy is a property of what is stored (see the 0009
// migration): a secret ballot carries no voter, and the public log is in
// ballot-id order, never in voting order.
package voting
