package loadgen

// Every message text this package sends (the load lab's own wording).

// Messages of a bad Spec (ValidationException).
const (
	msgTable     = "Choose a table first."
	msgRPS       = "Requests per second must be between 1 and 100,000."
	msgSeconds   = "Duration must be a whole number of seconds between 1 and 3,600."
	msgItemBytes = "Item size must be between 1 byte and 400 KB."
	msgKeys      = "Distinct keys must be between 1 and 1,000,000."
	msgSortKeys  = "Items per partition key must be between 1 and 1,000."
	msgShare     = "Shares of reads, queries and updates must be between 0 and 100 %."
	msgDist      = "Key distribution must be uniform, zipf or hot."
	msgTicks     = "Ticks per second must be between 1 and 1,000."
	msgSpecJSON  = "The load's spec is not valid JSON: "
	msgNoRun     = "No load is running: start one with a spec."
	msgDBChanged = "The playground was replaced while the load ran: start it again."
)
