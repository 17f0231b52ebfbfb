// Package account answers DescribeLimits and DescribeEndpoints, the
// account facts DynamoDB clients ask for, with DynamoDB's default values:
// their requests, responses (with their field tables) and answers. The
// engine registers them.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/fieldtab
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package account
