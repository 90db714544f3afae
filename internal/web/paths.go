package web

import "strconv"

// storyPath is the page of story id.
func storyPath(id int64) string { return "/stories/" + strconv.FormatInt(id, 10) }

// articlePath is the page of article id.
func articlePath(id int64) string { return "/articles/" + strconv.FormatInt(id, 10) }
