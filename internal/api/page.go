package api

// Lists are returned a page at a time. NextCursor, when present, is passed
// back as ?cursor= to get the next page; it is absent on the last page.

// StoryPage is a page of stories.
type StoryPage struct {
	Stories    []Story `json:"stories"`
	NextCursor string  `json:"next_cursor,omitempty"`
}

// ArticlePage is a page of articles (without their bodies).
type ArticlePage struct {
	Articles   []Article `json:"articles"`
	NextCursor string    `json:"next_cursor,omitempty"`
}

// SearchPage is a page of search results.
type SearchPage struct {
	Query      string      `json:"query"`
	Hits       []SearchHit `json:"hits"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

// CommentPage is a page of comments, oldest first.
type CommentPage struct {
	Comments   []Comment `json:"comments"`
	NextCursor string    `json:"next_cursor,omitempty"`
}

// FeedList is every feed subscription.
type FeedList struct {
	Feeds []Feed `json:"feeds"`
}
