package engine_test

import (
	"testing"

	"github.com/ddbplay/ddbplay/engine"
)

func TestDescribeLimits(t *testing.T) {
	out, err := engine.New(engine.Options{}).Handle("DescribeLimits", []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,"TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000}`
	if string(out) != want {
		t.Errorf("DescribeLimits = %s, want %s", out, want)
	}
}

func TestDescribeEndpoints(t *testing.T) {
	tests := []struct{ region, want string }{
		{"", `{"Endpoints":[{"Address":"dynamodb.us-east-1.amazonaws.com","CachePeriodInMinutes":1440}]}`},
		{"eu-west-1", `{"Endpoints":[{"Address":"dynamodb.eu-west-1.amazonaws.com","CachePeriodInMinutes":1440}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			out, err := engine.New(engine.Options{Region: tt.region}).Handle("DescribeEndpoints", nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("DescribeEndpoints = %s, want %s", out, tt.want)
			}
		})
	}
}
