package web

import "testing"

func TestReaderPath(t *testing.T) {
	for path, want := range map[string]bool{
		"/read": true, "/api/v1/read": true, "/stories/3/read": true, "/api/v1/articles/9/read": true,
		"/saved/story/3": true, "/api/v1/saved/article/2": true, "/follows": true, "/follows/4/delete": true,
		"/api/v1/mutes/2": true, "/stories/3/comments": false, "/settings": false, "/saved": false,
		"/api/v1/feeds": false, "/stories/3/ask": false,
	} {
		if got := readerPath(path); got != want {
			t.Errorf("readerPath(%q) = %v, want %v", path, got, want)
		}
	}
}
