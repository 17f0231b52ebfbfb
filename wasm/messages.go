//go:build js && wasm

package main

// Every text the browser host sends of its own (its lesson controls:
// the clock, the settings, the partition of a key, the export). Operation
// errors come from the engine.
const (
	msgNoExport       = "no export under way"
	msgStep           = "step must be between 0 and 315360000 seconds"
	msgSpeed          = "speed must be a whole number between 1 and 1000"
	msgClockActionFmt = "unknown clock action %s"
	msgReplicaLag     = "replicaLagMs must be between 0 and 3600000"
	msgInvalidKeyFmt  = "Invalid key: %s"
)
