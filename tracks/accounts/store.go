package accounts

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Store keeps accounts, their roles and their refresh tokens. Every method
// that bumps a token version does so in the same transaction as the change
// that calls for it, so that no access token outlives what it vouched for.
type Store interface {
	// CreateAccount inserts a with its password hash and roles, and sets
	// a.ID, a.TokenVersion and a.CreatedAt. An email already registered,
	// in any letter case, is EConflict.
	CreateAccount(ctx context.Context, a *Account, passwordHash string) error
	// Account returns the account with id, or ENotFound (a deleted one too).
	Account(ctx context.Context, id int64) (*Account, error)
	// Credentials returns the account whose email matches email ignoring
	// letter case, with its password hash, or ENotFound.
	Credentials(ctx context.Context, email string) (*Account, string, error)
	// TokenVersion returns the account's current token version, or ENotFound.
	TokenVersion(ctx context.Context, id int64) (int, error)
	// TokenVersions returns the current token versions of the accounts
	// among ids that exist, in one round trip.
	TokenVersions(ctx context.Context, ids []int64) (map[int64]int, error)
	// GrantRole gives the account role (a no-op when it holds it already)
	// and bumps its token version. ENotFound when there is no account.
	GrantRole(ctx context.Context, id int64, role igfplus.Role) error
	// RevokeRole takes role from the account and bumps its token version.
	// ENotFound when there is no account.
	RevokeRole(ctx context.Context, id int64, role igfplus.Role) error

	// IssueRefresh stores a new refresh token. Only a hash of r.Token is
	// kept, so a copy of the database does not yield usable tokens.
	IssueRefresh(ctx context.Context, r RefreshToken) error
	// RotateRefresh exchanges the presented refresh token for next, which
	// joins the presented token's family (next.Family and next.AccountID are
	// filled in), and returns the account id. In one transaction, holding
	// the presented token's row lock:
	//   - unknown, expired or revoked: ErrSessionEnded, nothing changes;
	//   - used less than RefreshReuseGrace before next.IssuedAt (two tabs
	//     of one browser renewing at once): ErrRefreshRaced, nothing
	//     changes and nothing is issued;
	//   - used earlier (it was rotated before, so two parties hold the
	//     family: theft): the whole family is revoked and the account's token
	//     version bumped, these changes are committed, and ErrRefreshReused
	//     is returned;
	//   - otherwise the presented token is marked used at next.IssuedAt and
	//     next is stored.
	RotateRefresh(ctx context.Context, presented string, next *RefreshToken) (int64, error)
	// RevokeFamily revokes every token in the presented token's family and
	// bumps the account's token version, in one transaction, and returns the
	// account id. ErrSessionEnded when the token is unknown.
	RevokeFamily(ctx context.Context, presented string, at time.Time) (int64, error)
	// RevokeSession revokes the account's tokens of family (none when the
	// account has no such family) and bumps the account's token version, in
	// one transaction: signing out with an access token alone.
	// ENotFound when there is no account.
	RevokeSession(ctx context.Context, accountID int64, family uuid.UUID, at time.Time) error
	// RevokeAll revokes every refresh token of the account and bumps its
	// token version, in one transaction. ENotFound when there is no account.
	RevokeAll(ctx context.Context, accountID int64, at time.Time) error

	// UpdateProfile writes a's own details (name, group, region, country,
	// gender, age band, presence, language), bumping its token version too
	// when bump. ENotFound when there is no account.
	UpdateProfile(ctx context.Context, a *Account, bump bool) error

	// CreateLink stores l, keeping only a hash of l.Token. A new reset
	// link supersedes the account's earlier unused ones.
	CreateLink(ctx context.Context, l Link) error
	// VerifyEmail uses up the verification link with token at at and, when
	// the account's address is still the one the link was sent to, marks
	// it verified; it returns the account id. ErrLinkInvalid when the link
	// is unknown, used or expired.
	VerifyEmail(ctx context.Context, token string, at time.Time) (int64, error)
	// ResetPassword uses up the reset link with token at at, and in the
	// same transaction sets the account's password hash, marks its address
	// verified, revokes every refresh token and bumps its token version;
	// it returns the account id. ErrLinkInvalid as for VerifyEmail.
	ResetPassword(ctx context.Context, token, passwordHash string, at time.Time) (int64, error)

	// ChangePassword sets the account's password hash, revokes every
	// refresh token not of family keep and bumps its token version, in one
	// transaction. ENotFound when there is no account.
	ChangePassword(ctx context.Context, accountID int64, passwordHash string, keep uuid.UUID, at time.Time) error
	// ChangeEmail uses up the change link with token at at and, in the
	// same transaction, sets the account's address to the one the link was
	// sent to, verified at at; it returns the account id. ErrLinkInvalid
	// as for VerifyEmail; EConflict when another account has the address.
	ChangeEmail(ctx context.Context, token string, at time.Time) (int64, error)
	// Export returns, by section name, everything kept about the account
	// as JSON: its details, roles, follows, registrations, attendance,
	// what it said and did in sessions and drafting, its requests, and the
	// polls it could vote in. Secrets (password hash, tokens, links) are
	// left out. ENotFound when there is no account.
	Export(ctx context.Context, accountID int64) (map[string]json.RawMessage, error)
	// DeleteAccount deletes the account at at, in one transaction: its
	// address, password, details, roles, sessions, links, follows,
	// registrations and requests are erased, its token version bumped,
	// and the row stays as DeletedName so that what it said in public
	// keeps its place, pseudonymised. Ballots are not touched (none is
	// linked to an account). ENotFound when there is no account or it was
	// deleted already.
	DeleteAccount(ctx context.Context, accountID int64, at time.Time) error
}

// RefreshToken is one refresh token of a session. Every rotation issues a
// new token in the same family.
type RefreshToken struct {
	// Token is the secret the client holds. Stores keep only its hash.
	Token     string
	AccountID int64
	Family    uuid.UUID
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// RefreshReuseGrace is how long after its rotation a refresh token
// presented again is taken for a race between two tabs of one browser (they
// share its cookie) rather than for theft. Nothing is issued for it, so a
// thief gains nothing by it; only the family's revocation waits.
const RefreshReuseGrace = 10 * time.Second

// The refresh failures. The first two are EUnauthorized; tests and logs
// tell them apart with errors.Is.
var (
	// ErrSessionEnded: the refresh token is unknown, expired or revoked.
	ErrSessionEnded = igfplus.Errorf(igfplus.EUnauthorized, "Your session has ended. Please sign in again.")
	// ErrRefreshReused: an already-rotated refresh token was presented
	// again, so every session of its family was signed out.
	ErrRefreshReused = igfplus.Errorf(igfplus.EUnauthorized, "This session was signed out because its refresh token was used twice. Please sign in again.")
	// ErrRefreshRaced: the token was renewed a moment ago, by another tab
	// or window of the same browser; its new cookies are on their way.
	ErrRefreshRaced = igfplus.Errorf(igfplus.EConflict, "This session was renewed a moment ago in another tab or window. Try again.")
)
