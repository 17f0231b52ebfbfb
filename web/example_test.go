package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
)

// A DynamoDB endpoint on a local port: any AWS SDK pointed at srv.URL
// works; here a raw request shows the wire protocol.
func ExampleNewHandler() {
	srv := httptest.NewServer(web.NewHandler(engine.New(engine.Options{})))
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"TableName":"missing"}`))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	fmt.Println(string(body))
	// Output:
	// 400 application/x-amz-json-1.0
	// {"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: missing not found"}
}
