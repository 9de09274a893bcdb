package checkertest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A reference RealWorld (conduit) server, in memory. Each fault turns on one
// typical mistake.
const (
	ConduitBearer            Fault = 1 << iota // wants "Bearer" where RealWorld says "Token"
	ConduitStickyFollow                        // unfollowing leaves the follow in place
	ConduitNoCount                             // article lists lack articlesCount
	ConduitFeedAll                             // the feed holds every article
	ConduitFlatErrors                          // 422 bodies are {"message": "..."}
	ConduitCreated200                          // 200 instead of 201 on registering and creating an article
	ConduitForbidden                           // 403 instead of 401 without a token
	ConduitExtraField                          // users carry an "id" the spec does not list
	ConduitProfileNeedsToken                   // a profile without a token answers 401
	ConduitProfile500                          // a profile without a token answers 500
	ConduitEmptyComment                        // a new comment comes back with an empty body and author
	ConduitPageCount                           // articlesCount counts the page only
	ConduitPasswordHash                        // users carry their password's hash
	ConduitLocalDates                          // dates as "2006-01-02 15:04:05", not RFC 3339
	ConduitComment201                          // a new comment answers 201, where the spec says 200
	ConduitUpdateWipes                         // PUT /api/user empties the fields it was not sent
	ConduitPasswordIgnored                     // PUT /api/user does not save a new password
	ConduitEmptyUpdate500                      // PUT /api/user with no field answers 500
	ConduitAnyoneEdits                         // anyone may update or delete any article
	ConduitDelete200                           // deleting an article answers 200 with a body, not 204
	ConduitCommentsNeedToken                   // listing comments without a token answers 401
	ConduitNullEmptyList                       // an empty list of articles is null, not []
	ConduitSlowHash                            // hashing a password takes SlowHash, as with a costly setting on a small machine
)

// SlowHash is how long a password takes to hash with ConduitSlowHash.
const SlowHash = 300 * time.Millisecond

type cUser struct {
	id                          int
	username, email, bio, image string
	passwordHash                string
}

type cArticle struct {
	slug, title, description, body string
	tags                           []string
	author                         int
	created, updated               time.Time
}

type cComment struct {
	id, author int
	slug, body string
	created    time.Time
}

type conduitServer struct {
	mu       sync.Mutex
	faults   Fault
	key      []byte // signs tokens and peppers password hashes
	users    []*cUser
	follows  map[[2]int]bool // {follower, followed}
	favs     map[string]map[int]bool
	articles []*cArticle // oldest first
	comments []*cComment
	lastID   int
}

// handler gets the caller, nil when the request carries no valid token.
type handler func(w http.ResponseWriter, r *http.Request, me *cUser)

// NewConduitServer returns a RealWorld server that makes the mistakes in faults.
func NewConduitServer(faults Fault) http.Handler {
	s := &conduitServer{faults: faults, key: make([]byte, 32), follows: map[[2]int]bool{}, favs: map[string]map[int]bool{}}
	rand.Read(s.key)
	mux := http.NewServeMux()
	for pattern, h := range map[string]http.HandlerFunc{
		"POST /api/users":                           s.open(s.register),
		"POST /api/users/login":                     s.open(s.login),
		"GET /api/user":                             s.need(s.current),
		"PUT /api/user":                             s.need(s.updateUser),
		"GET /api/profiles/{username}":              s.open(s.profile),
		"POST /api/profiles/{username}/follow":      s.need(s.follow),
		"DELETE /api/profiles/{username}/follow":    s.need(s.follow),
		"GET /api/articles":                         s.open(s.list),
		"GET /api/articles/feed":                    s.need(s.list),
		"POST /api/articles":                        s.need(s.createArticle),
		"GET /api/articles/{slug}":                  s.open(s.withArticle(s.getArticle)),
		"PUT /api/articles/{slug}":                  s.need(s.withArticle(s.ownArticle(s.updateArticle))),
		"DELETE /api/articles/{slug}":               s.need(s.withArticle(s.ownArticle(s.deleteArticle))),
		"POST /api/articles/{slug}/favorite":        s.need(s.withArticle(s.favorite)),
		"DELETE /api/articles/{slug}/favorite":      s.need(s.withArticle(s.favorite)),
		"GET /api/articles/{slug}/comments":         s.open(s.withArticle(s.listComments)),
		"POST /api/articles/{slug}/comments":        s.need(s.withArticle(s.addComment)),
		"DELETE /api/articles/{slug}/comments/{id}": s.need(s.withArticle(s.deleteComment)),
		"GET /api/tags":                             s.open(s.tags),
	} {
		mux.HandleFunc(pattern, h)
	}
	return mux
}

// open serves a request that may carry a token; need one that must.
func (s *conduitServer) open(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		h(w, r, s.caller(r))
	}
}

func (s *conduitServer) need(h handler) http.HandlerFunc {
	return s.open(func(w http.ResponseWriter, r *http.Request, me *cUser) {
		if me == nil {
			status := http.StatusUnauthorized
			if s.faults.has(ConduitForbidden) {
				status = http.StatusForbidden
			}
			writeJSON(w, status, map[string]any{"errors": map[string][]string{"token": {"is missing or invalid"}}})
			return
		}
		h(w, r, me)
	})
}

func (s *conduitServer) caller(r *http.Request) *cUser {
	scheme := "Token "
	if s.faults.has(ConduitBearer) {
		scheme = "Bearer "
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), scheme)
	if !ok {
		return nil
	}
	id, ok := s.verify(tok)
	if !ok || id < 1 || id > len(s.users) {
		return nil
	}
	return s.users[id-1]
}

// sign makes an HS256 JWT for user id, valid for a day.
func (s *conduitServer) sign(id int) string {
	enc := base64.RawURLEncoding.EncodeToString
	head := enc([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims := enc(fmt.Appendf(nil, `{"sub":"%d","exp":%d}`, id, time.Now().Add(24*time.Hour).Unix()))
	mac := hmac.New(sha256.New, s.key)
	mac.Write([]byte(head + "." + claims))
	return head + "." + claims + "." + enc(mac.Sum(nil))
}

func (s *conduitServer) verify(tok string) (int, bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return 0, false
	}
	mac := hmac.New(sha256.New, s.key)
	mac.Write([]byte(parts[0] + "." + parts[1]))
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return 0, false
	}
	var claims struct {
		Sub string `json:"sub"`
		Exp int64  `json:"exp"`
	}
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	if json.Unmarshal(raw, &claims) != nil || time.Now().Unix() > claims.Exp {
		return 0, false
	}
	id, err := strconv.Atoi(claims.Sub)
	return id, err == nil
}

// hash stands in for argon2id or bcrypt, which a real server must use.
func (s *conduitServer) hash(password string) string {
	if s.faults.has(ConduitSlowHash) {
		time.Sleep(SlowHash)
	}
	mac := hmac.New(sha256.New, s.key)
	mac.Write([]byte(password))
	return hex.EncodeToString(mac.Sum(nil))
}

// invalid answers 422 with a list of problems per field.
func (s *conduitServer) invalid(w http.ResponseWriter, errs map[string][]string) {
	if s.faults.has(ConduitFlatErrors) {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "validation failed"})
		return
	}
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": errs})
}

func required(errs map[string][]string, fields ...string) {
	for i := 0; i+1 < len(fields); i += 2 {
		if strings.TrimSpace(fields[i+1]) == "" {
			errs[fields[i]] = append(errs[fields[i]], "can't be blank")
		}
	}
}

func (s *conduitServer) byName(name string) *cUser {
	i := slices.IndexFunc(s.users, func(u *cUser) bool { return u.username == name })
	if i < 0 {
		return nil
	}
	return s.users[i]
}

func (s *conduitServer) byEmail(email string) *cUser {
	i := slices.IndexFunc(s.users, func(u *cUser) bool { return strings.EqualFold(u.email, email) })
	if i < 0 {
		return nil
	}
	return s.users[i]
}

// userUpdate tells fields left out (nil) from fields set to "".
type userUpdate struct {
	Username, Email, Password, Bio, Image *string
}

func (s *conduitServer) register(w http.ResponseWriter, r *http.Request, _ *cUser) {
	var in struct {
		User struct{ Username, Email, Password string }
	}
	if readJSON(r, &in) != nil {
		s.invalid(w, map[string][]string{"body": {"is not valid JSON"}})
		return
	}
	u := in.User
	errs := map[string][]string{}
	required(errs, "username", u.Username, "email", u.Email, "password", u.Password)
	if s.byName(u.Username) != nil {
		errs["username"] = append(errs["username"], "has already been taken")
	}
	if s.byEmail(u.Email) != nil {
		errs["email"] = append(errs["email"], "has already been taken")
	}
	if len(errs) > 0 {
		s.invalid(w, errs)
		return
	}
	nu := &cUser{id: len(s.users) + 1, username: u.Username, email: u.Email, passwordHash: s.hash(u.Password)}
	s.users = append(s.users, nu)
	writeJSON(w, s.created(), map[string]any{"user": s.userJSON(nu)})
}

// created is the status of a create: 201, or 200 by mistake.
func (s *conduitServer) created() int {
	if s.faults.has(ConduitCreated200) {
		return http.StatusOK
	}
	return http.StatusCreated
}

func (s *conduitServer) userJSON(u *cUser) map[string]any {
	out := map[string]any{"email": u.email, "token": s.sign(u.id), "username": u.username, "bio": u.bio, "image": u.image}
	if s.faults.has(ConduitExtraField) {
		out["id"] = u.id
	}
	if s.faults.has(ConduitPasswordHash) {
		out["passwordHash"] = u.passwordHash
	}
	return out
}

func (s *conduitServer) login(w http.ResponseWriter, r *http.Request, _ *cUser) {
	var in struct {
		User struct{ Email, Password string }
	}
	if readJSON(r, &in) != nil {
		s.invalid(w, map[string][]string{"body": {"is not valid JSON"}})
		return
	}
	u := s.byEmail(in.User.Email)
	if u == nil || !hmac.Equal([]byte(u.passwordHash), []byte(s.hash(in.User.Password))) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": map[string][]string{"email or password": {"is invalid"}}})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"user": s.userJSON(u)})
}

func (s *conduitServer) current(w http.ResponseWriter, r *http.Request, me *cUser) {
	writeJSON(w, http.StatusOK, map[string]any{"user": s.userJSON(me)})
}

func (s *conduitServer) updateUser(w http.ResponseWriter, r *http.Request, me *cUser) {
	var in struct{ User userUpdate }
	if readJSON(r, &in) != nil {
		s.invalid(w, map[string][]string{"body": {"is not valid JSON"}})
		return
	}
	u := in.User
	if s.faults.has(ConduitEmptyUpdate500) && u == (userUpdate{}) {
		http.Error(w, "nothing to update", http.StatusInternalServerError)
		return
	}
	if s.faults.has(ConduitUpdateWipes) {
		u = wipe(u)
	}
	if s.faults.has(ConduitPasswordIgnored) {
		u.Password = nil
	}
	if u.Username != nil && *u.Username != me.username && s.byName(*u.Username) != nil {
		s.invalid(w, map[string][]string{"username": {"has already been taken"}})
		return
	}
	for _, f := range []struct {
		in  *string
		out *string
	}{{u.Username, &me.username}, {u.Email, &me.email}, {u.Bio, &me.bio}, {u.Image, &me.image}} {
		if f.in != nil {
			*f.out = *f.in
		}
	}
	if u.Password != nil {
		me.passwordHash = s.hash(*u.Password)
	}
	writeJSON(w, http.StatusOK, map[string]any{"user": s.userJSON(me)})
}

// wipe makes an update that sets bio and image to "" unless they were
// sent: what decoding into a plain struct does.
func wipe(u userUpdate) userUpdate {
	empty := ""
	if u.Bio == nil {
		u.Bio = &empty
	}
	if u.Image == nil {
		u.Image = &empty
	}
	return u
}

func (s *conduitServer) profileJSON(u, viewer *cUser) map[string]any {
	following := viewer != nil && s.follows[[2]int{viewer.id, u.id}]
	return map[string]any{"username": u.username, "bio": u.bio, "image": u.image, "following": following}
}

func (s *conduitServer) notFound(w http.ResponseWriter, what string) {
	writeJSON(w, http.StatusNotFound, map[string]any{"errors": map[string][]string{what: {"not found"}}})
}

func (s *conduitServer) profile(w http.ResponseWriter, r *http.Request, me *cUser) {
	switch {
	case me == nil && s.faults.has(ConduitProfileNeedsToken):
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": map[string][]string{"token": {"is missing"}}})
		return
	case me == nil && s.faults.has(ConduitProfile500):
		http.Error(w, "runtime error: invalid memory address or nil pointer dereference", http.StatusInternalServerError)
		return
	}
	u := s.byName(r.PathValue("username"))
	if u == nil {
		s.notFound(w, "profile")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"profile": s.profileJSON(u, me)})
}

func (s *conduitServer) follow(w http.ResponseWriter, r *http.Request, me *cUser) {
	u := s.byName(r.PathValue("username"))
	if u == nil {
		s.notFound(w, "profile")
		return
	}
	key := [2]int{me.id, u.id}
	if r.Method == http.MethodPost {
		s.follows[key] = true
	} else if !s.faults.has(ConduitStickyFollow) {
		delete(s.follows, key)
	}
	writeJSON(w, http.StatusOK, map[string]any{"profile": s.profileJSON(u, me)})
}

func (s *conduitServer) articleJSON(a *cArticle, viewer *cUser, withBody bool) map[string]any {
	stamp := s.stamp
	out := map[string]any{
		"slug": a.slug, "title": a.title, "description": a.description, "tagList": a.tags,
		"createdAt": stamp(a.created), "updatedAt": stamp(a.updated),
		"favorited": viewer != nil && s.favs[a.slug][viewer.id], "favoritesCount": len(s.favs[a.slug]),
		"author": s.profileJSON(s.users[a.author-1], viewer),
	}
	if withBody {
		out["body"] = a.body
	}
	return out
}

// stamp formats a time as RFC 3339 with milliseconds, or wrongly.
func (s *conduitServer) stamp(t time.Time) string {
	if s.faults.has(ConduitLocalDates) {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

func (s *conduitServer) createArticle(w http.ResponseWriter, r *http.Request, me *cUser) {
	var in struct {
		Article struct {
			Title, Description, Body string
			TagList                  []string
		}
	}
	if readJSON(r, &in) != nil {
		s.invalid(w, map[string][]string{"body": {"is not valid JSON"}})
		return
	}
	a := in.Article
	errs := map[string][]string{}
	required(errs, "title", a.Title, "description", a.Description, "body", a.Body)
	if len(errs) > 0 {
		s.invalid(w, errs)
		return
	}
	now := time.Now()
	art := &cArticle{slug: s.slugFor(a.Title), title: a.Title, description: a.Description,
		body: a.Body, tags: a.TagList, author: me.id, created: now, updated: now}
	if art.tags == nil {
		art.tags = []string{}
	}
	s.articles = append(s.articles, art)
	writeJSON(w, s.created(), map[string]any{"article": s.articleJSON(art, me, true)})
}

// slugFor makes a URL-safe slug from a title, numbered when taken.
func (s *conduitServer) slugFor(title string) string {
	base := strings.Join(strings.FieldsFunc(strings.ToLower(title), func(c rune) bool {
		return (c < 'a' || c > 'z') && (c < '0' || c > '9')
	}), "-")
	slug := base
	for n := 2; s.article(slug) != nil; n++ {
		slug = fmt.Sprintf("%s-%d", base, n)
	}
	return slug
}

func (s *conduitServer) article(slug string) *cArticle {
	i := slices.IndexFunc(s.articles, func(a *cArticle) bool { return a.slug == slug })
	if i < 0 {
		return nil
	}
	return s.articles[i]
}

func (s *conduitServer) withArticle(h func(http.ResponseWriter, *http.Request, *cUser, *cArticle)) handler {
	return func(w http.ResponseWriter, r *http.Request, me *cUser) {
		a := s.article(r.PathValue("slug"))
		if a == nil {
			s.notFound(w, "article")
			return
		}
		h(w, r, me, a)
	}
}

func (s *conduitServer) getArticle(w http.ResponseWriter, r *http.Request, me *cUser, a *cArticle) {
	writeJSON(w, http.StatusOK, map[string]any{"article": s.articleJSON(a, me, true)})
}

// ownArticle lets only the article's author through.
func (s *conduitServer) ownArticle(h func(http.ResponseWriter, *http.Request, *cUser, *cArticle)) func(http.ResponseWriter, *http.Request, *cUser, *cArticle) {
	return func(w http.ResponseWriter, r *http.Request, me *cUser, a *cArticle) {
		if a.author != me.id && !s.faults.has(ConduitAnyoneEdits) {
			writeJSON(w, http.StatusForbidden, map[string]any{"errors": map[string][]string{"article": {"is not yours"}}})
			return
		}
		h(w, r, me, a)
	}
}

// updateArticle changes the fields sent; a new title makes a new slug.
func (s *conduitServer) updateArticle(w http.ResponseWriter, r *http.Request, me *cUser, a *cArticle) {
	var in struct {
		Article struct{ Title, Description, Body *string }
	}
	if readJSON(r, &in) != nil {
		s.invalid(w, map[string][]string{"body": {"is not valid JSON"}})
		return
	}
	u := in.Article
	if u.Title != nil && *u.Title != a.title {
		a.title, a.slug = *u.Title, s.slugFor(*u.Title)
	}
	for _, f := range []struct{ in, out *string }{{u.Description, &a.description}, {u.Body, &a.body}} {
		if f.in != nil {
			*f.out = *f.in
		}
	}
	a.updated = time.Now()
	writeJSON(w, http.StatusOK, map[string]any{"article": s.articleJSON(a, me, true)})
}

func (s *conduitServer) deleteArticle(w http.ResponseWriter, r *http.Request, me *cUser, a *cArticle) {
	s.articles = slices.DeleteFunc(s.articles, func(x *cArticle) bool { return x == a })
	if s.faults.has(ConduitDelete200) {
		writeJSON(w, http.StatusOK, map[string]any{"deleted": a.slug})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *conduitServer) favorite(w http.ResponseWriter, r *http.Request, me *cUser, a *cArticle) {
	if s.favs[a.slug] == nil {
		s.favs[a.slug] = map[int]bool{}
	}
	if r.Method == http.MethodPost {
		s.favs[a.slug][me.id] = true
	} else {
		delete(s.favs[a.slug], me.id)
	}
	writeJSON(w, http.StatusOK, map[string]any{"article": s.articleJSON(a, me, true)})
}

// list serves both the article list and the feed; the feed is the list
// limited to authors the caller follows.
func (s *conduitServer) list(w http.ResponseWriter, r *http.Request, me *cUser) {
	q := r.URL.Query()
	limit, err1 := strconv.Atoi(orDefault(q.Get("limit"), "20"))
	offset, err2 := strconv.Atoi(orDefault(q.Get("offset"), "0"))
	if err1 != nil || err2 != nil || limit < 1 || offset < 0 {
		s.invalid(w, map[string][]string{"limit": {"and offset must be whole numbers"}})
		return
	}
	feed := strings.HasSuffix(r.URL.Path, "/feed")
	var matches []*cArticle
	for _, a := range slices.Backward(s.articles) {
		if s.listed(a, q.Get("author"), q.Get("tag"), q.Get("favorited"), feed, me) {
			matches = append(matches, a)
		}
	}
	items := []map[string]any{}
	for _, a := range matches[min(offset, len(matches)):min(offset+limit, len(matches))] {
		items = append(items, s.articleJSON(a, me, false))
	}
	out := map[string]any{"articles": items, "articlesCount": len(matches)}
	if len(items) == 0 && s.faults.has(ConduitNullEmptyList) {
		out["articles"] = nil
	}
	if s.faults.has(ConduitPageCount) {
		out["articlesCount"] = len(items)
	}
	if s.faults.has(ConduitNoCount) {
		delete(out, "articlesCount")
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *conduitServer) listed(a *cArticle, author, tag, favorited string, feed bool, me *cUser) bool {
	if feed && !s.follows[[2]int{me.id, a.author}] && !s.faults.has(ConduitFeedAll) {
		return false
	}
	if author != "" && s.users[a.author-1].username != author {
		return false
	}
	if tag != "" && !slices.Contains(a.tags, tag) {
		return false
	}
	if favorited != "" {
		u := s.byName(favorited)
		return u != nil && s.favs[a.slug][u.id]
	}
	return true
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (s *conduitServer) commentJSON(c *cComment, viewer *cUser) map[string]any {
	stamp := s.stamp(c.created)
	return map[string]any{"id": c.id, "createdAt": stamp, "updatedAt": stamp, "body": c.body, "author": s.profileJSON(s.users[c.author-1], viewer)}
}

func (s *conduitServer) listComments(w http.ResponseWriter, r *http.Request, me *cUser, a *cArticle) {
	if me == nil && s.faults.has(ConduitCommentsNeedToken) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": map[string][]string{"token": {"is missing"}}})
		return
	}
	out := []map[string]any{}
	for _, c := range s.comments {
		if c.slug == a.slug {
			out = append(out, s.commentJSON(c, me))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"comments": out})
}

func (s *conduitServer) addComment(w http.ResponseWriter, r *http.Request, me *cUser, a *cArticle) {
	var in struct{ Comment struct{ Body string } }
	if readJSON(r, &in) != nil {
		s.invalid(w, map[string][]string{"body": {"is not valid JSON"}})
		return
	}
	errs := map[string][]string{}
	if required(errs, "body", in.Comment.Body); len(errs) > 0 {
		s.invalid(w, errs)
		return
	}
	s.lastID++
	c := &cComment{id: s.lastID, author: me.id, slug: a.slug, body: in.Comment.Body, created: time.Now()}
	s.comments = append(s.comments, c)
	out := s.commentJSON(c, me)
	if s.faults.has(ConduitEmptyComment) {
		out["body"], out["author"] = "", map[string]any{"username": "", "bio": nil, "image": nil, "following": false}
	}
	status := http.StatusOK // as the spec says
	if s.faults.has(ConduitComment201) {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"comment": out})
}

func (s *conduitServer) deleteComment(w http.ResponseWriter, r *http.Request, me *cUser, a *cArticle) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	i := slices.IndexFunc(s.comments, func(c *cComment) bool { return c.id == id && c.slug == a.slug })
	switch {
	case i < 0:
		s.notFound(w, "comment")
	case s.comments[i].author != me.id:
		writeJSON(w, http.StatusForbidden, map[string]any{"errors": map[string][]string{"comment": {"is not yours"}}})
	default:
		s.comments = slices.Delete(s.comments, i, i+1)
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *conduitServer) tags(w http.ResponseWriter, r *http.Request, _ *cUser) {
	tags := []string{}
	for _, a := range s.articles {
		tags = append(tags, a.tags...)
	}
	slices.Sort(tags)
	writeJSON(w, http.StatusOK, map[string]any{"tags": slices.Compact(tags)})
}
