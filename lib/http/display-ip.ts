// How a recorded address reads on screen and in exports. Pure and without
// dependencies: the audit table renders it, and rows written before addresses
// were normalised on the way in still hold what the socket reported.

const MAPPED_DOTTED = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_HEX = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

const isOctets = (parts: number[]) => parts.length === 4 && parts.every((part) => Number.isInteger(part) && part >= 0 && part <= 255);

/**
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, `::ffff:c000:201`, also
 * written out in full) as the IPv4 address it is; anything else as it was
 * recorded, trimmed. Never throws: an odd stored value still shows.
 */
export function displayIp(ip: string): string {
  const text = ip.trim();
  const dotted = MAPPED_DOTTED.exec(text);
  if (dotted) {
    const parts = dotted[1].split(".").map(Number);
    return isOctets(parts) && dotted[1].split(".").every((part) => part === String(Number(part))) ? parts.join(".") : text;
  }
  const hex = MAPPED_HEX.exec(text);
  if (hex) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return text;
}
