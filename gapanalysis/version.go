package gapanalysis

// Version is the version of the gapstudy library and tool.
const Version = "0.1.0"
