package e2e

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/ddbplay/ddbplay/engine"
)

func TestDescribeLimits_SDK(t *testing.T) {
	out, err := newClient(t).DescribeLimits(context.Background(), &dynamodb.DescribeLimitsInput{})
	if err != nil {
		t.Fatalf("DescribeLimits: %v", err)
	}
	got := []int64{aws.ToInt64(out.AccountMaxReadCapacityUnits), aws.ToInt64(out.AccountMaxWriteCapacityUnits),
		aws.ToInt64(out.TableMaxReadCapacityUnits), aws.ToInt64(out.TableMaxWriteCapacityUnits)}
	want := []int64{80000, 80000, 40000, 40000}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("DescribeLimits = %v, want %v", got, want)
			break
		}
	}
}

func TestDescribeEndpoints_SDK(t *testing.T) {
	c, _ := newClientWithDB(t, engine.Options{Region: "eu-central-1"})
	out, err := c.DescribeEndpoints(context.Background(), &dynamodb.DescribeEndpointsInput{})
	if err != nil {
		t.Fatalf("DescribeEndpoints: %v", err)
	}
	if len(out.Endpoints) != 1 || aws.ToString(out.Endpoints[0].Address) != "dynamodb.eu-central-1.amazonaws.com" ||
		out.Endpoints[0].CachePeriodInMinutes != 1440 {
		t.Errorf("Endpoints = %+v, want one dynamodb.eu-central-1.amazonaws.com cached 1440 minutes", out.Endpoints)
	}
}

// TestUnsupported_SDK checks that an operation ddbplay does not implement
// answers UnknownOperationException through the SDK.
func TestUnsupported_SDK(t *testing.T) {
	_, err := newClient(t).ListBackups(context.Background(), &dynamodb.ListBackupsInput{})
	code, msg := apiErr(t, err)
	if code != "UnknownOperationException" || msg != "ddbplay does not support the DynamoDB operation ListBackups" {
		t.Errorf("ListBackups: %s %q, want UnknownOperationException", code, msg)
	}
}
