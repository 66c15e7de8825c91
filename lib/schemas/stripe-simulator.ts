import { z } from "zod";

/** The form the simulated onboarding and authorize pages post. */
export const simulatorFinishSchema = z.discriminatedUnion("flow", [
  z.object({ flow: z.literal("account_link"), link: z.string().min(1).max(100), outcome: z.enum(["complete", "requirements_due"]) }),
  z.object({
    flow: z.literal("oauth"),
    redirect_uri: z.url().max(2000),
    state: z.string().min(1).max(200),
    outcome: z.enum(["complete", "requirements_due", "deny"]),
  }),
]);
export type SimulatorFinishInput = z.infer<typeof simulatorFinishSchema>;
