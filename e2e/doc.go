// Package e2e holds ddbplay's end-to-end tests: the AWS SDK for Go v2 (and,
// in cli_test.go, the AWS CLI and boto3) talking to the real HTTP handler
// (package web) over a loopback httptest server, exactly as a user's
// program talks to the native server. It contains only tests.
package e2e
