package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
)

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(a.stdout, "storyline %s (%s, %s/%s)\n", storyline.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
