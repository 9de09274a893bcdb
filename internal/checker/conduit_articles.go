package checker

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

// articleIn checks {"article": {...}} and reads it.
func (c *conduit) articleIn(r *reply, o map[string]any) (article, error) {
	a, err := member(r.what, o, "article")
	if err != nil {
		if o["slug"] != nil {
			return article{}, fail(issueUnwrapped, "%s: the article is not wrapped: expected {\"article\": {\"slug\": ...}}, got \"slug\" at the top level", r.what)
		}
		return article{}, err
	}
	return c.readArticle(r.what+": article", a, true)
}

// readArticle checks an article, single or in a list. A list item may carry
// its body or not: the spec dropped it from lists, and clients that read
// lists never look for it, so neither way warns.
func (c *conduit) readArticle(where string, a map[string]any, withBody bool) (article, error) {
	if err := c.fields(where, "article", a, rwArticle, articleFields(withBody), "body"); err != nil {
		return article{}, err
	}
	author := a["author"].(map[string]any)
	if err := c.profileIn(where+".author", author); err != nil {
		return article{}, err
	}
	return article{
		slug: a["slug"].(string), title: a["title"].(string), description: a["description"].(string), body: text(a["body"]),
		tags: strs(a["tagList"]), favorited: a["favorited"].(bool), favorites: num(a["favoritesCount"]), author: author["username"].(string),
	}, nil
}

// sameArticle compares what the server returned with what was sent. Tags
// are compared as a set: the spec gives no order, so a server may sort them.
func sameArticle(where string, got, want article) error {
	for _, f := range [][3]string{{"title", got.title, want.title}, {"description", got.description, want.description},
		{"body", got.body, want.body}, {"author.username", got.author, want.author}} {
		if err := equal(where, f[0], f[1], f[2]); err != nil {
			return err
		}
	}
	if !sameSet(got.tags, want.tags) {
		return fail(issueValue, "%s: \"tagList\" is %s; expected %s", where, quoteList(got.tags), quoteList(want.tags))
	}
	return nil
}

// postArticle creates an article: 201 with the article; another 2xx warns
// (anySuccess). It returns what it read, even when a later check fails, so
// that an article that exists can still be used.
func (c *conduit) postArticle(ctx context.Context, by account, tags ...string) (article, error) {
	f := c.h.fake
	want := article{title: f.title(), description: f.sentence(), body: f.paragraph(), tags: tags, author: by.username}
	body := map[string]any{"article": map[string]any{"title": want.title, "description": want.description, "body": want.body, "tagList": tags}}
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: "/api/articles", header: by.auth(), body: body,
		want: []int{201}, near: anySuccess, spec: rwCreate201, expect: "the new article, with its slug"})
	if err != nil {
		return article{}, err
	}
	got, err := c.articleIn(r, o)
	switch {
	case err != nil:
		return article{}, err
	case got.slug == "":
		return got, fail(issueSlug, "%s: \"slug\" is empty; the slug is the article's address", r.what)
	case got.favorited || got.favorites != 0:
		return got, fail(issueValue, "%s: a new article should have \"favorited\": false and \"favoritesCount\": 0", r.what)
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

// getArticle reads the article without a token. A refusal fails: reading is
// public, and a visitor's client asks without one.
func (c *conduit) getArticle(ctx context.Context) error {
	o, r, err := c.h.object(ctx, call{method: http.MethodGet, path: articlePath(c.first.slug), label: "without a token",
		want: []int{200}, near: anySuccess, spec: rwArticle200, expect: "the article, no token needed"})
	if err != nil {
		return err
	}
	got, err := c.articleIn(r, o)
	if err != nil {
		return err
	}
	if err := equal(r.what, "slug", got.slug, c.first.slug); err != nil {
		return err
	}
	return sameArticle(r.what, got, c.first)
}

// favorites favourites the first article, reads it, finds it by the
// favorited filter, and unfavourites it. Every step's numbers are values a
// client shows, so a wrong one fails; another 2xx warns (anySuccess).
func (c *conduit) favorites(ctx context.Context) error {
	fav := articlePath(c.first.slug) + "/favorite"
	for _, s := range []struct {
		method, path string
		want         bool
		spec         specRef
	}{
		{http.MethodPost, fav, true, rwFavorite200},
		{http.MethodGet, articlePath(c.first.slug), true, rwArticle200},
		{http.MethodDelete, fav, false, rwUnfavorite200},
		{http.MethodPost, fav, true, rwFavorite200}, // left favourited for list-articles
	} {
		if err := c.favorite(ctx, s.method, s.path, s.want, s.spec); err != nil {
			return err
		}
	}
	return nil
}

func (c *conduit) favorite(ctx context.Context, method, path string, want bool, spec specRef) error {
	count := map[bool]int64{true: 1, false: 0}[want]
	expect := fmt.Sprintf(`the article with "favorited": %t and "favoritesCount": %d`, want, count)
	o, r, err := c.h.object(ctx, call{method: method, path: path, header: c.me.auth(), want: []int{200}, near: anySuccess, spec: spec, expect: expect})
	if err != nil {
		return err
	}
	a, err := c.articleIn(r, o)
	if err != nil {
		return err
	}
	if a.favorited != want || a.favorites != count {
		return fail(issueValue, "%s: \"favorited\" is %t and \"favoritesCount\" is %d; expected %t and %d", r.what, a.favorited, a.favorites, want, count)
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

// list reads a list of articles. Without a viewer, a refusal fails: lists
// are public (the token is optional), and a visitor's client asks without one.
func (c *conduit) list(ctx context.Context, path string, viewer *account, spec specRef, expect string) (listing, error) {
	cl := call{method: http.MethodGet, path: path, want: []int{200}, near: anySuccess, spec: spec, expect: expect}
	if viewer != nil {
		cl.header = viewer.auth()
	}
	o, r, err := c.h.object(ctx, cl)
	if err != nil {
		return listing{}, err
	}
	return c.readListing(r.what, o)
}

// readListing reads a list of articles: {"articles": [...], "articlesCount": n}.
func (c *conduit) readListing(what string, o map[string]any) (listing, error) {
	if err := shape(what, o, field{"articles", kArray}, field{"articlesCount", kInt}); err != nil {
		return listing{}, err
	}
	items, err := objects(what, o, "articles")
	if err != nil {
		return listing{}, err
	}
	l := listing{what: what, count: num(o["articlesCount"])}
	for i, item := range items {
		a, err := c.readArticle(fmt.Sprintf("%s: articles[%d]", what, i), item, false)
		if err != nil {
			return listing{}, err
		}
		l.slugs, l.authors = append(l.slugs, a.slug), append(l.authors, a.author)
	}
	return l, nil
}

// expectSlugs checks a listing's slugs, in order, and its articlesCount.
// Both fail when wrong: a client shows the list as it comes and pages by
// the count.
func (l listing) expectSlugs(want []string, count int) error {
	if !slices.Equal(l.slugs, want) {
		return fail(issueOrder, "%s: the articles are %s; expected %s (newest first)", l.what, quoteList(l.slugs), quoteList(want))
	}
	if l.count != int64(count) {
		return fail(issueCount, "%s: \"articlesCount\" is %d; expected %d, the number of all matching articles, not only this page", l.what, l.count, count)
	}
	return nil
}

func newestFirst(slugs []string) []string {
	out := slices.Clone(slugs)
	slices.Reverse(out)
	return out
}

// listArticles has the author post two more articles, then lists them by
// author, a page of them, by the run's tag and by who favourited them.
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
	var checks []func(context.Context) error
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
		checks = append(checks, func(ctx context.Context) error {
			l, err := c.list(ctx, q.path, nil, rwList200, q.expect)
			if err != nil {
				return err
			}
			return l.expectSlugs(q.want, q.count)
		})
	}
	return c.h.all(ctx, checks...)
}

// comments adds a comment, finds it, deletes it and finds it gone.
func (c *conduit) comments(ctx context.Context) error {
	path := articlePath(c.first.slug) + "/comments"
	body := c.h.fake.sentence()
	// The spec says 200 for a new comment; 201 is what HTTP would say and
	// warns like any other 2xx (anySuccess).
	o, r, err := c.h.object(ctx, call{method: http.MethodPost, path: path, header: c.me.auth(), body: map[string]any{"comment": map[string]string{"body": body}},
		want: []int{200}, near: anySuccess, spec: rwComment200, expect: "the new comment, with its id"})
	if err != nil {
		return err
	}
	cm, err := member(r.what, o, "comment")
	if err == nil {
		err = c.checkComment(r.what+": comment", cm, body, c.me.username)
	}
	if err != nil {
		return err
	}
	id := num(cm["id"])
	if err := c.findComment(ctx, path, id, true); err != nil {
		return err
	}
	del := fmt.Sprintf("%s/%d", path, id)
	if _, err := c.h.expect(ctx, call{method: http.MethodDelete, path: del, header: c.me.auth(), want: []int{204}, near: anySuccess, spec: rwUncomment204}); err != nil {
		return err
	}
	return c.findComment(ctx, path, id, false)
}

// checkComment fails on an empty body or author: a client shows both.
func (c *conduit) checkComment(where string, cm map[string]any, body, author string) error {
	if err := c.fields(where, "comment", cm, rwComment, commentFields()); err != nil {
		return err
	}
	a := cm["author"].(map[string]any)
	if err := c.profileIn(where+".author", a); err != nil {
		return err
	}
	if err := equal(where, "body", cm["body"].(string), body); err != nil {
		return err
	}
	return equal(where, "author.username", a["username"].(string), author)
}

// findComment lists the comments without a token and checks whether id is
// among them. A refusal fails: comments are public (the token is optional).
func (c *conduit) findComment(ctx context.Context, path string, id int64, present bool) error {
	expect := map[bool]string{true: fmt.Sprintf("the comments, with comment %d", id), false: fmt.Sprintf("the comments, without the deleted comment %d", id)}[present]
	o, r, err := c.h.object(ctx, call{method: http.MethodGet, path: path, want: []int{200}, near: anySuccess, spec: rwComments200, expect: expect})
	if err != nil {
		return err
	}
	list, err := objects(r.what, o, "comments")
	if err != nil {
		return err
	}
	found := false
	for i, cm := range list {
		if err := c.fields(fmt.Sprintf("%s: comments[%d]", r.what, i), "comment", cm, rwComment, commentFields()); err != nil {
			return err
		}
		found = found || num(cm["id"]) == id
	}
	switch {
	case present && !found:
		return fail(issueValue, "%s: comment %d, just created, is not in the list", r.what, id)
	case !present && found:
		return fail(issueValue, "%s: comment %d is still listed after it was deleted", r.what, id)
	}
	return nil
}

// tags lists the tags: they must include the run's. The spec gives no order,
// so none is asked for.
func (c *conduit) tags(ctx context.Context) error {
	o, r, err := c.h.object(ctx, call{method: http.MethodGet, path: "/api/tags", want: []int{200}, near: anySuccess, spec: rwTags200,
		expect: fmt.Sprintf(`{"tags": [...]} including %q`, c.tag)})
	if err != nil {
		return err
	}
	if err := shape(r.what, o, field{"tags", kStrings}); err != nil {
		return err
	}
	if !slices.Contains(strs(o["tags"]), c.tag) {
		return fail(issueValue, "%s: %q, the tag of an article, is missing from \"tags\"", r.what, c.tag)
	}
	return nil
}

// feed registers a third user who posts an article, follows the author
// again, and reads the feed: the author's articles only, newest first.
func (c *conduit) feed(ctx context.Context) error {
	c.other = c.newAccount()
	if err := c.signUp(ctx, &c.other); err != nil {
		return err
	}
	if _, err := c.postArticle(ctx, c.other, c.h.fake.word()); err != nil {
		return err
	}
	follow := "/api/profiles/" + url.PathEscape(c.author.username) + "/follow"
	if err := c.profile(ctx, http.MethodPost, follow, &c.me, true, rwFollow200); err != nil {
		return err
	}
	return c.h.all(ctx, c.followedOnly, c.feedNeedsToken)
}

// followedOnly: an article by someone the user does not follow fails, as
// does a wrong order or count.
func (c *conduit) followedOnly(ctx context.Context) error {
	l, err := c.list(ctx, "/api/articles/feed", &c.me, rwFeed200, "the 3 articles of the one author the user follows, newest first")
	if err != nil {
		return err
	}
	for i, a := range l.authors {
		if a != c.author.username {
			return fail(issueFeed, "%s: the feed holds %q by %s, whom the user does not follow; the feed shows only followed authors", l.what, l.slugs[i], a)
		}
	}
	return l.expectSlugs(newestFirst(c.slugs), len(c.slugs))
}

// feedNeedsToken: 401; 403 warns (forbidden); success fails.
func (c *conduit) feedNeedsToken(ctx context.Context) error {
	_, err := c.h.expect(ctx, call{method: http.MethodGet, path: "/api/articles/feed", want: []int{401}, near: forbidden, spec: rwFeed401, label: "without a token"})
	return err
}

// errorReplies sends what must be refused, each on its own.
func (c *conduit) errorReplies(ctx context.Context) error {
	f := c.h.fake
	noName := map[string]any{"user": map[string]string{"email": f.email(f.username()), "password": f.password()}}
	noTitle := map[string]any{"article": map[string]any{"description": f.sentence(), "body": f.paragraph()}}
	valid := map[string]any{"article": map[string]any{"title": f.title(), "description": f.sentence(), "body": f.paragraph()}}
	missing := articlePath(fmt.Sprintf("no-such-article-%d", f.number()))
	return c.h.all(ctx,
		func(ctx context.Context) error {
			return c.rejects(ctx, call{method: http.MethodPost, path: "/api/users", body: noName, spec: rwRegister422, label: "without a username"}, "username")
		},
		func(ctx context.Context) error {
			return c.rejects(ctx, call{method: http.MethodPost, path: "/api/articles", header: c.me.auth(), body: noTitle, spec: rwCreate422, label: "without a title"}, "title")
		},
		// 401; 403 warns (forbidden); success fails: anyone could write.
		func(ctx context.Context) error {
			_, err := c.h.expect(ctx, call{method: http.MethodPost, path: "/api/articles", body: valid, want: []int{401}, near: forbidden, spec: rwCreate401, label: "without a token"})
			return err
		},
		// 404 (the project's page) or 422 (the spec's one error for this
		// call); another refusal warns (anyRefusal); success fails.
		func(ctx context.Context) error {
			_, err := c.h.expect(ctx, call{method: http.MethodGet, path: missing, want: []int{404, 422}, near: anyRefusal, spec: csUnknown404, label: "an article that does not exist"})
			return err
		})
}

// rejects sends invalid input and expects 422 with {"errors": {field: [...]}}.
// Another refusal warns (anyRefusal); success fails (the server kept what it
// must refuse). A body that does not say what is wrong fails: the client
// cannot show the learner's user which field to fix. The spec's generic key
// "body" is accepted in place of the field's name.
func (c *conduit) rejects(ctx context.Context, cl call, name string) error {
	cl.want, cl.near = []int{422}, anyRefusal
	cl.expect = fmt.Sprintf(`{"errors": {%q: ["can't be blank"]}}`, name)
	o, r, err := c.h.object(ctx, cl)
	if err != nil {
		return err
	}
	errs, ok := o["errors"].(map[string]any)
	if !ok {
		return fail(issueErrorBody, "%s: the body has no \"errors\" object; expected {\"errors\": {%q: [\"can't be blank\"]}}", r.what, name)
	}
	for k, v := range errs {
		if !isStrings(v) || len(v.([]any)) == 0 {
			return fail(issueErrorBody, "%s: errors.%s should be a list of messages, but it is %s", r.what, k, describe(v))
		}
	}
	if errs[name] == nil && errs["body"] == nil {
		return fail(issueErrorBody, "%s: \"errors\" does not name the field %q; expected {\"errors\": {%q: [\"can't be blank\"]}}", r.what, name, name)
	}
	return nil
}
