package notify

// The jobs of this package: small, with arguments that are enough to find
// the rest, and safe to run twice. server wires each to the method named.

// EmailJob sends one notification by email (SendEmail). The notification
// records when it went, so a second run sends nothing.
type EmailJob struct {
	NotificationID int64 `json:"notification_id"`
}

// Kind names the job in the queue.
func (EmailJob) Kind() string { return "notify_email" }

// ScanJob asks the sources what is due for a page of people above After
// (Scan), then queues the next page. A notification per person, kind and
// day at most: the day is in its key.
type ScanJob struct {
	After int64 `json:"after"`
}

// Kind names the job in the queue.
func (ScanJob) Kind() string { return "notify_scan" }

// DigestScanJob finds, for a page of people above After, those whose
// digest is due (ScanDigests), queues a DigestJob for each, then the next page.
type DigestScanJob struct {
	After int64 `json:"after"`
}

// Kind names the job in the queue.
func (DigestScanJob) Kind() string { return "notify_digest_scan" }

// DigestJob sends a person the digest of a day (SendDigest), once: the day's
// digest is recorded with the items it carried.
type DigestJob struct {
	UserID int64  `json:"user_id"`
	Day    string `json:"day"` // YYYY-MM-DD in the person's time zone
}

// Kind names the job in the queue.
func (DigestJob) Kind() string { return "notify_digest" }

// scanPage is how many people one scan job looks at: a page takes a few
// seconds at most, far inside a job's timeout, however many people there are.
const scanPage = 200
