package main

// writeMethod closes the report with how each figure was taken, so that a
// reader can judge it without reading the bench's code.
func writeMethod(d *doc, r *results) {
	d.p("## How the figures were taken")
	for _, line := range []string{
		"**devpath** is built from " + r.source + " (`go build ./cmd/devpath`, CGO off) and run as `devpath serve --data <fresh dir> --log-level warn --pprof <loopback>` on SQLite. " +
			"Requests carry what a client sends: `Authorization: Bearer <session token>` for the API, the `devpath_session` cookie for the page.",
		"**progress update** is `PUT /api/v1/me/progress/backend/topics/{id}` with `{\"status\": <random>, \"note\": <unique>}` for a random learner and topic: " +
			"the unique note makes every request a real write (devpath skips writes that change nothing). " +
			"**roadmap page** is `GET /roadmaps/backend` as a logged-in learner; **progress summary** is `GET /api/v1/me/progress/backend`; " +
			"**mix** is 40% page, 40% summary, 20% update; **log in** is `POST /api/v1/sessions`.",
		"**Logins and rate limits.** devpath allows 10 logins per account, then one a minute, and 50 per client address, then one per 10 s. " +
			"The login load takes the accounts in turn (so each account logs in a few times per run, well under its limit) and opens every " +
			"login connection from a new loopback source address (127.1.x.y; any 127/8 address reaches the server), as logins from many " +
			"learners would arrive. No devpath setting is changed. A 429 that still happens is counted under errors, not in req/s.",
		"**naive floor** (bench/floors, `-mode naive`): bare net/http, JSON decode and status check, then one transaction per request on one " +
			"writer connection with devpath's DSN and pragmas (WAL, synchronous " + floorSync(r.opts.floorSync) + ", foreign keys, busy timeout, `_txlock=immediate`): " +
			"insert the history row (its from-status read in the same statement) and upsert the progress row, in devpath's own tables. No authentication, no metrics.",
		"**group-commit floor** (`-mode group`): the same handler and statements, but one goroutine owns the writer connection, takes every " +
			"write waiting (up to 512), runs them in one transaction, commits, then answers each; if the batch fails each write is retried alone.",
		"**static page**: the bytes of devpath's roadmap page as the first learner sees it, served from memory by bare net/http.",
		"**PocketBase** v0.36.8 (the newest served version that builds with Go 1.26; v0.40 needs Go 1.27), as a Go module from bench/pocketbase with its own go.mod " +
			"and its pinned modernc.org/sqlite v1.48.0, default settings (including its request log, which it writes to its own auxiliary database). " +
			"A Go migration creates `progress` (user relation, roadmap, topic, status, note, updated; unique on user, roadmap, topic; rules: learners " +
			"list and change only their own rows) and `progress_history` (server-only). The update is a custom route bound with " +
			"`app.OnServe().BindFunc` (`PUT /api/devpath/progress/{roadmap}/{topic}`, RequireAuth) that finds the row, creates or updates it and " +
			"appends a history record in one `RunInTransaction`: what a PocketBase developer would write, and one round trip like devpath's. " +
			"The summary is PocketBase's own list API (`GET /api/collections/progress/records?filter=roadmap='backend'&perPage=500&skipTotal=1`, " +
			"the rows without devpath's computed summary); the page is a custom route rendering the same information with html/template " +
			"(PocketBase has no page layer), a smaller page than devpath's, which has a site layout; log in is `auth-with-password` (bcrypt).",
		"**CPU and memory** are read from /proc/PID/stat (utime+stime) before and after each point and from VmHWM in /proc/PID/status, " +
			"reset before each point by writing 5 to /proc/PID/clear_refs.",
	} {
		d.p("- %s", line)
	}
}

// floorSync names the floors' synchronous setting, and says so when it is not devpath's.
func floorSync(s string) string {
	if s == "FULL" {
		return s
	}
	return s + " where devpath has FULL (`-floor-synchronous`)"
}
