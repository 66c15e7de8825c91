// How a receiver checks the portal's signatures, with the Standard Webhooks
// library of each language: the same check the e2e receiver makes. Each
// snippet reads the raw body (the signature covers the bytes as sent) and the
// three webhook-* headers, and answers 400 when the check fails.

export type SnippetLanguage = "node" | "python" | "go" | "ruby" | "php";

export type VerifySnippet = { language: SnippetLanguage; label: string; install: string; code: string };

export const VERIFY_SNIPPETS: VerifySnippet[] = [
  {
    language: "node",
    label: "Node.js",
    install: "npm install standardwebhooks express",
    code: `import express from "express";
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.PORTAL_WEBHOOK_SECRET); // whsec_…
const app = express();

// express.raw keeps the body as the bytes that were signed.
app.post("/webhooks/portal", express.raw({ type: "application/json" }), (req, res) => {
  try {
    // Checks webhook-signature over webhook-id.webhook-timestamp.body
    // and rejects timestamps more than 5 minutes old.
    const event = wh.verify(req.body, {
      "webhook-id": req.header("webhook-id"),
      "webhook-timestamp": req.header("webhook-timestamp"),
      "webhook-signature": req.header("webhook-signature"),
    });
    // event = { type, timestamp, test, data }; webhook-id is stable across retries.
    res.sendStatus(204);
  } catch {
    res.sendStatus(400);
  }
});

app.listen(4000);`,
  },
  {
    language: "python",
    label: "Python",
    install: "pip install standardwebhooks flask",
    code: `import os
from flask import Flask, request
from standardwebhooks.webhooks import Webhook

wh = Webhook(os.environ["PORTAL_WEBHOOK_SECRET"])  # whsec_…
app = Flask(__name__)

@app.post("/webhooks/portal")
def portal_webhook():
    try:
        # The raw body: the signature covers the bytes as sent.
        event = wh.verify(request.get_data(), dict(request.headers))
    except Exception:
        return "", 400
    # event = {"type", "timestamp", "test", "data"}; webhook-id is stable across retries.
    return "", 204`,
  },
  {
    language: "go",
    label: "Go",
    install: "go get github.com/standard-webhooks/standard-webhooks/libraries",
    code: `package main

import (
	"io"
	"net/http"
	"os"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func main() {
	wh, err := standardwebhooks.NewWebhook(os.Getenv("PORTAL_WEBHOOK_SECRET")) // whsec_…
	if err != nil {
		panic(err)
	}
	http.HandleFunc("/webhooks/portal", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body) // the bytes that were signed
		if err != nil || wh.Verify(body, r.Header) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		// body is {"type", "timestamp", "test", "data"}; webhook-id is stable across retries.
		w.WriteHeader(http.StatusNoContent)
	})
	http.ListenAndServe(":4000", nil)
}`,
  },
  {
    language: "ruby",
    label: "Ruby",
    install: "gem install standardwebhooks sinatra",
    code: `require "sinatra"
require "standardwebhooks"

WH = StandardWebhooks::Webhook.new(ENV.fetch("PORTAL_WEBHOOK_SECRET")) # whsec_…

post "/webhooks/portal" do
  payload = request.body.read # the bytes that were signed
  headers = {
    "webhook-id" => request.env["HTTP_WEBHOOK_ID"],
    "webhook-timestamp" => request.env["HTTP_WEBHOOK_TIMESTAMP"],
    "webhook-signature" => request.env["HTTP_WEBHOOK_SIGNATURE"],
  }
  begin
    event = WH.verify(payload, headers)
  rescue StandardError
    halt 400
  end
  # event = { "type", "timestamp", "test", "data" }; webhook-id is stable across retries.
  status 204
end`,
  },
  {
    language: "php",
    label: "PHP",
    install: "composer require standard-webhooks/standard-webhooks",
    code: `<?php
require __DIR__ . "/vendor/autoload.php";

$wh = new \\StandardWebhooks\\Webhook(getenv("PORTAL_WEBHOOK_SECRET")); // whsec_…

$payload = file_get_contents("php://input"); // the bytes that were signed
$headers = [
    "webhook-id" => $_SERVER["HTTP_WEBHOOK_ID"] ?? "",
    "webhook-timestamp" => $_SERVER["HTTP_WEBHOOK_TIMESTAMP"] ?? "",
    "webhook-signature" => $_SERVER["HTTP_WEBHOOK_SIGNATURE"] ?? "",
];

try {
    $event = $wh->verify($payload, $headers);
} catch (\\Exception $e) {
    http_response_code(400);
    exit;
}
// $event = ["type", "timestamp", "test", "data"]; webhook-id is stable across retries.
http_response_code(204);`,
  },
];
