package web

import (
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/static"
)

// The texts and error values this package sends. Operation errors come from
// the engine; these are only the ones the HTTP layer decides alone.

// TargetPrefix is the X-Amz-Target prefix of DynamoDB's operations
// (static/protocol.js).
var TargetPrefix = static.Protocol.TargetPrefix

// typeRequestEntityTooLarge is the error type of a request body over
// MaxBodyBytes, sent with HTTP 413 as DynamoDB's front end does.
const typeRequestEntityTooLarge = "RequestEntityTooLarge"

const (
	msgTooLarge = "Request payload size exceeds the limit of %d bytes"
	msgReadBody = "Could not read the request body"
	msgMethod   = "Method not allowed"
	// The admin API's (/_ddbplay/…: the lesson controls).
	msgInvalidBodyFmt = "Invalid request body: %s"
	msgSpeed          = "speed must be between 1 and 1000"
	msgStepSeconds    = "stepSeconds must be between 0 and 315360000"
	msgReplicaLag     = "replicaLagMs must be between 0 and 3600000"
	msgInvalidKeyFmt  = "Invalid key: %s"
	// healthText is what DynamoDB answers to a GET on its endpoint.
	healthText = "healthy: ddbplay\n"
)

func errTooLarge() *ddberr.Error {
	e := ddberr.Newf(typeRequestEntityTooLarge, msgTooLarge, MaxBodyBytes)
	e.Status = 413
	return e
}

func errReadBody() *ddberr.Error {
	return ddberr.New(ddberr.TypeSerialization, msgReadBody)
}
