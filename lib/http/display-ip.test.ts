import { describe, expect, it } from "vitest";
import { displayIp } from "./display-ip";

describe("displayIp", () => {
  it.each([
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:127.0.0.1", "127.0.0.1"],
    ["0:0:0:0:0:ffff:198.51.100.2", "198.51.100.2"],
    ["0000:0000:0000:0000:0000:ffff:198.51.100.2", "198.51.100.2"],
    ["::ffff:c000:201", "192.0.2.1"],
    ["::ffff:cb00:7107", "203.0.113.7"],
    ["  ::ffff:10.0.0.1 ", "10.0.0.1"],
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8::1", "2001:db8::1"],
    ["::1", "::1"],
    // Other IPv6 addresses in the canonical form new rows are recorded in; no address at all, as recorded.
    ["1::ffff:1.2.3.4", "1::ffff:102:304"],
    ["::fffe:1.2.3.4", "::fffe:102:304"],
    ["::ffff:999.1.1.1", "::ffff:999.1.1.1"],
    ["not an address", "not an address"],
    ["", ""],
  ])("shows %j as %j", (recorded, shown) => {
    expect(displayIp(recorded)).toBe(shown);
  });
});
