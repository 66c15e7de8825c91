import { describe, expect, it } from "vitest";
import { emptyHistogram, LATENCY_BUCKETS_MS, LATENCY_COLUMNS, latencyBucketIndex, percentileFromHistogram } from "@/lib/api-traffic/latency-buckets";

describe("latencyBucketIndex", () => {
  it.each([
    [0, 0],
    [1, 0],
    [1.2, 1],
    [2, 1],
    [3, 2],
    [10, 3],
    [10.5, 4],
    [9999, 12],
    [10000, 12],
    [10001, 13],
    [600_000, 13],
  ])("%s ms falls in bucket %s", (latency, bucket) => {
    expect(latencyBucketIndex(latency)).toBe(bucket);
  });
});

describe("percentileFromHistogram", () => {
  const histogram = (counts: Record<number, number>) => {
    const h = emptyHistogram();
    for (const [index, count] of Object.entries(counts)) h[Number(index)] = count;
    return h;
  };

  it.each([
    ["nothing counted", histogram({}), 0.5, null],
    ["one request", histogram({ 2: 1 }), 0.99, 5],
    ["median of 100 split 50/50", histogram({ 0: 50, 4: 50 }), 0.5, 1],
    ["just past the median", histogram({ 0: 49, 4: 51 }), 0.5, 25],
    ["p95 in the tail", histogram({ 1: 94, 6: 5, 9: 1 }), 0.95, 100],
    ["p99 lands on the last request", histogram({ 1: 99, 9: 1 }), 0.99, 2],
    ["p100 is the slowest bucket", histogram({ 1: 99, 9: 1 }), 1, 1000],
    ["the overflow answers the largest bound", histogram({ 13: 3 }), 0.5, 10000],
  ])("%s", (_name, h, q, expected) => {
    expect(percentileFromHistogram(h, q)).toBe(expected);
  });

  it("has one column per bound plus the overflow", () => {
    expect(LATENCY_COLUMNS).toHaveLength(LATENCY_BUCKETS_MS.length + 1);
    expect(LATENCY_COLUMNS.at(-1)).toBe("latencyOver");
  });
});
