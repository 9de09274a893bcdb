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

// getArticle reads the article without a token, then with the user's.
// Without one, a refusal fails: reading is public, and a visitor's client
// asks without a token. With one, the article is the same, not favourited.
func (c *conduit) getArticle(ctx context.Context) error {
	return c.h.all(ctx,
		func(ctx context.Context) error { return c.readBack(ctx, nil, "the article, no token needed") },
		func(ctx context.Context) error { return c.readBack(ctx, &c.me, "the article, as the user sees it") })
}

// readBack reads the first article and compares it with what it should be.
func (c *conduit) readBack(ctx context.Context, viewer *account, expect string) error {
	cl := call{method: http.MethodGet, path: articlePath(c.first.slug), want: []int{200}, near: anySuccess, spec: rwArticle200, expect: expect}
	if viewer == nil {
		cl.label = "without a token"
	} else {
		cl.header = viewer.auth()
	}
	o, r, err := c.h.object(ctx, cl)
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

// updateArticle changes the body of the first article, as the official
// suite does, after another user and a request without a token have tried.
func (c *conduit) updateArticle(ctx context.Context) error {
	return c.h.all(ctx, c.updateByOther, c.updateWithoutToken, c.updateByAuthor)
}

// updateByAuthor: 200 with the article, its new body and the rest as it
// was (the slug too: the title did not change); another 2xx warns
// (anySuccess). A later GET shows the new body.
func (c *conduit) updateByAuthor(ctx context.Context) error {
	want := c.first
	want.body = c.h.fake.paragraph()
	o, r, err := c.h.object(ctx, call{method: http.MethodPut, path: articlePath(c.first.slug), header: c.author.auth(),
		body: map[string]any{"article": map[string]string{"body": want.body}},
		want: []int{200}, near: anySuccess, spec: rwUpdateArticle200, expect: "the article with the new body, the rest unchanged"})
	if err != nil {
		return err
	}
	got, err := c.articleIn(r, o)
	if err == nil {
		err = equal(r.what, "slug", got.slug, c.first.slug)
	}
	if err == nil {
		err = sameArticle(r.what, got, want)
	}
	if err != nil {
		return err
	}
	c.first = want
	return c.readBack(ctx, nil, "the article with its new body, saved")
}

// updateByOther: the spec says nothing of another user's edit, so any
// refusal passes. Success fails: anyone could rewrite anyone's article.
func (c *conduit) updateByOther(ctx context.Context) error {
	body := map[string]any{"article": map[string]string{"body": c.h.fake.paragraph()}}
	return c.refused(ctx, call{method: http.MethodPut, path: articlePath(c.first.slug), header: c.me.auth(), body: body,
		label: "by a user who is not the author", expect: "a refusal, such as 403 Forbidden"}, "rewrote another user's article")
}

// updateWithoutToken: 401; 403 warns (forbidden); success fails.
func (c *conduit) updateWithoutToken(ctx context.Context) error {
	body := map[string]any{"article": map[string]string{"body": c.h.fake.paragraph()}}
	_, err := c.h.expect(ctx, call{method: http.MethodPut, path: articlePath(c.first.slug), body: body, label: "without a token",
		want: []int{401}, near: forbidden, spec: rwUpdateArticle401})
	return err
}

// refused sends a call that any refusal answers rightly; success fails with
// what the server let happen, a 5xx fails as ever.
func (c *conduit) refused(ctx context.Context, cl call, happened string) error {
	r, err := c.h.do(ctx, cl)
	switch {
	case err != nil:
		return err
	case success(r.status):
		return fail(issueNoAuthCheck, "%s answered %s: the server %s; only the author may", r.what, statusText(r.status), happened)
	case r.status >= 500:
		return c.h.status(r, call{want: []int{403}})
	}
	return nil
}

// deleteArticle has the author post an article, then tries to delete it
// without a token and as another user, then as the author, and reads it.
func (c *conduit) deleteArticle(ctx context.Context) error {
	a, err := c.postArticle(ctx, c.author, c.h.fake.word())
	if a.slug == "" {
		return err
	}
	path := articlePath(a.slug)
	return c.h.all(ctx,
		// 401; 403 warns (forbidden); success fails.
		func(ctx context.Context) error {
			_, err := c.h.expect(ctx, call{method: http.MethodDelete, path: path, label: "without a token", want: []int{401}, near: forbidden, spec: rwDeleteArticle401})
			return err
		},
		func(ctx context.Context) error {
			return c.refused(ctx, call{method: http.MethodDelete, path: path, header: c.me.auth(), label: "by a user who is not the author",
				expect: "a refusal, such as 403 Forbidden"}, "deleted another user's article")
		},
		func(ctx context.Context) error { return c.deleteByAuthor(ctx, path) })
}

// deleteByAuthor: 204; another 2xx warns (anySuccess). Then the article is
// gone: 404 (or 422, the spec's one error), another refusal warns
// (anyRefusal), success fails: the article is still there.
func (c *conduit) deleteByAuthor(ctx context.Context, path string) error {
	if _, err := c.h.expect(ctx, call{method: http.MethodDelete, path: path, header: c.author.auth(), want: []int{204}, near: anySuccess, spec: rwDeleteArticle204}); err != nil {
		return err
	}
	_, err := c.h.expect(ctx, call{method: http.MethodGet, path: path, label: "after it was deleted", want: []int{404, 422}, near: anyRefusal, spec: csUnknown404, expect: "the article is gone"})
	return err
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
	c.h.give("favorite")
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
// author, a page of them, by the run's tag, all articles, and, once the user
// has favourited one, by who favourited it and as the user sees them.
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
	checks := []func(context.Context) error{
		c.listed(by, "the author's 3 articles, newest first", newest, 3),
		c.listed(by+"&limit=1&offset=1", "the author's second newest article; articlesCount still 3", newest[1:2], 3),
		c.listed("/api/articles?tag="+url.QueryEscape(c.tag), "the one article tagged "+c.tag, c.slugs[:1], 1),
		c.listAll,
	}
	if c.h.made["favorite"] {
		checks = append(checks,
			c.listed("/api/articles?favorited="+url.QueryEscape(c.me.username), "the one article the user favourited", c.slugs[:1], 1),
			func(ctx context.Context) error { return c.seenBy(ctx, by, newest) })
	}
	return c.h.all(ctx, checks...)
}

// listed is a check of one list without a token: its slugs and count.
func (c *conduit) listed(path, expect string, want []string, count int) func(context.Context) error {
	return func(ctx context.Context) error {
		l, err := c.list(ctx, path, nil, rwList200, expect)
		if err != nil {
			return err
		}
		return l.expectSlugs(want, count)
	}
}

// listAll lists every article, as a home page does: the shape of each, and
// a count no smaller than the page. More than 20 on the page warns: the
// spec's default limit is 20, and a client still shows them all.
func (c *conduit) listAll(ctx context.Context) error {
	l, err := c.list(ctx, "/api/articles", nil, rwList200, "the newest articles, at most 20, and the count of all")
	if err != nil {
		return err
	}
	if l.count < int64(len(l.slugs)) {
		return fail(issueCount, "%s: \"articlesCount\" is %d, but the page holds %d articles", l.what, l.count, len(l.slugs))
	}
	if len(l.slugs) > 20 {
		c.h.warn(issueOrder, rwLimit20, "%s: the page holds %d articles; without a limit it should hold 20", l.what, len(l.slugs))
	}
	return nil
}

// seenBy lists the author's articles with the user's token: only the one the
// user favourited says "favorited": true, with a count of 1. A wrong flag
// fails: the client shows a filled heart.
func (c *conduit) seenBy(ctx context.Context, path string, newest []string) error {
	cl := call{method: http.MethodGet, path: path, header: c.me.auth(), want: []int{200}, near: anySuccess, spec: rwList200,
		expect: "the author's articles, the first one favourited by the user"}
	o, r, err := c.h.object(ctx, cl)
	if err != nil {
		return err
	}
	items, err := objects(r.what, o, "articles")
	if err != nil {
		return err
	}
	for i, item := range items {
		a, err := c.readArticle(fmt.Sprintf("%s: articles[%d]", r.what, i), item, false)
		if err != nil {
			return err
		}
		want := a.slug == c.first.slug
		if a.favorited != want || (want && a.favorites != 1) {
			return fail(issueValue, "%s: article %q says \"favorited\": %t, \"favoritesCount\": %d; the user favourited only %q, once",
				r.what, a.slug, a.favorited, a.favorites, c.first.slug)
		}
	}
	return nil
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
	if err := c.findComment(ctx, path, id, true, nil); err != nil {
		return err
	}
	if err := c.findComment(ctx, path, id, true, &c.me); err != nil {
		return err
	}
	del := fmt.Sprintf("%s/%d", path, id)
	if _, err := c.h.expect(ctx, call{method: http.MethodDelete, path: del, header: c.me.auth(), want: []int{204}, near: anySuccess, spec: rwUncomment204}); err != nil {
		return err
	}
	return c.findComment(ctx, path, id, false, nil)
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

// findComment lists the comments, with the viewer's token or none, and
// checks whether id is among them. Without a token a refusal fails: comments
// are public (the token is optional).
func (c *conduit) findComment(ctx context.Context, path string, id int64, present bool, viewer *account) error {
	expect := map[bool]string{true: fmt.Sprintf("the comments, with comment %d", id), false: fmt.Sprintf("the comments, without the deleted comment %d", id)}[present]
	cl := call{method: http.MethodGet, path: path, want: []int{200}, near: anySuccess, spec: rwComments200, expect: expect, label: "without a token"}
	if viewer != nil {
		cl.header, cl.label = viewer.auth(), ""
	}
	o, r, err := c.h.object(ctx, cl)
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
	if err := c.emptyFeed(ctx); err != nil {
		return err
	}
	follow := "/api/profiles/" + url.PathEscape(c.author.username) + "/follow"
	if err := c.profile(ctx, http.MethodPost, follow, &c.me, true, rwFollow200); err != nil {
		return err
	}
	return c.h.all(ctx, c.followedOnly, c.feedNeedsToken)
}

// emptyFeed: a user who follows nobody has an empty feed, and a count of 0.
func (c *conduit) emptyFeed(ctx context.Context) error {
	l, err := c.list(ctx, "/api/articles/feed", &c.other, rwFeed200, "an empty feed: this user follows nobody")
	if err != nil {
		return err
	}
	return l.followed("", nil, 0)
}

// followedOnly: an article by someone the user does not follow fails, as
// does a wrong order or count.
func (c *conduit) followedOnly(ctx context.Context) error {
	l, err := c.list(ctx, "/api/articles/feed", &c.me, rwFeed200, "the 3 articles of the one author the user follows, newest first")
	if err != nil {
		return err
	}
	return l.followed(c.author.username, newestFirst(c.slugs), len(c.slugs))
}

// followed checks a feed that should hold only author's articles (none,
// when author is empty): want, newest first, and count in all.
func (l listing) followed(author string, want []string, count int) error {
	for i, a := range l.authors {
		if a != author {
			return fail(issueFeed, "%s: the feed holds %q by %s, whom the user does not follow; the feed shows only followed authors", l.what, l.slugs[i], a)
		}
	}
	return l.expectSlugs(want, count)
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
			return c.rejects(ctx, call{method: http.MethodPost, path: "/api/users", body: noName, spec: rwRegister422, slow: csSlowHash, label: "without a username"}, "username")
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
