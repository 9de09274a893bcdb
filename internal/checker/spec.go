package checker

import "fmt"

// specRef points at the line of a spec that a check holds the server to. A
// warning always carries one, so that the learner can read what the spec
// asks and decide; TestSpecRefsHold reads each file and finds quote on line.
type specRef struct {
	doc   string // a key of specDocs
	line  int
	quote string // text on that line
	says  string // what the line says, in a few words
}

// specDocs names the documents references point into, as a learner finds them.
var specDocs = map[string]string{
	"realworld": "RealWorld api/openapi.yml",
	"conduit":   "conduit SPEC.md",
	"notes":     "notes-api SPEC.md",
	"shortener": "shortener SPEC.md",
}

func (s specRef) String() string {
	if s.doc == "" {
		return ""
	}
	return fmt.Sprintf("%s line %d: %s", specDocs[s.doc], s.line, s.says)
}

// The RealWorld OpenAPI document (gothinkster/realworld, api/openapi.yml, MIT).
func rw(line int, quote, says string) specRef { return specRef{"realworld", line, quote, says} }

var (
	rwLogin200         = rw(32, "'200':", "POST /users/login answers 200")
	rwLoginRefused     = rw(34, "'401':", "a refused login answers 401 (or 422)")
	rwRegister201      = rw(48, "'201':", "POST /users answers 201")
	rwRegister422      = rw(50, "'422':", "invalid registrations answer 422")
	rwUser200          = rw(61, "'200':", "GET /user answers 200")
	rwUser401          = rw(63, "'401':", "GET /user without a token answers 401")
	rwUpdateUser200    = rw(78, "'200':", "PUT /user answers 200")
	rwProfileOptional  = rw(92, "Auth is optional", "a profile is read with or without a token")
	rwProfile200       = rw(102, "'200':", "GET /profiles/{username} answers 200")
	rwFollow200        = rw(123, "'200':", "POST /profiles/{username}/follow answers 200")
	rwUnfollow200      = rw(145, "'200':", "DELETE /profiles/{username}/follow answers 200")
	rwFeed200          = rw(165, "'200':", "GET /articles/feed answers 200")
	rwFeed401          = rw(167, "'401':", "the feed without a token answers 401")
	rwListOptional     = rw(179, "Auth is optional", "articles are listed with or without a token")
	rwList200          = rw(200, "'200':", "GET /articles answers 200")
	rwCreate201        = rw(215, "'201':", "POST /articles answers 201")
	rwCreate401        = rw(217, "'401':", "POST /articles without a token answers 401")
	rwCreate422        = rw(219, "'422':", "an invalid article answers 422")
	rwArticleOptional  = rw(229, "Auth not required", "an article is read without a token")
	rwArticle200       = rw(239, "'200':", "GET /articles/{slug} answers 200")
	rwComments200      = rw(305, "'200':", "GET /articles/{slug}/comments answers 200")
	rwComment200       = rw(327, "'200':", "POST /articles/{slug}/comments answers 200")
	rwUncomment204     = rw(357, "'204':", "DELETE /articles/{slug}/comments/{id} answers 204")
	rwFavorite200      = rw(380, "'200':", "POST /articles/{slug}/favorite answers 200")
	rwUnfavorite200    = rw(402, "'200':", "DELETE /articles/{slug}/favorite answers 200")
	rwTags200          = rw(418, "'200':", "GET /tags answers 200")
	rwUpdateArticle200 = rw(259, "'200':", "PUT /articles/{slug} answers 200")
	rwUpdateArticle401 = rw(261, "'401':", "PUT /articles/{slug} without a token answers 401")
	rwDeleteArticle204 = rw(282, "'204':", "DELETE /articles/{slug} answers 204")
	rwDeleteArticle401 = rw(284, "'401':", "DELETE /articles/{slug} without a token answers 401")
	rwUpdateOne        = rw(762, "At least **one** field is required", "PUT /user needs at least one field")
	rwLimit20          = rw(824, "default: 20", "limit is 20 unless asked")
	rwUser             = rw(449, "User:", "a user has email, token, username, bio and image")
	rwProfile          = rw(481, "Profile:", "a profile has username, bio, image and following")
	rwArticle          = rw(497, "Article:", "an article has slug, title, description, body, tagList, createdAt, updatedAt, favorited, favoritesCount and author")
	rwComment          = rw(561, "Comment:", "a comment has id, createdAt, updatedAt, body and author")
)

// The conduit project's own page (content/projects/conduit/SPEC.md), for
// what the OpenAPI document leaves open.
func cs(line int, quote, says string) specRef { return specRef{"conduit", line, quote, says} }

var (
	csUnknown404 = cs(51, "An unknown article answers `404`", "an unknown article answers 404")
	csSlowHash   = cs(22, "taking more than", "registering and logging in may take up to 30 s; over 2 s is a warning")
)

// The notes-api page (content/projects/notes-api/SPEC.md).
func ns(line int, quote, says string) specRef { return specRef{"notes", line, quote, says} }

var (
	nsHealth200    = ns(66, "Answers `200 OK`", "GET /health answers 200 OK")
	nsCreate201    = ns(73, "`201 Created`", "POST /notes answers 201 Created")
	nsLocation     = ns(74, "`Location: /notes/{id}`", "the answer to POST /notes carries Location: /notes/{id}")
	nsInvalid422   = ns(75, "`422 Unprocessable Entity` (or `400`)", "an invalid note answers 422 or 400")
	nsMalformed400 = ns(82, "`400 Bad Request`", "a body that is not JSON answers 400")
	nsGet200       = ns(86, "`200 OK` with the note", "GET /notes/{id} answers 200 OK")
	nsNotFound404  = ns(86, "`404 Not Found`", "a note that does not exist answers 404")
	nsList200      = ns(112, "`200 OK`", "GET /notes answers 200 OK, even past the end")
	nsUpdate200    = ns(119, "answers `200 OK` with the changed note", "PUT answers 200 OK with the changed note")
	nsDelete204    = ns(124, "`204 No Content`", "DELETE answers 204 No Content")
	nsDeleteAgain  = ns(124, "including one already deleted", "a note already deleted answers 404")
	nsUnauthorized = ns(142, "`401 Unauthorized`", "a missing or wrong token answers 401 Unauthorized")
	nsPrecondition = ns(157, "`412 Precondition Failed`", "a stale If-Match answers 412 Precondition Failed")
)

// The shortener's page (content/projects/shortener/SPEC.md).
func ss(line int, quote, says string) specRef { return specRef{"shortener", line, quote, says} }

var (
	shCreate201    = ss(55, "`201 Created`", "POST /links answers 201 Created")
	shLocation     = ss(55, "`Location: /links/{code}`", "the answer to POST /links carries Location: /links/{code}")
	shInvalid422   = ss(56, "`422 Unprocessable Entity`", "an invalid link answers 422")
	shConflict409  = ss(59, "`409 Conflict`", "a code that is taken answers 409 Conflict")
	shMalformed400 = ss(61, "`400 Bad Request`", "a body that is not JSON answers 400")
	shRedirect302  = ss(66, "`302 Found`", "GET /{code} answers 302 Found")
	shNotFound404  = ss(69, "`404 Not Found`", "a code no link has answers 404")
	shStats200     = ss(73, "`200 OK` with the link", "GET /links/{code} answers 200 OK")
	shNotModified  = ss(75, "`If-None-Match: <etag>`", "an If-None-Match that still matches answers 304 Not Modified")
	shUnauthorized = ss(83, "`401 Unauthorized`", "without the token, 401 Unauthorized")
	shRetryAfter   = ss(89, "`Retry-After` header", "a 429 says in Retry-After how long to wait, and then creating works again")
)
