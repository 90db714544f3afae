package storyline

import "time"

// Story is the coverage of one event: articles from one or many outlets
// grouped together.
type Story struct {
	ID           int64
	Title        string // the most representative headline
	Summary      string
	FirstSeen    time.Time
	LastUpdated  time.Time
	ArticleCount int
	Outlets      []string
}

// Comment is a reader's remark on a story or an article.
type Comment struct {
	ID        int64
	UserID    int64
	StoryID   int64 // set for a comment on a story
	ArticleID int64 // set for a comment on an article
	Body      string
	Hidden    bool // hidden by an administrator
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Role is what a user may do.
type Role string

// Roles.
const (
	RoleAdmin  Role = "admin"
	RoleMember Role = "member"
)

// User is an account of the reader.
type User struct {
	ID           int64
	Name         string
	PasswordHash string
	Role         Role
	CreatedAt    time.Time
}
