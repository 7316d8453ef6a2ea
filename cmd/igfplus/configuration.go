package main

import "github.com/igfplus/igfplus/cmd/igfplus/config"

// Config is the platform's configuration, read by package config.
type Config = config.Config

// parseConfig reads the flags in args with their environment fallbacks.
var parseConfig = config.Parse
