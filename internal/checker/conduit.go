package checker

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

// conduit holds what the conduit stages create, for the stages after them.
// Three users take part: me (the learner's test user), author (whom me
// follows) and other (whom me does not follow).
type conduit struct {
	h                 *harness
	me, author, other account
	tag               string   // unique to the run
	first             article  // the author's first article
	slugs             []string // the author's articles, oldest first
}

type account struct {
	username, email, password, token string
	registered                       bool // the server said yes, whatever else was wrong
}

// auth is RealWorld's header: the scheme is Token, not Bearer.
func (a account) auth() map[string]string {
	return map[string]string{"Authorization": "Token " + a.token}
}

type article struct {
	slug, title, description, body string
	tags                           []string
	favorited                      bool
	favorites                      int64
	author                         string
}

func conduitSuite(h *harness) []step {
	c := &conduit{h: h}
	return []step{
		{slug: "register", run: c.register, gives: []string{"account", "token"}},
		{slug: "login", run: c.login, needs: []string{"account"}, gives: []string{"token"}},
		{slug: "current-user", run: c.currentUser, needs: []string{"token"}, gives: []string{"auth"}},
		{slug: "update-user", run: c.updateUser, needs: []string{"auth"}},
		{slug: "profiles", run: c.profiles, needs: []string{"auth"}, gives: []string{"author"}},
		{slug: "create-article", run: c.createArticle, needs: []string{"author"}, gives: []string{"article"}},
		{slug: "get-article", run: c.getArticle, needs: []string{"article"}},
		{slug: "favorites", run: c.favorites, needs: []string{"article"}},
		{slug: "list-articles", run: c.listArticles, needs: []string{"article"}},
		{slug: "comments", run: c.comments, needs: []string{"article"}},
		{slug: "tags", run: c.tags, needs: []string{"article"}},
		{slug: "feed", run: c.feed, needs: []string{"article"}},
		{slug: "errors", run: c.errorReplies, needs: []string{"auth"}},
	}
}

// The shapes the RealWorld spec requires (components/schemas).
func userFields() []field {
	return []field{{"email", kString}, {"token", kString}, {"username", kString}, {"bio", kNullString}, {"image", kNullString}}
}

func profileFields() []field {
	return []field{{"username", kString}, {"bio", kNullString}, {"image", kNullString}, {"following", kBool}}
}

// articleFields: list items may leave out the body, single articles may not.
func articleFields(withBody bool) []field {
	fs := []field{{"slug", kString}, {"title", kString}, {"description", kString}, {"tagList", kStrings},
		{"createdAt", kTime}, {"updatedAt", kTime}, {"favorited", kBool}, {"favoritesCount", kInt}, {"author", kObject}}
	if withBody {
		fs = append(fs, field{"body", kString})
	}
	return fs
}

func commentFields() []field {
	return []field{{"id", kInt}, {"createdAt", kTime}, {"updatedAt", kTime}, {"body", kString}, {"author", kObject}}
}

// text reads a kNullString field.
func text(v any) string {
	s, _ := v.(string)
	return s
}

func (c *conduit) newAccount() account {
	f := c.h.fake
	u := f.username()
	return account{username: u, email: f.email(u), password: f.password()}
}

// userIn checks {"user": {...}} and returns the inner object.
func userIn(r *reply, o map[string]any, username string) (map[string]any, error) {
	u, err := member(r.what, o, "user")
	if err != nil {
		return nil, err
	}
	if err := shape(r.what+": user", u, userFields()...); err != nil {
		return nil, err
	}
	return u, equal(r.what, "username", u["username"].(string), username)
}

func (c *conduit) register(ctx context.Context) error {
	c.me = c.newAccount()
	err := c.signUp(ctx, &c.me)
	if c.me.registered {
		c.h.give("account")
	}
	if c.me.token != "" {
		c.h.give("token")
	}
	return err
}

func (c *conduit) signUp(ctx context.Context, a *account) error {
	body := map[string]any{"user": map[string]string{"username": a.username, "email": a.email, "password": a.password}}
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: "/api/users", body: body, want: []int{201}, expect: "the new user, with a token"})
	if err != nil {
		return err
	}
	a.registered = true
	u, err := userIn(r, o, a.username)
	if err != nil {
		return err
	}
	if a.token = u["token"].(string); a.token == "" {
		return failf("%s: \"token\" is empty; registering should also log the user in", r.what)
	}
	return equal(r.what, "email", u["email"].(string), a.email)
}

func (c *conduit) login(ctx context.Context) error {
	return c.h.all(ctx, c.logIn, c.wrongPassword)
}

func (c *conduit) logIn(ctx context.Context) error {
	creds := map[string]any{"user": map[string]string{"email": c.me.email, "password": c.me.password}}
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: "/api/users/login", body: creds, want: []int{200}, expect: "the user, with a token"})
	if err != nil {
		return err
	}
	u, err := userIn(r, o, c.me.username)
	if err != nil {
		return err
	}
	token := u["token"].(string)
	if token == "" {
		return failf("%s: \"token\" is empty", r.what)
	}
	c.me.token = token
	c.h.give("token")
	return nil
}

func (c *conduit) wrongPassword(ctx context.Context) error {
	wrong := map[string]any{"user": map[string]string{"email": c.me.email, "password": c.me.password + "-wrong"}}
	_, err := c.h.expect(ctx, call{method: http.MethodPost, path: "/api/users/login", body: wrong, want: []int{401, 422}, label: "with a wrong password"})
	return err
}

func (c *conduit) currentUser(ctx context.Context) error {
	return c.h.all(ctx, c.withToken, c.withoutToken)
}

func (c *conduit) withToken(ctx context.Context) error {
	r, err := c.h.do(ctx, call{method: http.MethodGet, path: "/api/user", header: c.me.auth(), want: []int{200}, expect: "the logged-in user"})
	if err != nil {
		return err
	}
	if r.status == http.StatusUnauthorized {
		return failf("%s answered 401 Unauthorized to \"Authorization: Token <token from login>\"; RealWorld sends tokens with the scheme Token, not Bearer", r.what)
	}
	if err := r.wantStatus(200); err != nil {
		return err
	}
	c.h.give("auth")
	o, err := r.object()
	if err != nil {
		return err
	}
	_, err = userIn(r, o, c.me.username)
	return err
}

func (c *conduit) withoutToken(ctx context.Context) error {
	_, err := c.h.expect(ctx, call{method: http.MethodGet, path: "/api/user", want: []int{401}, label: "without a token"})
	return err
}

func (c *conduit) updateUser(ctx context.Context) error {
	bio, image := c.h.fake.sentence(), "https://example.com/avatars/"+c.me.username+".png"
	body := map[string]any{"user": map[string]string{"bio": bio, "image": image}}
	o, r, err := c.h.object(ctx, call{method: http.MethodPut, path: "/api/user", header: c.me.auth(), body: body, want: []int{200}, expect: "the user with the new bio and image"})
	if err != nil {
		return err
	}
	u, err := userIn(r, o, c.me.username)
	if err == nil {
		err = equal(r.what, "bio", text(u["bio"]), bio)
	}
	if err == nil {
		err = equal(r.what, "image", text(u["image"]), image)
	}
	if err != nil {
		return err
	}
	if t := u["token"].(string); t != "" {
		c.me.token = t // some servers issue a new token on update
	}
	o, r, err = c.h.object(ctx, call{method: http.MethodGet, path: "/api/user", header: c.me.auth(), want: []int{200}, expect: "the new bio, saved"})
	if err != nil {
		return err
	}
	if u, err = userIn(r, o, c.me.username); err != nil {
		return err
	}
	return equal(r.what, "bio", text(u["bio"]), bio)
}

func (c *conduit) profiles(ctx context.Context) error {
	c.author = c.newAccount()
	err := c.signUp(ctx, &c.author)
	if c.author.token != "" {
		c.h.give("author")
	}
	if err != nil {
		return err
	}
	path := "/api/profiles/" + url.PathEscape(c.author.username)
	for _, p := range []struct {
		method string
		path   string
		viewer *account
		follow bool
	}{
		{http.MethodGet, path, nil, false},
		{http.MethodPost, path + "/follow", &c.me, true},
		{http.MethodGet, path, &c.me, true},
		{http.MethodDelete, path + "/follow", &c.me, false},
	} {
		if err := c.profile(ctx, p.method, p.path, p.viewer, p.follow); err != nil {
			return err
		}
	}
	return nil
}

// profile requests the author's profile (or follows, or unfollows) and checks
// "following" as the viewer sees it.
func (c *conduit) profile(ctx context.Context, method, path string, viewer *account, following bool) error {
	cl := call{method: method, path: path, want: []int{200}, expect: fmt.Sprintf(`the profile with "following": %t`, following)}
	if viewer != nil {
		cl.header = viewer.auth()
	}
	o, r, err := c.h.object(ctx, cl)
	if err != nil {
		return err
	}
	p, err := member(r.what, o, "profile")
	if err != nil {
		return err
	}
	if err := shape(r.what+": profile", p, profileFields()...); err != nil {
		return err
	}
	if err := equal(r.what, "username", p["username"].(string), c.author.username); err != nil {
		return err
	}
	if got := p["following"].(bool); got != following {
		return failf("%s: \"following\" is %t; expected %t", r.what, got, following)
	}
	return nil
}

// articleIn checks {"article": {...}} and reads it.
func articleIn(r *reply, o map[string]any) (article, error) {
	a, err := member(r.what, o, "article")
	if err != nil {
		return article{}, err
	}
	return readArticle(r.what+": article", a, true)
}

func readArticle(where string, a map[string]any, withBody bool) (article, error) {
	if err := shape(where, a, articleFields(withBody)...); err != nil {
		return article{}, err
	}
	author := a["author"].(map[string]any)
	if err := shape(where+".author", author, profileFields()...); err != nil {
		return article{}, err
	}
	return article{
		slug: a["slug"].(string), title: a["title"].(string), description: a["description"].(string), body: text(a["body"]),
		tags: strs(a["tagList"]), favorited: a["favorited"].(bool), favorites: num(a["favoritesCount"]), author: author["username"].(string),
	}, nil
}

// sameArticle compares what the server returned with what was sent.
func sameArticle(where string, got, want article) error {
	for _, f := range [][3]string{{"title", got.title, want.title}, {"description", got.description, want.description},
		{"body", got.body, want.body}, {"author.username", got.author, want.author}} {
		if err := equal(where, f[0], f[1], f[2]); err != nil {
			return err
		}
	}
	if !sameSet(got.tags, want.tags) {
		return failf("%s: \"tagList\" is %s; expected %s", where, quoteList(got.tags), quoteList(want.tags))
	}
	return nil
}

func (c *conduit) postArticle(ctx context.Context, by account, tags ...string) (article, error) {
	f := c.h.fake
	want := article{title: f.title(), description: f.sentence(), body: f.paragraph(), tags: tags, author: by.username}
	body := map[string]any{"article": map[string]any{"title": want.title, "description": want.description, "body": want.body, "tagList": tags}}
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: "/api/articles", header: by.auth(), body: body, want: []int{201}, expect: "the new article, with its slug"})
	if err != nil {
		return article{}, err
	}
	got, err := articleIn(r, o)
	switch {
	case err != nil:
		return article{}, err
	case got.slug == "":
		return got, failf("%s: \"slug\" is empty; the slug is the article's address", r.what)
	case got.favorited || got.favorites != 0:
		return got, failf("%s: a new article should have \"favorited\": false and \"favoritesCount\": 0", r.what)
	}
	return got, sameArticle(r.what, got, want)
}

func (c *conduit) createArticle(ctx context.Context) error {
	c.tag = c.h.fake.tag()
	a, err := c.postArticle(ctx, c.author, c.tag, c.h.fake.word())
	if a.slug != "" {
		c.first, c.slugs = a, []string{a.slug}
		c.h.give("article")
	}
	return err
}

func articlePath(slug string) string { return "/api/articles/" + url.PathEscape(slug) }

func (c *conduit) getArticle(ctx context.Context) error {
	o, r, err := c.h.object(ctx, call{method: http.MethodGet, path: articlePath(c.first.slug), want: []int{200}, expect: "the article, no token needed"})
	if err != nil {
		return err
	}
	got, err := articleIn(r, o)
	if err != nil {
		return err
	}
	if err := equal(r.what, "slug", got.slug, c.first.slug); err != nil {
		return err
	}
	return sameArticle(r.what, got, c.first)
}

func (c *conduit) favorites(ctx context.Context) error {
	fav := articlePath(c.first.slug) + "/favorite"
	for _, s := range []struct {
		method, path string
		want         bool
	}{
		{http.MethodPost, fav, true},
		{http.MethodGet, articlePath(c.first.slug), true},
		{http.MethodDelete, fav, false},
		{http.MethodPost, fav, true}, // left favourited for list-articles
	} {
		if err := c.favorite(ctx, s.method, s.path, s.want); err != nil {
			return err
		}
	}
	return nil
}

func (c *conduit) favorite(ctx context.Context, method, path string, want bool) error {
	count := map[bool]int64{true: 1, false: 0}[want]
	expect := fmt.Sprintf(`the article with "favorited": %t and "favoritesCount": %d`, want, count)
	o, r, err := c.h.object(ctx, call{method: method, path: path, header: c.me.auth(), want: []int{200}, expect: expect})
	if err != nil {
		return err
	}
	a, err := articleIn(r, o)
	if err != nil {
		return err
	}
	if a.favorited != want || a.favorites != count {
		return failf("%s: \"favorited\" is %t and \"favoritesCount\" is %d; expected %t and %d", r.what, a.favorited, a.favorites, want, count)
	}
	return nil
}

// listing is one answer of GET /api/articles or /api/articles/feed.
type listing struct {
	what    string
	slugs   []string
	authors []string
	count   int64
}

func (c *conduit) list(ctx context.Context, path string, viewer *account, expect string) (listing, error) {
	cl := call{method: http.MethodGet, path: path, want: []int{200}, expect: expect}
	if viewer != nil {
		cl.header = viewer.auth()
	}
	o, r, err := c.h.object(ctx, cl)
	if err != nil {
		return listing{}, err
	}
	return readListing(r.what, o)
}

// readListing reads a list of articles: {"articles": [...], "articlesCount": n}.
func readListing(what string, o map[string]any) (listing, error) {
	if err := shape(what, o, field{"articles", kArray}, field{"articlesCount", kInt}); err != nil {
		return listing{}, err
	}
	items, err := objects(what, o, "articles")
	if err != nil {
		return listing{}, err
	}
	l := listing{what: what, count: num(o["articlesCount"])}
	for i, item := range items {
		a, err := readArticle(fmt.Sprintf("%s: articles[%d]", what, i), item, false)
		if err != nil {
			return listing{}, err
		}
		l.slugs, l.authors = append(l.slugs, a.slug), append(l.authors, a.author)
	}
	return l, nil
}

// expectSlugs checks a listing's slugs, in order, and its articlesCount.
func (l listing) expectSlugs(want []string, count int) error {
	if !slices.Equal(l.slugs, want) {
		return failf("%s: the articles are %s; expected %s (newest first)", l.what, quoteList(l.slugs), quoteList(want))
	}
	if l.count != int64(count) {
		return failf("%s: \"articlesCount\" is %d; expected %d, the number of all matching articles, not only this page", l.what, l.count, count)
	}
	return nil
}

func newestFirst(slugs []string) []string {
	out := slices.Clone(slugs)
	slices.Reverse(out)
	return out
}

func (c *conduit) listArticles(ctx context.Context) error {
	for range 2 {
		a, err := c.postArticle(ctx, c.author, c.h.fake.word())
		if err != nil {
			return err
		}
		c.slugs = append(c.slugs, a.slug)
	}
	newest := newestFirst(c.slugs)
	by := "/api/articles?author=" + url.QueryEscape(c.author.username)
	for _, q := range []struct {
		path, expect string
		want         []string
		count        int
	}{
		{by, "the author's 3 articles, newest first", newest, 3},
		{by + "&limit=1&offset=1", "the author's second newest article; articlesCount still 3", newest[1:2], 3},
		{"/api/articles?tag=" + url.QueryEscape(c.tag), "the one article tagged " + c.tag, c.slugs[:1], 1},
		{"/api/articles?favorited=" + url.QueryEscape(c.me.username), "the one article the user favourited", c.slugs[:1], 1},
	} {
		l, err := c.list(ctx, q.path, nil, q.expect)
		if err != nil {
			return err
		}
		if err := l.expectSlugs(q.want, q.count); err != nil {
			return err
		}
	}
	return nil
}

func (c *conduit) comments(ctx context.Context) error {
	path := articlePath(c.first.slug) + "/comments"
	body := c.h.fake.sentence()
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: path, header: c.me.auth(), body: map[string]any{"comment": map[string]string{"body": body}},
		want: []int{200, 201}, expect: "the new comment, with its id"})
	if err != nil {
		return err
	}
	cm, err := member(r.what, o, "comment")
	if err == nil {
		err = checkComment(r.what+": comment", cm, body, c.me.username)
	}
	if err != nil {
		return err
	}
	id := num(cm["id"])
	if err := c.findComment(ctx, path, id, true); err != nil {
		return err
	}
	del := fmt.Sprintf("%s/%d", path, id)
	if _, err := c.h.expect(ctx, call{method: http.MethodDelete, path: del, header: c.me.auth(), want: []int{204, 200}}); err != nil {
		return err
	}
	return c.findComment(ctx, path, id, false)
}

func checkComment(where string, cm map[string]any, body, author string) error {
	if err := shape(where, cm, commentFields()...); err != nil {
		return err
	}
	a := cm["author"].(map[string]any)
	if err := shape(where+".author", a, profileFields()...); err != nil {
		return err
	}
	if err := equal(where, "body", cm["body"].(string), body); err != nil {
		return err
	}
	return equal(where, "author.username", a["username"].(string), author)
}

// findComment lists the comments and checks whether id is among them.
func (c *conduit) findComment(ctx context.Context, path string, id int64, present bool) error {
	expect := map[bool]string{true: fmt.Sprintf("the comments, with comment %d", id), false: fmt.Sprintf("the comments, without the deleted comment %d", id)}[present]
	o, r, err := c.h.object(ctx, call{method: http.MethodGet, path: path, want: []int{200}, expect: expect})
	if err != nil {
		return err
	}
	list, err := objects(r.what, o, "comments")
	if err != nil {
		return err
	}
	found := false
	for i, cm := range list {
		if err := shape(fmt.Sprintf("%s: comments[%d]", r.what, i), cm, commentFields()...); err != nil {
			return err
		}
		found = found || num(cm["id"]) == id
	}
	switch {
	case present && !found:
		return failf("%s: comment %d, just created, is not in the list", r.what, id)
	case !present && found:
		return failf("%s: comment %d is still listed after it was deleted", r.what, id)
	}
	return nil
}

func (c *conduit) tags(ctx context.Context) error {
	o, r, err := c.h.object(ctx, call{method: http.MethodGet, path: "/api/tags", want: []int{200}, expect: fmt.Sprintf(`{"tags": [...]} including %q`, c.tag)})
	if err != nil {
		return err
	}
	if err := shape(r.what, o, field{"tags", kStrings}); err != nil {
		return err
	}
	if !slices.Contains(strs(o["tags"]), c.tag) {
		return failf("%s: %q, the tag of an article, is missing from \"tags\"", r.what, c.tag)
	}
	return nil
}

func (c *conduit) feed(ctx context.Context) error {
	c.other = c.newAccount()
	if err := c.signUp(ctx, &c.other); err != nil {
		return err
	}
	if _, err := c.postArticle(ctx, c.other, c.h.fake.word()); err != nil {
		return err
	}
	follow := "/api/profiles/" + url.PathEscape(c.author.username) + "/follow"
	if err := c.profile(ctx, http.MethodPost, follow, &c.me, true); err != nil {
		return err
	}
	l, err := c.list(ctx, "/api/articles/feed", &c.me, "the 3 articles of the one author the user follows, newest first")
	if err != nil {
		return err
	}
	for i, a := range l.authors {
		if a != c.author.username {
			return failf("%s: the feed holds %q by %s, whom the user does not follow; the feed shows only followed authors", l.what, l.slugs[i], a)
		}
	}
	if err := l.expectSlugs(newestFirst(c.slugs), len(c.slugs)); err != nil {
		return err
	}
	_, err = c.h.expect(ctx, call{method: http.MethodGet, path: "/api/articles/feed", want: []int{401}, label: "without a token"})
	return err
}

func (c *conduit) errorReplies(ctx context.Context) error {
	f := c.h.fake
	noName := map[string]any{"user": map[string]string{"email": f.email(f.username()), "password": f.password()}}
	if err := c.rejects(ctx, call{method: http.MethodPost, path: "/api/users", body: noName, label: "without a username"}, "username"); err != nil {
		return err
	}
	noTitle := map[string]any{"article": map[string]any{"description": f.sentence(), "body": f.paragraph()}}
	if err := c.rejects(ctx, call{method: http.MethodPost, path: "/api/articles", header: c.me.auth(), body: noTitle, label: "without a title"}, "title"); err != nil {
		return err
	}
	valid := map[string]any{"article": map[string]any{"title": f.title(), "description": f.sentence(), "body": f.paragraph()}}
	if _, err := c.h.expect(ctx, call{method: http.MethodPost, path: "/api/articles", body: valid, want: []int{401}, label: "without a token"}); err != nil {
		return err
	}
	missing := articlePath(fmt.Sprintf("no-such-article-%d", f.number()))
	_, err := c.h.expect(ctx, call{method: http.MethodGet, path: missing, want: []int{404}, label: "an article that does not exist"})
	return err
}

// rejects sends invalid input and expects 422 with {"errors": {field: [...]}}.
// The spec's generic key "body" is accepted in place of the field's name.
func (c *conduit) rejects(ctx context.Context, cl call, name string) error {
	cl.want = []int{422}
	cl.expect = fmt.Sprintf(`{"errors": {%q: ["can't be blank"]}}`, name)
	o, r, err := c.h.object(ctx, cl)
	if err != nil {
		return err
	}
	errs, err := member(r.what, o, "errors")
	if err != nil {
		return err
	}
	for k, v := range errs {
		if !isStrings(v) || len(v.([]any)) == 0 {
			return failf("%s: errors.%s should be a list of messages, but it is %s", r.what, k, describe(v))
		}
	}
	if errs[name] == nil && errs["body"] == nil {
		return failf("%s: \"errors\" does not name the field %q; expected {\"errors\": {%q: [\"can't be blank\"]}}", r.what, name, name)
	}
	return nil
}
