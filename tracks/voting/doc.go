// Package voting decides policy recommendations by poll: yes / no / abstain
// or choose n of m, named or secret ballots, an electorate fixed by the
// track's rules, decision rules computed automatically (simple majority, two
// thirds, consensus, and the multistakeholder rule), and a hash-chained
// public ballot log from which anyone can recompute the result.
//
// The package holds the rules, the arithmetic and the keys; storage is in
// voting/pgstore. Secrecy is a property of what is stored and published
// (docs/BALLOT-SECRECY.md, migrations 0009 and 0019): a working ballot is
// sealed under its poll's key, derived from a ballot key kept out of the
// database and the data folder and from a salt erased at the close; a secret
// poll's outputs name no stakeholder group of fewer than 5 ballots
// (PoolLabels, CoarseTurnout); the public log is in ballot-id order, never in
// voting order.
package voting
