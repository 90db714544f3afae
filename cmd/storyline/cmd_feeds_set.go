package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/storyline/storyline"
)

func (a *app) feedsSetCommand() *cobra.Command {
	var (
		set    feedSettings
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "set ID [--feed-only=true|false] [--paused=true|false] [--category NAME] [--source NAME]",
		Short: "Change a feed's settings: feed text only, paused, category, outlet name",
		Long: `Change the settings of feed ID (see storyline feeds list); only the settings
given change. At least one is needed:

  --feed-only=true|false  keep the feed's own content (true) or fetch each entry's
                          page for the full article (false); new entries follow it
  --paused=true|false     stop polling the feed, or resume it (due at once)
  --category NAME         folder to file the feed under ("" for none)
  --source NAME           outlet name for its articles ("" for each page's site name)

Settings come from the command line only, never from STORYLINE_* variables.
It prints the feed's settings as stored afterwards (--json: as feeds list --json).`,
		// Args runs after the command line is parsed and before the root
		// command fills the flags it left unset from STORYLINE_* variables:
		// the moment to note which settings were asked for.
		Args: func(cmd *cobra.Command, args []string) error {
			set.noteGiven(cmd.Flags())
			return feedsSetArgs(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || id <= 0 {
				return usagef("feeds set: %q is not a feed ID (see storyline feeds list)", args[0])
			}
			if len(set.given) == 0 {
				return usagef("feeds set: nothing to change: give %s", feedSettingFlags())
			}
			ctx := cmd.Context()
			return a.withStore(ctx, func(store storyline.Store) error {
				f, err := store.Feed(ctx, id)
				if err != nil {
					return fmt.Errorf("feeds set %d: %w (see storyline feeds list)", id, err)
				}
				set.apply(f)
				if err := store.UpdateFeed(ctx, f); err != nil {
					return fmt.Errorf("feeds set %d: %w", id, err)
				}
				if f, err = store.Feed(ctx, id); err != nil {
					return fmt.Errorf("feeds set %d: %w", id, err)
				}
				if asJSON {
					return writeJSON(a.stdout, feedsJSON([]*storyline.Feed{f})[0])
				}
				printFeedSettings(a.stdout, f)
				return nil
			})
		},
	}
	set.register(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the feed as JSON")
	return cmd
}

// feedsSetArgs wants exactly one feed ID, and explains a true or false
// left alone on the command line: a boolean flag takes its value after
// "=" (--feed-only=false), never as the next word.
func feedsSetArgs(cmd *cobra.Command, args []string) error {
	for _, arg := range args {
		if w := strings.ToLower(arg); w == "true" || w == "false" {
			return usagef("%s: unexpected %q: give a true/false setting after =, as in --feed-only=%s", cmd.CommandPath(), arg, w)
		}
	}
	return exactlyOne("feed ID")(cmd, args)
}

// feedSettings are the settings `feeds set` changes: each one only when
// the command line gives its flag. A new setting is a field, its name in
// feedSettingNames, its flag in register and its case in apply.
type feedSettings struct {
	feedOnly, paused bool
	category, source string
	// given names the settings' flags the command line gave (noteGiven).
	given []string
}

// feedSettingNames returns the flags of feedSettings, in the order
// messages name them.
func feedSettingNames() []string {
	return []string{"feed-only", "paused", "category", "source"}
}

// feedSettingFlags names the flags of feedSettings for a message:
// "--feed-only, --paused, --category or --source".
func feedSettingFlags() string {
	names := feedSettingNames()
	for i, n := range names {
		names[i] = "--" + n
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// register adds the settings' flags to fs.
func (s *feedSettings) register(fs *pflag.FlagSet) {
	fs.BoolVar(&s.feedOnly, "feed-only", false, "true: keep the feed's own content; false: fetch each entry's page")
	fs.BoolVar(&s.paused, "paused", false, "true: stop polling the feed; false: resume it")
	fs.StringVar(&s.category, "category", "", `folder to file the feed under ("" for none)`)
	fs.StringVar(&s.source, "source", "", `outlet name for the feed's articles ("" for each page's site name)`)
}

// noteGiven notes which settings' flags fs was given. It must run before
// the environment fills the flags left unset, so that a STORYLINE_PAUSED,
// say, meant for another command changes nothing here.
func (s *feedSettings) noteGiven(fs *pflag.FlagSet) {
	s.given = nil
	for _, n := range feedSettingNames() {
		if fs.Changed(n) {
			s.given = append(s.given, n)
		}
	}
}

// apply sets on f each setting the command line gave.
func (s *feedSettings) apply(f *storyline.Feed) {
	for _, n := range s.given {
		switch n {
		case "feed-only":
			f.FeedOnly = s.feedOnly
		case "paused":
			f.Paused = s.paused
		case "category":
			f.Category = strings.TrimSpace(s.category)
		case "source":
			f.Source = strings.TrimSpace(s.source)
		}
	}
}

// printFeedSettings prints a feed and its settings, one a line.
func printFeedSettings(w io.Writer, f *storyline.Feed) {
	content := "full articles (each entry's page is fetched)"
	if f.FeedOnly {
		content = "feed text only (entries' pages are not fetched)"
	}
	source := f.Source
	if source == "" {
		source = "each page's site name"
	}
	fmt.Fprintf(w, "updated: %s\n", feedLine(f))
	fmt.Fprintf(w, "  content:  %s\n", content)
	fmt.Fprintf(w, "  status:   %s\n", status(f))
	fmt.Fprintf(w, "  category: %s\n", orDash(f.Category))
	fmt.Fprintf(w, "  outlet:   %s\n", source)
}
