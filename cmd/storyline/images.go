package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/images"
	"github.com/storyline/storyline/internal/imaging"
)

// imageFlags configure the lead images of serve and worker.
type imageFlags struct {
	on bool
}

// register adds the flags to cmd.
func (o *imageFlags) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.on, "images", true, "fetch the articles' lead images, scale them and serve them from here\n(fetched as the feeds are: --allow-private, --host-rate, --host-rate-max, robots.txt)")
}

// imageFetcher returns the fetcher of the articles' lead images into
// store, or nil when --images is off. It fetches as the network flags say
// (private addresses, rate per host, robots.txt) through a client of its
// own whose body cap is the largest image accepted rather than
// --max-size, so that images up to imaging.DefaultMaxBytes are kept
// whatever pages are capped at.
func (o *ingestFlags) imageFetcher(store storyline.ImageStore, log *slog.Logger) (*images.Fetcher, error) {
	if !o.images.on {
		return nil, nil
	}
	opts, _, err := o.net.options()
	if err != nil {
		return nil, err
	}
	lim := imaging.DefaultLimits()
	opts.MaxBytes = lim.MaxBytes
	f, err := images.New(images.Config{Store: store, Client: fetch.New(opts), Limits: lim, Log: log})
	if err != nil {
		return nil, fmt.Errorf("start fetching lead images: %w", err)
	}
	return f, nil
}

// runImages runs f, when not nil, in the background of in until ctx
// ends.
func (in *ingestion) runImages(ctx context.Context, f *images.Fetcher) {
	if f != nil {
		in.wg.Go(func() { _ = f.Run(ctx) })
	}
}
