// The AWS SDK for JavaScript v3 client for DynamoDB Streams talking to the
// in-page engine, bundled for the browser by esbuild (see sdk_test.go). Its
// requests carry X-Amz-Target DynamoDBStreams_20120810.*; db.fetch hands
// them to the same engine as the DynamoDB client's.
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";

// playgroundStreamsClient is playgroundClient (playground-client.js) for
// the Streams API: same options, requests answered through db.fetch.
export function playgroundStreamsClient(db) {
  return new DynamoDBStreamsClient({
    region: "us-east-1",
    endpoint: "https://streams.dynamodb.us-east-1.amazonaws.com", // never contacted
    credentials: { accessKeyId: "playground", secretAccessKey: "playground" },
    requestHandler: {
      async handle(request) {
        const url = `${request.protocol}//${request.hostname}${request.path}`;
        const res = await db.fetch(url, { method: request.method, headers: request.headers, body: request.body });
        return {
          response: {
            statusCode: res.status,
            headers: Object.fromEntries(res.headers),
            body: new Uint8Array(await res.arrayBuffer()),
          },
        };
      },
    },
  });
}

export * from "@aws-sdk/client-dynamodb-streams";
