// Package web serves ddbplay over HTTP: DynamoDB's JSON 1.0 wire protocol
// (NewHandler) in front of an engine.DB, and the playground's static site
// beside it on the same port (NewServer).
//
// The protocol handler decodes nothing itself: it takes the operation from
// the X-Amz-Target header, hands the raw body to engine.DB.Handle, and
// writes the answer with the headers DynamoDB sends (x-amzn-RequestId,
// x-amz-crc32, Content-Type application/x-amz-json-1.0) plus CORS headers,
// so that pages on other origins and every AWS SDK can use it. Request
// signatures are not checked: any credentials work.
//
// Nothing under engine/ imports web or net/http.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine, engine/attr, engine/clock, engine/ddberr, static, web/sitepolicy
//	must not import: engine/snapshot, syscall/js, github.com/syumai/workers
package web
