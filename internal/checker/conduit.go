package checker

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// conduit holds what the conduit stages create, for the stages after them.
// Three users take part: me (the learner's test user), author (whom me
// follows) and other (whom me does not follow).
//
// Each check below says beside it why a departure from the spec is a failure
// (a client written to the spec breaks) or only a warning (such a client
// still works); the leeway constants give the reasons shared by many calls.
type conduit struct {
	h                 *harness
	me, author, other account
	tag               string   // unique to the run
	first             article  // the author's first article
	slugs             []string // the author's articles, oldest first
}

type account struct {
	username, email, password, token string
	bio, image                       string // as last set, for checking that an update keeps them
	registered                       bool   // the server said yes, whatever else was wrong
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
		{slug: "update-article", run: c.updateArticle, needs: []string{"article"}},
		{slug: "favorites", run: c.favorites, needs: []string{"article"}, gives: []string{"favorite"}},
		{slug: "list-articles", run: c.listArticles, needs: []string{"article"}},
		{slug: "comments", run: c.comments, needs: []string{"article"}},
		{slug: "tags", run: c.tags, needs: []string{"article"}},
		{slug: "feed", run: c.feed, needs: []string{"article"}},
		{slug: "delete-article", run: c.deleteArticle, needs: []string{"author"}},
		{slug: "errors", run: c.errorReplies, needs: []string{"auth"}},
	}
}

// The shapes the RealWorld spec requires (components/schemas). bio and image
// may be null: the spec says string, but most servers, the spec's own
// reference among them, send null for "not set", and clients cope.
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

// wrapped reads {name: {...}} and checks the inner object against fields.
// A body that holds the fields without the wrapper fails with an issue of its
// own (a client reads body.user.token and finds nothing), so that its hint
// can say exactly that.
func (c *conduit) wrapped(r *reply, o map[string]any, name string, spec specRef, fields []field) (map[string]any, error) {
	if _, ok := o[name]; !ok && o[fields[0].name] != nil {
		return nil, fail(issueUnwrapped, "%s: the %s is not wrapped: expected {%q: {%q: ...}}, got %q at the top level", r.what, name, name, fields[0].name, fields[0].name)
	}
	inner, err := member(r.what, o, name)
	if err != nil {
		return nil, err
	}
	return inner, c.fields(r.what+": "+name, name, inner, spec, fields)
}

// fields checks an object's fields, then the fields the spec does not list.
// allowed names fields that are not in the spec's schema but pass silently.
func (c *conduit) fields(where, schema string, o map[string]any, spec specRef, fields []field, allowed ...string) error {
	if err := shape(where, o, fields...); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(o)) {
		if slices.ContainsFunc(fields, func(f field) bool { return f.name == name }) || slices.Contains(allowed, name) {
			continue
		}
		// A password or its hash sent back harms every user: it is a
		// failure even though no client breaks on it.
		if secret(name) {
			return fail(issueSecretField, "%s: %q is sent back; never send a password, nor its hash, to anyone", where, name)
		}
		// An extra field is a warning: a client reads the fields it knows
		// and skips the rest. One warning per schema and field a run.
		c.h.warnOnce("extra\x00"+schema+"\x00"+name, issueExtraField, spec, "%s: %q is not a field of the spec's %s", where, name, schema)
	}
	return nil
}

func secret(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "password") || strings.Contains(n, "hash") || strings.Contains(n, "salt")
}

// userIn checks {"user": {...}} for the user with that username.
func (c *conduit) userIn(r *reply, o map[string]any, username string) (map[string]any, error) {
	u, err := c.wrapped(r, o, "user", rwUser, userFields())
	if err != nil {
		return nil, err
	}
	return u, equal(r.what, "username", u["username"].(string), username)
}

// profileIn checks a profile object, on its own or as an author.
func (c *conduit) profileIn(where string, p map[string]any) error {
	return c.fields(where, "profile", p, rwProfile, profileFields())
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

// signUp registers a: 201 with the user and a token. Another 2xx warns
// (anySuccess). A refusal fails: nothing else can be checked without a user.
func (c *conduit) signUp(ctx context.Context, a *account) error {
	body := map[string]any{"user": map[string]string{"username": a.username, "email": a.email, "password": a.password}}
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: "/api/users", body: body, slow: csSlowHash,
		want: []int{201}, near: anySuccess, spec: rwRegister201, expect: "the new user, with a token"})
	if r != nil && success(r.status) {
		a.registered = true
	}
	if err != nil {
		return err
	}
	u, err := c.userIn(r, o, a.username)
	if err != nil {
		return err
	}
	// Without a token the client cannot act for the user it just made.
	if a.token = u["token"].(string); a.token == "" {
		return fail(issueValue, "%s: \"token\" is empty; registering should also log the user in", r.what)
	}
	return equal(r.what, "email", u["email"].(string), a.email)
}

func (c *conduit) login(ctx context.Context) error {
	return c.h.all(ctx, c.logIn, c.wrongPassword)
}

// logIn: 200 with the user and a token; another 2xx warns (anySuccess).
func (c *conduit) logIn(ctx context.Context) error {
	creds := map[string]any{"user": map[string]string{"email": c.me.email, "password": c.me.password}}
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: "/api/users/login", body: creds, slow: csSlowHash,
		want: []int{200}, near: anySuccess, spec: rwLogin200, expect: "the user, with a token"})
	if err != nil {
		return err
	}
	u, err := c.userIn(r, o, c.me.username)
	if err != nil {
		return err
	}
	token := u["token"].(string)
	if token == "" {
		return fail(issueValue, "%s: \"token\" is empty", r.what)
	}
	c.me.token = token
	c.h.give("token")
	return nil
}

// wrongPassword: 401 or 422. 403 and other refusals warn (forbidden,
// anyRefusal): the login is refused, which is what matters. Success fails:
// anyone could log in as anyone.
func (c *conduit) wrongPassword(ctx context.Context) error {
	wrong := map[string]any{"user": map[string]string{"email": c.me.email, "password": c.me.password + "-wrong"}}
	_, err := c.h.expect(ctx, call{method: http.MethodPost, path: "/api/users/login", body: wrong, slow: csSlowHash,
		want: []int{401, 422}, near: forbidden | anyRefusal, spec: rwLoginRefused, label: "with a wrong password"})
	return err
}

func (c *conduit) currentUser(ctx context.Context) error {
	return c.h.all(ctx, c.withToken, c.withoutToken)
}

// withToken: GET /api/user with the token answers the user. A refused token
// fails, and is told apart from the common cause, the Bearer scheme.
func (c *conduit) withToken(ctx context.Context) error {
	o, r, err := c.h.object(ctx, call{method: http.MethodGet, path: "/api/user", header: c.me.auth(),
		want: []int{200}, near: anySuccess, spec: rwUser200, expect: "the logged-in user"})
	if f, ok := asFailure(err); ok && f.issue == issueTokenRefused {
		return c.bearerProbe(ctx, err)
	}
	if r != nil && success(r.status) {
		c.h.give("auth")
	}
	if err != nil {
		return err
	}
	_, err = c.userIn(r, o, c.me.username)
	return err
}

// bearerProbe asks again with "Bearer", to tell the learner which mistake
// it is. The finding shows both exchanges.
func (c *conduit) bearerProbe(ctx context.Context, refused error) error {
	first := c.h.exchange
	r, err := c.h.do(ctx, call{method: http.MethodGet, path: "/api/user", header: map[string]string{"Authorization": "Bearer " + c.me.token},
		label: "the same token with the scheme Bearer, to find out why", expect: "for comparison only"})
	if err != nil {
		return err
	}
	c.h.exchange = first + c.h.exchange
	if success(r.status) {
		return fail(issueBearer, "GET /api/user refused \"Authorization: Token <token>\" but accepted \"Bearer <token>\"; RealWorld's scheme is Token")
	}
	return refused
}

// withoutToken: 401. 403 warns (forbidden); success fails: the server
// answered for nobody.
func (c *conduit) withoutToken(ctx context.Context) error {
	_, err := c.h.expect(ctx, call{method: http.MethodGet, path: "/api/user", want: []int{401}, near: forbidden, spec: rwUser401, label: "without a token"})
	return err
}

// updateUser changes the user four ways, each on its own: bio and image,
// only the email, only the password, and nothing at all. Each time, what was
// not sent must keep its value.
func (c *conduit) updateUser(ctx context.Context) error {
	return c.h.all(ctx, c.updateBioImage, c.updateEmail, c.updatePassword, c.updateNothing)
}

// updateBioImage: the answer and a later GET show the new values. Another
// 2xx warns (anySuccess); a value not changed, or not kept, fails.
func (c *conduit) updateBioImage(ctx context.Context) error {
	bio, image := c.h.fake.sentence(), "https://example.com/avatars/"+c.me.username+".png"
	if err := c.updateTo(ctx, map[string]string{"bio": bio, "image": image}, "the user with the new bio and image"); err != nil {
		return err
	}
	c.me.bio, c.me.image = bio, image
	return c.savedUser(ctx)
}

// updateEmail sends only the email, as the official suite does: the others
// keep their values (a server that decodes into a struct wipes them).
func (c *conduit) updateEmail(ctx context.Context) error {
	email := "new." + c.me.email
	if err := c.updateTo(ctx, map[string]string{"email": email}, "the user with the new email, bio and image unchanged"); err != nil {
		return err
	}
	c.me.email = email
	return c.savedUser(ctx)
}

// updatePassword sends only the password: the user comes back unchanged
// (and without the password), and the new password logs in. A login that
// fails with it fails here: the user would be locked out.
func (c *conduit) updatePassword(ctx context.Context) error {
	password := c.h.fake.password()
	if err := c.updateTo(ctx, map[string]string{"password": password}, "the user, unchanged"); err != nil {
		return err
	}
	c.me.password = password
	creds := map[string]any{"user": map[string]string{"email": c.me.email, "password": password}}
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: "/api/users/login", body: creds, label: "with the new password", slow: csSlowHash,
		want: []int{200}, near: anySuccess, spec: rwLogin200, expect: "the user: the new password logs in"})
	if f, ok := asFailure(err); ok && r != nil && refusal(r.status) {
		return fail(issueValue, "%s was refused: the password sent by PUT /api/user was not saved (%s)", r.what, f.msg)
	}
	if err != nil {
		return err
	}
	_, err = c.userIn(r, o, c.me.username)
	return err
}

// updateNothing sends {"user": {}}. The spec asks for at least one field,
// so 422 is right, and so is 200 with the user unchanged; another refusal
// warns (anyRefusal). A change, or a 5xx, fails.
func (c *conduit) updateNothing(ctx context.Context) error {
	o, r, err := c.h.object(ctx, call{method: http.MethodPut, path: "/api/user", header: c.me.auth(), body: map[string]any{"user": map[string]string{}},
		label: "with no field", want: []int{200, 422}, near: anyRefusal, spec: rwUpdateOne, expect: "the user, unchanged, or a 422 error"})
	if err != nil || r.status != http.StatusOK {
		return err
	}
	u, err := c.userIn(r, o, c.me.username)
	if err != nil {
		return err
	}
	return c.sameUser(r.what, u, c.me.fields())
}

// fields is what the user's own fields should read.
func (a account) fields() map[string]string {
	return map[string]string{"email": a.email, "bio": a.bio, "image": a.image}
}

// updateTo sends PUT /api/user with fields and checks that the answer shows
// them, and the user's other fields as they were.
func (c *conduit) updateTo(ctx context.Context, fields map[string]string, expect string) error {
	u, err := c.putUser(ctx, fields, expect)
	if err != nil {
		return err
	}
	want := c.me.fields()
	for k, v := range fields {
		if k != "password" {
			want[k] = v
		}
	}
	return c.sameUser(u.what, u.o, want)
}

// savedUser reads the user back: what the answer showed must be saved.
func (c *conduit) savedUser(ctx context.Context) error {
	o, r, err := c.h.object(ctx, call{method: http.MethodGet, path: "/api/user", header: c.me.auth(),
		want: []int{200}, near: anySuccess, spec: rwUser200, expect: "the user as changed, saved"})
	if err != nil {
		return err
	}
	got, err := c.userIn(r, o, c.me.username)
	if err != nil {
		return err
	}
	return c.sameUser(r.what, got, c.me.fields())
}

// answer is a checked JSON object and where it came from, for messages.
type answer struct {
	what string
	o    map[string]any
}

// putUser sends PUT /api/user with the fields given and returns the user in
// the answer, keeping a new token when the server issues one.
func (c *conduit) putUser(ctx context.Context, fields map[string]string, expect string) (answer, error) {
	cl := call{method: http.MethodPut, path: "/api/user", header: c.me.auth(), body: map[string]any{"user": fields},
		want: []int{200}, near: anySuccess, spec: rwUpdateUser200, expect: expect}
	if _, ok := fields["password"]; ok {
		cl.slow = csSlowHash // a new password is hashed
	}
	o, r, err := c.h.object(ctx, cl)
	if err != nil {
		return answer{}, err
	}
	u, err := c.userIn(r, o, c.me.username)
	if err != nil {
		return answer{}, err
	}
	if t := u["token"].(string); t != "" {
		c.me.token = t // some servers issue a new token on update
	}
	return answer{r.what, u}, nil
}

// sameUser compares the user's text fields with the values wanted.
func (c *conduit) sameUser(what string, u map[string]any, want map[string]string) error {
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if err := equal(what, name, text(u[name]), want[name]); err != nil {
			return err
		}
	}
	return nil
}

// profiles registers the author, then reads the author's profile without a
// token, follows, reads it with one, and unfollows.
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
		spec   specRef
	}{
		{http.MethodGet, path, nil, false, rwProfile200},
		{http.MethodPost, path + "/follow", &c.me, true, rwFollow200},
		{http.MethodGet, path, &c.me, true, rwProfile200},
		{http.MethodDelete, path + "/follow", &c.me, false, rwUnfollow200},
	} {
		if err := c.profile(ctx, p.method, p.path, p.viewer, p.follow, p.spec); err != nil {
			return err
		}
	}
	return nil
}

// profile requests the author's profile (or follows, or unfollows) and checks
// "following" as the viewer sees it. Another 2xx warns (anySuccess). Without
// a token, a refusal fails: the spec makes the token optional here, and a
// visitor's client asks without one.
func (c *conduit) profile(ctx context.Context, method, path string, viewer *account, following bool, spec specRef) error {
	cl := call{method: method, path: path, want: []int{200}, near: anySuccess, spec: spec, expect: fmt.Sprintf(`the profile with "following": %t`, following)}
	if method == http.MethodPost && viewer != nil {
		// The official suite sends this body with a follow; a server must
		// not trip over a body it does not need.
		cl.body = map[string]any{"user": map[string]string{"email": viewer.email}}
	}
	if viewer != nil {
		cl.header = viewer.auth()
	} else {
		cl.label = "without a token"
	}
	o, r, err := c.h.object(ctx, cl)
	if err != nil {
		return err
	}
	p, err := c.wrapped(r, o, "profile", rwProfile, profileFields())
	if err != nil {
		return err
	}
	if err := equal(r.what, "username", p["username"].(string), c.author.username); err != nil {
		return err
	}
	if got := p["following"].(bool); got != following {
		return fail(issueValue, "%s: \"following\" is %t; expected %t", r.what, got, following)
	}
	return nil
}
