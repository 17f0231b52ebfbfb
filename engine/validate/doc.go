// Package validate words request constraint failures as DynamoDB does.
// Violations collects them ("Value 'ab' at 'tableName' failed to satisfy
// constraint: Member must have length greater than or equal to 3") and
// turns them into one ValidationException ("1 validation error detected:
// …" or "2 validation errors detected: …; …"). It holds the constraint
// texts (NotNull, MinLenFmt, …) and the generic member rules (names,
// enums, a batch's RequestItems map); each operation's own rules stay
// beside the operation and use them.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/ddberr
//	must not import: engine/attr, engine/expr, engine/storage, engine/snapshot, engine/fieldtab, encoding/json, fmt, reflect, net/http, syscall/js
package validate
