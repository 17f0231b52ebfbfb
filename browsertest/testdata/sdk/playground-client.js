// The AWS SDK for JavaScript v3 talking to the in-page engine: the README's
// example, bundled for the browser by esbuild (see sdk_test.go).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

// playgroundClient returns a DynamoDB client whose requests never leave the
// page: db (from openPlayground) answers them through db.fetch.
export function playgroundClient(db) {
  return new DynamoDBClient({
    region: "us-east-1",
    endpoint: "https://dynamodb.us-east-1.amazonaws.com", // never contacted
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

export * from "@aws-sdk/client-dynamodb";
