package datadir

// The texts of the errors a write gets when the data directory cannot
// take it (the host sends them as InternalServerError).
const (
	msgClosed      = "The data directory is closed."
	msgCannotWrite = "The data directory cannot be written: "
)
