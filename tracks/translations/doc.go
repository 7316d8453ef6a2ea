// Package translations keeps the programme's content in several languages
// (#20 point 2): each text (a session's title and description, an agenda
// item's title, a policy issue's, a track's) is written in its entity's
// source language, and may have a translation into each other UN
// language, entered by the people who may edit the entity itself.
//
// A translation records where it came from (Origin): a person, or a
// machine translation service (Engine names it; AuthorID, if any, who
// asked for it), so that a service can fill translations later and the
// pages say "machine translation" of them.
//
// Readers get their language where a translation exists, otherwise the
// source with a note (Texts.Resolve says which): the pages and the API
// resolve the same way.
package translations
