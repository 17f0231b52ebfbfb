package engine

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// DescribeLimits and DescribeEndpoints: account facts DynamoDB clients ask
// for, answered with DynamoDB's default values.

func init() {
	register("DescribeLimits", (*DB).DescribeLimits)
	register("DescribeEndpoints", (*DB).DescribeEndpoints)
}

// DynamoDB's default provisioned-capacity quotas (per account and region,
// and per table), which DescribeLimits reports.
const (
	accountMaxCapacityUnits = 80000
	tableMaxCapacityUnits   = 40000
)

// endpointCacheMinutes is the CachePeriodInMinutes DynamoDB reports.
const endpointCacheMinutes = 1440

// DescribeLimitsInput is the (empty) DescribeLimits request.
type DescribeLimitsInput struct{}

func (*DescribeLimitsInput) members(*fields) {}

// DescribeLimitsOutput is the DescribeLimits answer.
type DescribeLimitsOutput struct {
	AccountMaxReadCapacityUnits  int64 `json:"AccountMaxReadCapacityUnits"`
	AccountMaxWriteCapacityUnits int64 `json:"AccountMaxWriteCapacityUnits"`
	TableMaxReadCapacityUnits    int64 `json:"TableMaxReadCapacityUnits"`
	TableMaxWriteCapacityUnits   int64 `json:"TableMaxWriteCapacityUnits"`
}

func (o *DescribeLimitsOutput) members(f *fields) {
	member(f, "AccountMaxReadCapacityUnits", &o.AccountMaxReadCapacityUnits, &cInt64, 0)
	member(f, "AccountMaxWriteCapacityUnits", &o.AccountMaxWriteCapacityUnits, &cInt64, 0)
	member(f, "TableMaxReadCapacityUnits", &o.TableMaxReadCapacityUnits, &cInt64, 0)
	member(f, "TableMaxWriteCapacityUnits", &o.TableMaxWriteCapacityUnits, &cInt64, 0)
}

// DescribeLimits returns DynamoDB's default quotas: 80,000 read and write
// capacity units per account, 40,000 per table. ddbplay does not enforce
// them.
func (db *DB) DescribeLimits(*DescribeLimitsInput) (*DescribeLimitsOutput, error) {
	return &DescribeLimitsOutput{
		AccountMaxReadCapacityUnits:  accountMaxCapacityUnits,
		AccountMaxWriteCapacityUnits: accountMaxCapacityUnits,
		TableMaxReadCapacityUnits:    tableMaxCapacityUnits,
		TableMaxWriteCapacityUnits:   tableMaxCapacityUnits,
	}, nil
}

// DescribeEndpointsInput is the (empty) DescribeEndpoints request.
type DescribeEndpointsInput struct{}

func (*DescribeEndpointsInput) members(*fields) {}

// Endpoint is one entry of DescribeEndpoints.
type Endpoint struct {
	Address              string `json:"Address"`
	CachePeriodInMinutes int64  `json:"CachePeriodInMinutes"`
}

var (
	cEndpoint = codec[Endpoint]{X: erased{Kind: kObj, Size: unsafe.Sizeof(Endpoint{}),
		Members: func(p unsafe.Pointer, f *fields) {
			e := (*Endpoint)(p)
			member(f, "Address", &e.Address, &cString, 0)
			member(f, "CachePeriodInMinutes", &e.CachePeriodInMinutes, &cInt64, 0)
		}}}
	cEndpointList = codec[[]Endpoint]{X: erased{Kind: kList, Elem: &cEndpoint.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// DescribeEndpointsOutput is the DescribeEndpoints answer.
type DescribeEndpointsOutput struct {
	Endpoints []Endpoint `json:"Endpoints"`
}

func (o *DescribeEndpointsOutput) members(f *fields) {
	member(f, "Endpoints", &o.Endpoints, &cEndpointList, 0)
}

// DescribeEndpoints returns one endpoint, "dynamodb.<region>.amazonaws.com"
// (the region of Options), cached for 1440 minutes, as DynamoDB answers.
// The engine does not know the address it is served on, so a client that
// enables endpoint discovery must not use this answer to reach ddbplay:
// point it at ddbplay's URL with endpoint discovery off (the SDKs' default
// for DynamoDB).
func (db *DB) DescribeEndpoints(*DescribeEndpointsInput) (*DescribeEndpointsOutput, error) {
	return &DescribeEndpointsOutput{Endpoints: []Endpoint{{
		Address:              "dynamodb." + db.region + ".amazonaws.com",
		CachePeriodInMinutes: endpointCacheMinutes,
	}}}, nil
}
