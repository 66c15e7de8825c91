import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { NEXTAUTH_BODY_LIMIT_BYTES, requestForNextAuth } from "./next-auth-request";

const URL_ = "http://localhost:3000/api/auth/session";

describe("requestForNextAuth", () => {
  it("hands next-auth a HEAD as a GET with the same URL and headers (next-auth answers any method but GET and POST with a text 400)", async () => {
    const head = new NextRequest(URL_, { method: "HEAD", headers: { cookie: "next-auth.session-token=abc" } });
    const request = await requestForNextAuth(head);
    expect(request.method).toBe("GET");
    expect(request.url).toBe(URL_);
    expect(request.headers.get("cookie")).toBe("next-auth.session-token=abc");
  });

  it("passes a GET through as it is", async () => {
    const get = new NextRequest(URL_);
    expect(await requestForNextAuth(get)).toBe(get);
  });

  it("copies a POST body under the limit and refuses a larger one with payload_too_large", async () => {
    const form = "csrfToken=t&email=a%40example.test&password=p";
    const post = await requestForNextAuth(new NextRequest(URL_, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } }));
    expect(post.method).toBe("POST");
    expect(await post.text()).toBe(form);
    expect(post.headers.get("content-type")).toBe("application/x-www-form-urlencoded");

    const large = new NextRequest(URL_, { method: "POST", body: "a".repeat(NEXTAUTH_BODY_LIMIT_BYTES + 1) });
    await expect(requestForNextAuth(large)).rejects.toSatisfy((error) => error instanceof AppError && error.code === "payload_too_large");
  });
});
