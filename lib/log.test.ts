import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskSecrets, REDACTED } from "./log";

/** A pino destination that keeps what it is given. */
function memoryDestination() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

const SECRETS = {
  liveKey: "sk_live_51AbCdEfGhIjKlMnOpQrStUv",
  testKey: "sk_test_9ZyXwVuTsRqPoNmLkJiH",
  restrictedKey: "rk_live_4bC5dE6fG7hI8jK9",
  webhookSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  password: "correct horse battery staple",
  cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0",
};

describe("the logger keeps secrets out of its lines", () => {
  it("in object fields, in nested header objects and inside message strings", () => {
    const destination = memoryDestination();
    const logger = createLogger(destination.stream, "info");
    logger.info({ key: SECRETS.liveKey, password: SECRETS.password, user: { password: SECRETS.password } }, "object fields");
    logger.info(
      {
        req: { headers: { authorization: `Bearer ${SECRETS.testKey}`, cookie: SECRETS.cookie, "user-agent": "vitest" } },
        headers: { authorization: `Bearer ${SECRETS.restrictedKey}` },
      },
      "nested headers",
    );
    logger.warn({ error: `Receiver refused the signature made with ${SECRETS.webhookSecret}` }, `calling with ${SECRETS.liveKey} failed`);
    logger.error(`key ${SECRETS.testKey} and ${SECRETS.restrictedKey} and ${SECRETS.webhookSecret} in a message`);
    logger.info({ attempts: [{ note: `secret ${SECRETS.webhookSecret}` }] }, "arrays");
    logger.info({ input: { body: { user: { new_password: SECRETS.password } } }, response: { headers: { "set-cookie": SECRETS.cookie } } }, "deeper");

    const output = destination.text();
    const lines = output.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    for (const [kind, secret] of Object.entries(SECRETS)) expect(output, kind).not.toContain(secret);
    // What is not secret is still there, and each mask says what kind of secret it hid.
    expect(lines[0]).toMatchObject({ msg: "object fields", password: REDACTED, user: { password: REDACTED }, key: `sk_live_${REDACTED}` });
    expect(lines[1].req.headers).toEqual({ authorization: REDACTED, cookie: REDACTED, "user-agent": "vitest" });
    expect(lines[1].headers).toEqual({ authorization: REDACTED });
    expect(lines[2].msg).toBe(`calling with sk_live_${REDACTED} failed`);
    expect(lines[3].msg).toBe(`key sk_test_${REDACTED} and rk_live_${REDACTED} and whsec_${REDACTED} in a message`);
    expect(lines[5]).toMatchObject({ input: { body: { user: { new_password: REDACTED } } }, response: { headers: { "set-cookie": REDACTED } } });
  });

  it("leaves the object it was given untouched", () => {
    const destination = memoryDestination();
    const fields = { detail: { note: `with ${SECRETS.liveKey}` } };
    createLogger(destination.stream, "info").info(fields, "kept");
    expect(fields.detail.note).toBe(`with ${SECRETS.liveKey}`);
  });
});

describe("maskSecrets", () => {
  it("masks every secret key and signing secret, keeping the prefix", () => {
    expect(maskSecrets(`a ${SECRETS.liveKey}, b ${SECRETS.webhookSecret}.`)).toBe(`a sk_live_${REDACTED}, b whsec_${REDACTED}.`);
  });

  it("leaves publishable keys, ids and plain text alone", () => {
    for (const text of ["pk_live_51AbCdEf", "pay_1a2b3c", "msg_2x9", "a task_live_list", "nothing here"]) expect(maskSecrets(text)).toBe(text);
  });
});
