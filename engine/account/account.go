package account

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

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

// Members declares the request's (empty) field table.
func (*DescribeLimitsInput) Members(*fieldtab.Fields) {}

// DescribeLimitsOutput is the DescribeLimits answer.
type DescribeLimitsOutput struct {
	AccountMaxReadCapacityUnits  int64 `json:"AccountMaxReadCapacityUnits"`
	AccountMaxWriteCapacityUnits int64 `json:"AccountMaxWriteCapacityUnits"`
	TableMaxReadCapacityUnits    int64 `json:"TableMaxReadCapacityUnits"`
	TableMaxWriteCapacityUnits   int64 `json:"TableMaxWriteCapacityUnits"`
}

// Members declares the answer's field table.
func (o *DescribeLimitsOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "AccountMaxReadCapacityUnits", unsafe.Pointer(&o.AccountMaxReadCapacityUnits), &fieldtab.Int64.X, 0)
	fieldtab.Field(f, "AccountMaxWriteCapacityUnits", unsafe.Pointer(&o.AccountMaxWriteCapacityUnits), &fieldtab.Int64.X, 0)
	fieldtab.Field(f, "TableMaxReadCapacityUnits", unsafe.Pointer(&o.TableMaxReadCapacityUnits), &fieldtab.Int64.X, 0)
	fieldtab.Field(f, "TableMaxWriteCapacityUnits", unsafe.Pointer(&o.TableMaxWriteCapacityUnits), &fieldtab.Int64.X, 0)
}

// DescribeLimits returns DynamoDB's default quotas: 80,000 read and write
// capacity units per account, 40,000 per table. ddbplay does not enforce
// them.
func DescribeLimits(*DescribeLimitsInput) (*DescribeLimitsOutput, error) {
	return &DescribeLimitsOutput{
		AccountMaxReadCapacityUnits:  accountMaxCapacityUnits,
		AccountMaxWriteCapacityUnits: accountMaxCapacityUnits,
		TableMaxReadCapacityUnits:    tableMaxCapacityUnits,
		TableMaxWriteCapacityUnits:   tableMaxCapacityUnits,
	}, nil
}

// DescribeEndpointsInput is the (empty) DescribeEndpoints request.
type DescribeEndpointsInput struct{}

// Members declares the request's (empty) field table.
func (*DescribeEndpointsInput) Members(*fieldtab.Fields) {}

// Endpoint is one entry of DescribeEndpoints.
type Endpoint struct {
	Address              string `json:"Address"`
	CachePeriodInMinutes int64  `json:"CachePeriodInMinutes"`
}

var (
	codecEndpoint = fieldtab.Codec[Endpoint]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(Endpoint{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			e := (*Endpoint)(p)
			fieldtab.Field(f, "Address", unsafe.Pointer(&e.Address), &fieldtab.String.X, 0)
			fieldtab.Field(f, "CachePeriodInMinutes", unsafe.Pointer(&e.CachePeriodInMinutes), &fieldtab.Int64.X, 0)
		}}}
	codecEndpointList = fieldtab.Codec[[]Endpoint]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &codecEndpoint.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// DescribeEndpointsOutput is the DescribeEndpoints answer.
type DescribeEndpointsOutput struct {
	Endpoints []Endpoint `json:"Endpoints"`
}

// Members declares the answer's field table.
func (o *DescribeEndpointsOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Endpoints", unsafe.Pointer(&o.Endpoints), &codecEndpointList.X, 0)
}

// DescribeEndpoints returns one endpoint, "dynamodb.<region>.amazonaws.com"
// (region is the engine's), cached for 1440 minutes, as DynamoDB answers.
// The engine does not know the address it is served on, so a client that
// enables endpoint discovery must not use this answer to reach ddbplay:
// point it at ddbplay's URL with endpoint discovery off (the SDKs' default
// for DynamoDB).
func DescribeEndpoints(region string, _ *DescribeEndpointsInput) (*DescribeEndpointsOutput, error) {
	return &DescribeEndpointsOutput{Endpoints: []Endpoint{{
		Address:              "dynamodb." + region + ".amazonaws.com",
		CachePeriodInMinutes: endpointCacheMinutes,
	}}}, nil
}
