// Package mail sends the platform's e-mail through a durable outbox: a
// mail is rendered and stored when it is queued, then a Worker claims due
// mails (several nodes never take the same one at once), hands each to a
// Sender and marks it sent only once the Sender says the server accepted
// it; a failure is retried later with a growing wait. Each mail keeps the
// Message-ID it was given when queued, so a mail handed over again after a
// crash between acceptance and marking is the same mail to its receiver.
//
// The package knows nothing of SMTP, Postgres or files: mail/pgstore keeps
// the outbox, mail/smtpsend and mail/folder are the Senders, and
// mail/smtptest is the tests' SMTP server.
package mail
