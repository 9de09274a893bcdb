// Package network is the learner's own small CRM, the guide's fifth step:
// contacts (how they met, where they work, their links, tags and the
// roadmap topics they know), a dated log of interactions with each, a
// stay-in-touch cadence whose next due day follows the last interaction,
// the losing-touch list and the summary the dashboard shows. The rules are
// pure; the service stores what they allow through its Store.
package network
