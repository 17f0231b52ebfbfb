package ttl

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// The Time to Live operations, UpdateTimeToLive and DescribeTimeToLive,
// with their requests and responses. The engine registers them and keeps
// each table's settings in its catalog (Catalog); it also runs the
// expiry sweeps.

// Catalog is what the Time to Live operations need of the engine.
type Catalog interface {
	// TableTTL runs fn on the TTL settings of the table called name: its
	// attribute ("" while TTL is disabled) and status. With write set it
	// runs inside a write transaction, else under the read lock. No such
	// table is ResourceNotFoundException naming it.
	TableTTL(name string, write bool, fn func(attribute, status *string) error) error
}

// UpdateTimeToLiveInput is the UpdateTimeToLive request.
type UpdateTimeToLiveInput struct {
	TableName               string                   `json:"TableName"`
	TimeToLiveSpecification *TimeToLiveSpecification `json:"TimeToLiveSpecification"`
}

// Members declares the request's field table.
func (in *UpdateTimeToLiveInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "TableName", unsafe.Pointer(&in.TableName), &fieldtab.String.X, 0)
	fieldtab.Field(f, "TimeToLiveSpecification", unsafe.Pointer(&in.TimeToLiveSpecification), &CodecSpecificationPtr.X, 0)
}

// UpdateTimeToLiveOutput is the UpdateTimeToLive answer: the specification
// as requested.
type UpdateTimeToLiveOutput struct {
	TimeToLiveSpecification *TimeToLiveSpecification `json:"TimeToLiveSpecification,omitempty"`
}

// Members declares the answer's field table.
func (o *UpdateTimeToLiveOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "TimeToLiveSpecification", unsafe.Pointer(&o.TimeToLiveSpecification), &CodecSpecificationPtr.X, fieldtab.OmitEmpty)
}

// DescribeTimeToLiveInput is the DescribeTimeToLive request.
type DescribeTimeToLiveInput struct {
	TableName string `json:"TableName"`
}

// Members declares the request's field table.
func (in *DescribeTimeToLiveInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "TableName", unsafe.Pointer(&in.TableName), &fieldtab.String.X, 0)
}

// DescribeTimeToLiveOutput is the DescribeTimeToLive answer.
type DescribeTimeToLiveOutput struct {
	TimeToLiveDescription *TimeToLiveDescription `json:"TimeToLiveDescription"`
}

// Members declares the answer's field table.
func (o *DescribeTimeToLiveOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "TimeToLiveDescription", unsafe.Pointer(&o.TimeToLiveDescription), &CodecDescriptionPtr.X, 0)
}

// UpdateTimeToLive enables TTL on a table with the given attribute name, or
// disables it (Apply says which changes are refused). Items already
// expired when TTL is enabled go at the next sweep.
func UpdateTimeToLive(c Catalog, in *UpdateTimeToLiveInput) (*UpdateTimeToLiveOutput, error) {
	spec := in.TimeToLiveSpecification
	if err := CheckUpdate(in.TableName, spec); err != nil {
		return nil, err
	}
	err := c.TableTTL(in.TableName, true, func(attribute, status *string) error {
		a, s, err := Apply(*attribute, spec)
		if err != nil {
			return err
		}
		*attribute, *status = a, s
		return nil
	})
	if err != nil {
		return nil, err
	}
	name := *spec.AttributeName
	return &UpdateTimeToLiveOutput{TimeToLiveSpecification: &TimeToLiveSpecification{
		AttributeName: &name,
		Enabled:       spec.Enabled,
	}}, nil
}

// DescribeTimeToLive returns a table's TTL status and attribute.
func DescribeTimeToLive(c Catalog, in *DescribeTimeToLiveInput) (*DescribeTimeToLiveOutput, error) {
	var v validate.Violations
	v.TableName("tableName", in.TableName)
	if err := v.Err(); err != nil {
		return nil, err
	}
	out := &DescribeTimeToLiveOutput{}
	err := c.TableTTL(in.TableName, false, func(attribute, _ *string) error {
		out.TimeToLiveDescription = Describe(*attribute)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
