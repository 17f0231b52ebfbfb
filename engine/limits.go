package engine

import "github.com/ddbplay/ddbplay/engine/account"

// DescribeLimits and DescribeEndpoints are package account's.

func init() {
	registerPkg("DescribeLimits", (*DB).DescribeLimits)
	registerPkg("DescribeEndpoints", (*DB).DescribeEndpoints)
}

// The account types are package account's.
type (
	DescribeLimitsInput     = account.DescribeLimitsInput
	DescribeLimitsOutput    = account.DescribeLimitsOutput
	DescribeEndpointsInput  = account.DescribeEndpointsInput
	DescribeEndpointsOutput = account.DescribeEndpointsOutput
	Endpoint                = account.Endpoint
)

// DescribeLimits is account.DescribeLimits.
func (db *DB) DescribeLimits(in *DescribeLimitsInput) (*DescribeLimitsOutput, error) {
	return account.DescribeLimits(in)
}

// DescribeEndpoints is account.DescribeEndpoints, in the DB's region.
func (db *DB) DescribeEndpoints(in *DescribeEndpointsInput) (*DescribeEndpointsOutput, error) {
	return account.DescribeEndpoints(db.region, in)
}
