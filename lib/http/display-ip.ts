// How a recorded address reads on screen and in exports: the form addresses
// are recorded in today (normaliseIp: an IPv4-mapped IPv6 address as the IPv4
// address it is), applied to rows written before that, which still hold what
// the socket reported.
import { normaliseIp } from "./client-ip";

/** A recorded address in today's form; anything that is no address, as recorded (trimmed). Never throws. */
export function displayIp(ip: string): string {
  return normaliseIp(ip) ?? ip.trim();
}
