package storeutil

import (
	"strings"

	"github.com/storyline/storyline"
)

// ValidateArticle checks what SaveArticle requires of an article: one is
// given, with a content hash, a title or a text, a publication time
// within TimeBounds (or none), and no negative feed ID or word count.
// Its EINVALID errors name the article's URL.
func ValidateArticle(a *storyline.Article) error {
	switch {
	case a == nil:
		return storyline.Errorf(storyline.EINVALID, "no article to save")
	case a.ContentHash == "":
		return storyline.Errorf(storyline.EINVALID, "article %q has no content hash", a.URL)
	case a.Title == "" && a.Text == "":
		return storyline.Errorf(storyline.EINVALID, "article %q has neither title nor text", a.URL)
	case !InTimeRange(a.Published):
		return storyline.Errorf(storyline.EINVALID, "article %q: publication time %s is out of range", a.URL, a.Published)
	case a.FeedID < 0 || a.WordCount < 0:
		return storyline.Errorf(storyline.EINVALID, "article %q: negative feed ID or word count", a.URL)
	}
	return nil
}

// ValidateNewComment checks what AddComment requires of a comment: one is
// given, on exactly one of a story and an article, with a body that is
// not blank (CheckCommentBody).
func ValidateNewComment(c *storyline.Comment) error {
	if c == nil {
		return storyline.Errorf(storyline.EINVALID, "no comment to add")
	}
	if (c.StoryID == 0) == (c.ArticleID == 0) {
		return storyline.Errorf(storyline.EINVALID, "a comment is on a story or on an article (got story %d and article %d)", c.StoryID, c.ArticleID)
	}
	return CheckCommentBody(c.Body)
}

// CheckCommentBody returns EINVALID for a blank comment body.
func CheckCommentBody(body string) error {
	if strings.TrimSpace(body) == "" {
		return storyline.Errorf(storyline.EINVALID, "comment body %q is empty", body)
	}
	return nil
}

// CommentNotFound is the ENOTFOUND error of an unknown comment ID.
func CommentNotFound(id int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "comment %d not found", id)
}

// UserNotFound is the ENOTFOUND error of an unknown user ID.
func UserNotFound(id int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "user %d not found", id)
}

// LastAdmin is the ECONFLICT error of a change that would leave no
// active administrator: demoting or disabling user id, the last one.
func LastAdmin(id int64) error {
	return storyline.Errorf(storyline.ECONFLICT, "user %d is the last active administrator: make another one first", id)
}

// ValidateNewUser checks what AddUser requires of a user: one is given,
// with a name that is not blank once folded (FoldName) and a known role.
func ValidateNewUser(u *storyline.User) error {
	switch {
	case u == nil:
		return storyline.Errorf(storyline.EINVALID, "no user to add")
	case FoldName(u.Name) == "":
		return storyline.Errorf(storyline.EINVALID, "user name %q is empty", u.Name)
	case !u.Role.Valid():
		return storyline.Errorf(storyline.EINVALID, "user %q: unknown role %q", u.Name, u.Role)
	}
	return nil
}

// CheckRole returns EINVALID, naming user userID, for an unknown role.
func CheckRole(userID int64, role storyline.Role) error {
	if !role.Valid() {
		return storyline.Errorf(storyline.EINVALID, "user %d: unknown role %q", userID, role)
	}
	return nil
}

// ValidateNewSession checks what AddSession requires of a session: one
// is given, with a token hash and an expiry time.
func ValidateNewSession(s *storyline.Session) error {
	switch {
	case s == nil:
		return storyline.Errorf(storyline.EINVALID, "no session to add")
	case s.TokenHash == "":
		return storyline.Errorf(storyline.EINVALID, "session of user %d has an empty token hash", s.UserID)
	case s.ExpiresAt.IsZero():
		return storyline.Errorf(storyline.EINVALID, "session of user %d has no expiry time", s.UserID)
	}
	return nil
}

// ValidateNewToken checks what AddToken requires of an API token: one is
// given, with a token hash.
func ValidateNewToken(k *storyline.APIToken) error {
	if k == nil {
		return storyline.Errorf(storyline.EINVALID, "no API token to add")
	}
	if k.TokenHash == "" {
		return storyline.Errorf(storyline.EINVALID, "API token %q of user %d has an empty token hash", k.Name, k.UserID)
	}
	return nil
}

// ValidateNewFeed checks what AddFeed requires of a feed: one is given,
// with a URL.
func ValidateNewFeed(f *storyline.Feed) error {
	if f == nil || f.URL == "" {
		return storyline.Errorf(storyline.EINVALID, "feed URL is required")
	}
	return nil
}

// CheckEntryGUID returns EINVALID, naming feed feedID, for an empty feed
// entry GUID.
func CheckEntryGUID(feedID int64, guid string) error {
	if guid == "" {
		return storyline.Errorf(storyline.EINVALID, "feed %d: entry without a GUID", feedID)
	}
	return nil
}

// CheckMetaKey returns EINVALID for a key of store_meta that the
// application may not set: an empty one or one the stores keep for
// themselves ("id").
func CheckMetaKey(key string) error {
	if key == "" || key == "id" {
		return storyline.Errorf(storyline.EINVALID, "meta key %q is not allowed", key)
	}
	return nil
}

// ValidateFeedUpdate checks that UpdateFeed is given a feed.
func ValidateFeedUpdate(f *storyline.Feed) error {
	if f == nil {
		return storyline.Errorf(storyline.EINVALID, "no feed to update")
	}
	return nil
}

// FeedNotFound is the ENOTFOUND error of an unknown feed ID.
func FeedNotFound(id int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "feed %d not found", id)
}
