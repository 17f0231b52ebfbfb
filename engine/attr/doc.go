// Package attr is DynamoDB's data model: the ten attribute value types,
// items, exact decimal numbers, item sizes, key ordering and the DynamoDB
// JSON encoding ({"S":"x"}, {"N":"1.5"}, {"B":"<base64>"}, …).
//
// Values are immutable once built: share them freely, never modify the
// slices or maps an accessor returns.
//
// attr imports only ddberr (and the standard library and apd); it must not
// import expr, storage, net/http or syscall/js.
package attr
